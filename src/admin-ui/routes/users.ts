/**
 * The users page (administrators only): the accounts, inviting, changing a role or an
 * organisation, disabling, inviting again. The rules live in src/accounts/user-admin.ts; this
 * module reads the forms and says the outcome in the page's language.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  changeUserAccess,
  disableAccount,
  reinviteUser,
  type Actor,
  type AdminRefusal,
} from '../../accounts/user-admin.ts';
import { inviteUser } from '../../accounts/users.ts';
import { staffOf } from '../../api/auth/staff.ts';
import { HttpProblem } from '../../api/problem.ts';
import { adminT } from '../../i18n/admin.ts';
import { accountMailConfigured } from '../../rounds/mail/account-mail.ts';
import {
  AlreadyExistsError,
  getUserById,
  listOrganisationChoices,
  listUsers,
  USER_ROLES,
  type Db,
  type User,
  type UserRole,
} from '../../storage/index.ts';
import { deliverInvitation } from '../account-links.ts';
import { withLang } from '../layout.ts';
import {
  userPage,
  userPath,
  usersPage,
  usersPath,
  type InviteValues,
  type ShownLink,
} from '../pages/users.ts';
import { ADMIN, form, hidden, langOf, see, sendHtml, viewerOf, type AdminContext } from '../respond.ts';

/** Notices come back through the URL as a key of the catalogue, never as free text. */
const NOTICES = ['users.invited', 'users.saved', 'users.disabled', 'users.reinvited'] as const;
const noticeOf = (request: FastifyRequest): string | null => {
  const key = (request.query as { notice?: string }).notice;
  return (NOTICES as readonly string[]).includes(key ?? '') ? adminT(langOf(request))(key!) : null;
};

const actorOf = (request: FastifyRequest): Actor => {
  const staff = staffOf(request);
  return { userId: staff.userId, email: staff.email };
};

async function userParam(db: Db, request: FastifyRequest): Promise<User> {
  const { id } = request.params as { id: string };
  const user = /^[1-9]\d{0,14}$/.test(id) ? await getUserById(db, Number(id)) : undefined;
  if (!user) throw new HttpProblem(404, 'not-found', 'Not found', 'No such user.');
  return user;
}

/** The role and organisation of a form, or what is wrong with them (in the page's language). */
async function accessOf(
  db: Db,
  values: InviteValues,
  t: (key: string) => string,
): Promise<{ ok: true; role: UserRole; organisationId: number | null } | { ok: false; problem: string }> {
  const role = USER_ROLES.find((r) => r === values.role);
  if (!role) return { ok: false, problem: t('users.badRole') };
  if (role !== 'org_lead') return { ok: true, role, organisationId: null };
  const id = /^[1-9]\d{0,14}$/.test(values.organisation ?? '') ? Number(values.organisation) : null;
  const known = id !== null && (await listOrganisationChoices(db)).some((o) => o.id === id);
  return known
    ? { ok: true, role, organisationId: id }
    : { ok: false, problem: t('users.needsOrganisation') };
}

const refusalKey: Record<AdminRefusal, string> = {
  'not-found': 'errors.notFound',
  self: 'users.refused.self',
  'last-admin': 'users.refused.lastAdmin',
  'needs-organisation': 'users.needsOrganisation',
};

