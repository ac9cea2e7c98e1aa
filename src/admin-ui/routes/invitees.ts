/**
 * The invitee list of a round and what can be done to one invitee: correct the address or
 * role, mail the invitation again, remove (after a confirmation page).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { staffOf } from '../../api/auth/staff.ts';
import { notFound } from '../../api/problem.ts';
import { inviteeFilterOf, roleItemOfRound } from '../../api/services/invitees.ts';
import type { Lang } from '../../core/instrument/types.ts';
import { adminT } from '../../i18n/admin.ts';
import {
  correctInvitee,
  InviteeChangeRefused,
  removeInviteeFromRound,
  resendInvitation,
} from '../../rounds/invitees.ts';
import { smtpConfigFromEnv } from '../../rounds/mail/transport.ts';
import { jobPath } from '../pages/jobs.ts';
import { configuredPublicUrl } from '../../rounds/public-url.ts';
import { findInvitees, getInvitee, INVITEES_PER_PAGE, type Db, type Round } from '../../storage/index.ts';
import { withLang } from '../layout.ts';
import { inviteeListPage, inviteePage, inviteePath, inviteesPath, removePage } from '../pages/invitees.ts';
import { form, hidden, langOf, RUNNERS, see, sendHtml, viewerOf, type AdminContext } from '../respond.ts';
import { roundParam } from '../round-page.ts';

/** Notices come back through the URL as a key of the catalogue, never as free text. */
const NOTICES = ['invitees.updated', 'invitees.removed'] as const;

function noticeOf(request: FastifyRequest, lang: Lang): string | null {
  const { notice } = request.query as { notice?: string };
  return NOTICES.includes(notice as (typeof NOTICES)[number]) ? adminT(lang)(notice!) : null;
}

const withNotice = (path: string, notice: (typeof NOTICES)[number], lang: Lang) =>
  withLang(`${path}?notice=${notice}`, lang);

/** The invitee named in the URL, of the round named in it (404 for anyone else's). */
async function inviteeParam(db: Db, request: FastifyRequest, round: Round) {
  const id = Number((request.params as { id: string }).id);
  const invitee = Number.isSafeInteger(id) && id > 0 ? await getInvitee(db, round.id, id) : undefined;
  if (!invitee) throw notFound();
  return invitee;
}

/** The page's sentence for a refused change. */
const refusalText = (lang: Lang, err: InviteeChangeRefused, codes: readonly string[] | null) =>
  adminT(lang)(`invitees.refused.${err.reason}`, { codes: codes?.join(', ') ?? '' });

export function inviteeRoutes(app: FastifyInstance, { db }: AdminContext): void {
  app.get(
    '/admin/rounds/:name/invitees',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const { filter, page } = inviteeFilterOf(request.query as Record<string, unknown>);
      const found = await findInvitees(db, round.id, filter, page);
      const lang = langOf(request);
      return sendHtml(
        reply,
        inviteeListPage(lang, viewerOf(request), {
          round,
          filter,
          page,
          perPage: INVITEES_PER_PAGE,
          found,
          roleItem: await roleItemOfRound(db, round),
          notice: noticeOf(request, lang),
        }),
      );
    },
  );

  const showInvitee = async (
    request: FastifyRequest,
    round: Round,
    extra: { problems?: string[]; values?: { email: string; role: string }; status?: number } = {},
  ) => {
    const lang = langOf(request);
    return inviteePage(lang, viewerOf(request), {
      round,
      invitee: await inviteeParam(db, request, round),
      roleItem: await roleItemOfRound(db, round),
      smtp: Boolean(process.env.SMTP_URL),
      ...(extra.values ? { values: extra.values } : {}),
      problems: extra.problems ?? [],
      notice: noticeOf(request, lang),
    });
  };

  app.get(
    '/admin/rounds/:name/invitees/:id',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => sendHtml(reply, await showInvitee(request, await roundParam(db, request))),
  );

  app.post(
    '/admin/rounds/:name/invitees/:id',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const lang = langOf(request);
      const invitee = await inviteeParam(db, request, round);
      const values = { email: form(request).email ?? '', role: form(request).role ?? '' };
      const roleItem = await roleItemOfRound(db, round);
      try {
        await correctInvitee(
          db,
          round,
          invitee.respondentId,
          {
            email: values.email,
            role: values.role,
            revokeLinks: form(request).revoke === '1',
            keepLinks: form(request).keep_links === '1',
          },
          roleItem?.codes ?? null,
          staffOf(request).email,
        );
      } catch (err) {
        if (!(err instanceof InviteeChangeRefused)) throw err;
        const problems = [refusalText(lang, err, roleItem?.codes ?? null)];
        return sendHtml(reply, await showInvitee(request, round, { problems, values }), 422);
      }
      return see(reply, withNotice(inviteePath(round, invitee.respondentId), 'invitees.updated', lang));
    },
  );

  app.post(
    '/admin/rounds/:name/invitees/:id/resend',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const lang = langOf(request);
      const t = adminT(lang);
      const invitee = await inviteeParam(db, request, round);
      const config = smtpConfigFromEnv();
      const baseUrl = configuredPublicUrl();
      if (!config || baseUrl === null)
        return sendHtml(
          reply,
          await showInvitee(request, round, { problems: [t(config ? 'round.noPublicUrl' : 'round.noSmtp')] }),
          503,
        );
      try {
        const job = await resendInvitation(
          db,
          round,
          invitee.respondentId,
          { newLink: form(request).new_link === '1' },
          staffOf(request).email,
        );
        // The job's page shows when the mail went, or why it did not.
        return see(reply, jobPath(job.id, lang));
      } catch (err) {
        if (!(err instanceof InviteeChangeRefused)) throw err;
        return sendHtml(
          reply,
          await showInvitee(request, round, { problems: [refusalText(lang, err, null)] }),
          409,
        );
      }
    },
  );

  app.get(
    '/admin/rounds/:name/invitees/:id/remove',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const invitee = await inviteeParam(db, request, round);
      if (invitee.status === 'submitted' || round.status === 'closed')
        return sendHtml(reply, await showInvitee(request, round), 409);
      return sendHtml(reply, removePage(langOf(request), viewerOf(request), round, invitee));
    },
  );

  app.post(
    '/admin/rounds/:name/invitees/:id/remove',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const lang = langOf(request);
      const invitee = await inviteeParam(db, request, round);
      // Only the confirmation page's own button removes anyone.
      if (form(request).confirm !== 'yes')
        return sendHtml(reply, removePage(lang, viewerOf(request), round, invitee));
      try {
        await removeInviteeFromRound(db, round, invitee.respondentId, staffOf(request).email);
      } catch (err) {
        if (!(err instanceof InviteeChangeRefused)) throw err;
        return sendHtml(
          reply,
          await showInvitee(request, round, { problems: [refusalText(lang, err, null)] }),
          409,
        );
      }
      return see(reply, withNotice(inviteesPath(round), 'invitees.removed', lang));
    },
  );
}
