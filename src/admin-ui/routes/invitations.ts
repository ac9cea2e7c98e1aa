/** Who takes part in a round: invitee files, links, mail, erasing addresses, the analysts. */
import type { FastifyInstance } from 'fastify';
import { inviteeAttributesWriter } from '../../api/services/organisations.ts';
import { staffOf } from '../../api/auth/staff.ts';
import { adminT } from '../../i18n/admin.ts';
import { roleCodesOf } from '../../api/services/invitees.ts';
import { checkRoles, readInviteeFile } from '../../rounds/invitee-file.ts';
import { enqueueInvitationMails } from '../../rounds/invitation-jobs.ts';
import { addInvitees, InviteeConflict, issueLinks, linksCsv } from '../../rounds/invitations.ts';
import { smtpConfigFromEnv } from '../../rounds/mail/transport.ts';
import { configuredPublicUrl } from '../../rounds/public-url.ts';
import { appendAudit, assignRoundStaff, eraseRoundEmails, findUserByEmail } from '../../storage/index.ts';
import type { FileProblem } from '../../core/exchange/file-problems.ts';
import { fileProblemText } from '../../i18n/file-problems.ts';
import { jobPath } from '../pages/jobs.ts';
import {
  ADMIN,
  form,
  HEADERS,
  hidden,
  langOf,
  RUNNERS,
  see,
  UPLOAD_LIMIT,
  type AdminContext,
} from '../respond.ts';
import { roundParam, roundPath, showRound } from '../round-page.ts';

export function invitationRoutes(app: FastifyInstance, { db }: AdminContext): void {
  app.post(
    '/admin/rounds/:name/invitations',
    { config: { access: RUNNERS }, bodyLimit: UPLOAD_LIMIT, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const t = adminT(langOf(request));
      const file = form(request)._files?.file;
      if (!file || file.data.length === 0)
        return showRound(db, request, reply, round, { problems: [t('round.chooseFile')], status: 422 });
      const parsed = await readInviteeFile(file.data, /\.xlsx$/i.test(file.filename) ? 'xlsx' : 'csv');
      const problems = (list: readonly FileProblem[]) => ({
        problemsIntro: t('round.fileProblems'),
        problems: list.map((p) => fileProblemText(p, langOf(request))),
        status: 422,
      });
      if (!parsed.ok) return showRound(db, request, reply, round, problems(parsed.problems));
      const codes = await roleCodesOf(db, round);
      const checked = codes ? checkRoles(parsed.rows, codes) : parsed;
      if (!checked.ok) return showRound(db, request, reply, round, problems(checked.problems));
      try {
        const result = await addInvitees(
          db,
          round,
          checked.rows,
          staffOf(request).email,
          inviteeAttributesWriter(round),
        );
        // Say how the file was read, so a wrong guess is seen at once.
        const readAs = parsed.delimiter
          ? ` ${t(`round.readAs.${parsed.delimiter === ';' ? 'semicolon' : 'comma'}`)}`
          : '';
        return showRound(db, request, reply, round, {
          notice: `${t('round.uploaded', { ...result })}${readAs}`,
        });
      } catch (err) {
        if (err instanceof InviteeConflict)
          return showRound(db, request, reply, round, problems(err.problems));
        throw err;
      }
    },
  );

  app.post(
    '/admin/rounds/:name/links',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const base = configuredPublicUrl();
      if (base === null)
        return showRound(db, request, reply, round, {
          problems: [adminT(langOf(request))('round.noPublicUrl')],
          status: 503,
        });
      const scope = form(request).scope === 'pending' ? 'pending' : 'new';
      const links = await issueLinks(db, round, scope, base, staffOf(request).email);
      return reply
        .headers(HEADERS)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pejling-${round.name}-links.csv"`)
        .send(linksCsv(links));
    },
  );

  app.post(
    '/admin/rounds/:name/send',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const t = adminT(langOf(request));
      const config = smtpConfigFromEnv();
      if (!config)
        return showRound(db, request, reply, round, { problems: [t('round.noSmtp')], status: 503 });
      const base = configuredPublicUrl();
      if (base === null)
        return showRound(db, request, reply, round, { problems: [t('round.noPublicUrl')], status: 503 });
      if (round.status === 'closed')
        return showRound(db, request, reply, round, { problems: [t('jobs.roundClosed')], status: 409 });
      const body = form(request);
      const scope = body.scope === 'pending' ? 'pending' : 'new';
      const { job } = await enqueueInvitationMails(
        db,
        round,
        { scope },
        scope === 'new' ? 'invitation' : 'reminder',
        { newLink: body.newLink === '1' },
        staffOf(request).email,
      );
      return see(reply, jobPath(job.id, langOf(request)));
    },
  );

  app.post(
    '/admin/rounds/:name/erase-emails',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const t = adminT(langOf(request));
      if (round.status !== 'closed')
        return showRound(db, request, reply, round, { problems: [t('round.eraseNote')], status: 409 });
      const erased = await eraseRoundEmails(db, round.id);
      await appendAudit(db, {
        actor: staffOf(request).email,
        action: 'privacy.erase-emails',
        subject: `round:${round.name}`,
        details: { erased },
      });
      return showRound(db, request, reply, round, { notice: t('round.erased', { count: erased }) });
    },
  );

  app.post(
    '/admin/rounds/:name/staff',
    { config: { access: ADMIN }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const email = form(request).email ?? '';
      const user = await findUserByEmail(db, email);
      if (!user || user.role !== 'analyst')
        return showRound(db, request, reply, round, {
          problems: [`${email}: ${adminT(langOf(request))('errors.notFound')}`],
          status: 422,
        });
      await assignRoundStaff(db, round.id, user.id);
      await appendAudit(db, {
        actor: staffOf(request).email,
        action: 'round.assign-analyst',
        subject: `round:${round.name}`,
        details: { analyst: user.email },
      });
      return see(reply, roundPath(round, langOf(request), 'round.assigned'));
    },
  );
}