export function userRoutes(app: FastifyInstance, { db }: AdminContext): void {
  const showList = async (
    request: FastifyRequest,
    extra: { values?: InviteValues; problems?: string[]; shown?: ShownLink | null; notice?: string | null },
  ) =>
    usersPage(langOf(request), viewerOf(request), {
      users: await listUsers(db),
      organisations: await listOrganisationChoices(db),
      mail: accountMailConfigured(),
      ...extra,
    });

  const showUser = async (
    request: FastifyRequest,
    user: User,
    extra: { problems?: string[]; shown?: ShownLink | null; notice?: string | null } = {},
  ) =>
    userPage(langOf(request), viewerOf(request), {
      user,
      organisations: await listOrganisationChoices(db),
      self: user.id === staffOf(request).userId,
      mail: accountMailConfigured(),
      ...extra,
    });

  app.get(usersPath, { config: { access: ADMIN }, schema: hidden }, async (request, reply) =>
    sendHtml(reply, await showList(request, { notice: noticeOf(request) })),
  );

  app.post(usersPath, { config: { access: ADMIN }, schema: hidden }, async (request, reply) => {
    const lang = langOf(request);
    const t = adminT(lang);
    const body = form(request);
    const values: InviteValues = {
      email: (body.email ?? '').trim().slice(0, 320),
      role: body.role ?? '',
      organisation: body.organisation ?? '',
    };
    const problems: string[] = [];
    if (!z.email().safeParse(values.email).success) problems.push(t('users.badEmail'));
    const access = await accessOf(db, values, t);
    if (!access.ok) problems.push(access.problem);
    if (problems.length > 0 || !access.ok)
      return sendHtml(reply, await showList(request, { values, problems }), 422);
    let invited;
    try {
      invited = await inviteUser(
        db,
        { email: values.email!, role: access.role, organisationId: access.organisationId },
        actorOf(request).email,
      );
    } catch (err) {
      if (!(err instanceof AlreadyExistsError)) throw err;
      return sendHtml(
        reply,
        await showList(request, { values, problems: [t('users.exists', { email: values.email })] }),
        409,
      );
    }
    const shown = await deliverInvitation(request.log, {
      email: invited.user.email,
      token: invited.token,
      expiresAt: invited.expiresAt,
      lang,
    });
    // A link shown once is in this answer only: never in a URL a redirect would put in history.
    if (shown) return sendHtml(reply, await showList(request, { shown, notice: t('users.invited') }));
    return see(reply, withLang(`${usersPath}?notice=users.invited`, lang));
  });

  app.get('/admin/users/:id', { config: { access: ADMIN }, schema: hidden }, async (request, reply) =>
    sendHtml(reply, await showUser(request, await userParam(db, request), { notice: noticeOf(request) })),
  );

  app.post('/admin/users/:id', { config: { access: ADMIN }, schema: hidden }, async (request, reply) => {
    const lang = langOf(request);
    const t = adminT(lang);
    const user = await userParam(db, request);
    const body = form(request);
    const access = await accessOf(db, { role: body.role ?? '', organisation: body.organisation ?? '' }, t);
    if (!access.ok)
      return sendHtml(reply, await showUser(request, user, { problems: [access.problem] }), 422);
    const result = await changeUserAccess(db, user.id, access, actorOf(request));
    if (!result.ok)
      return sendHtml(
        reply,
        await showUser(request, user, { problems: [t(refusalKey[result.reason])] }),
        409,
      );
    return see(reply, withLang(`${userPath(user.id)}?notice=users.saved`, lang));
  });

  app.post(
    '/admin/users/:id/disable',
    { config: { access: ADMIN }, schema: hidden },
    async (request, reply) => {
      const lang = langOf(request);
      const user = await userParam(db, request);
      const result = await disableAccount(db, user.id, actorOf(request));
      if (!result.ok)
        return sendHtml(
          reply,
          await showUser(request, user, { problems: [adminT(lang)(refusalKey[result.reason])] }),
          409,
        );
      return see(reply, withLang(`${userPath(user.id)}?notice=users.disabled`, lang));
    },
  );

  app.post(
    '/admin/users/:id/reinvite',
    { config: { access: ADMIN }, schema: hidden },
    async (request, reply) => {
      const lang = langOf(request);
      const t = adminT(lang);
      const user = await userParam(db, request);
      const result = await reinviteUser(db, user.id, actorOf(request));
      if (!result.ok)
        return sendHtml(
          reply,
          await showUser(request, user, { problems: [t(refusalKey[result.reason])] }),
          409,
        );
      const shown = await deliverInvitation(request.log, {
        email: result.user.email,
        token: result.token,
        expiresAt: result.expiresAt,
        lang,
      });
      if (shown)
        return sendHtml(reply, await showUser(request, result.user, { shown, notice: t('users.reinvited') }));
      return see(reply, withLang(`${userPath(user.id)}?notice=users.reinvited`, lang));
    },
  );
}
