/**
 * The users page end to end, on both backends: invite → set password → log in → disable →
 * cannot log in; invite again kills the old link; role and organisation changes; the rules that
 * keep an administrator; "forgot password" through a real SMTP conversation on loopback.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { disableAccount, changeUserAccess } from '../../src/accounts/user-admin.ts';
import { RESET_THROTTLE } from '../../src/accounts/policy.ts';
import { createApiToken } from '../../src/api/data/api-tokens.ts';
import { redactUrl } from '../../src/api/request-path.ts';
import { missingAdminKeys } from '../../src/i18n/admin.ts';
import { findUserByEmail, getOrganisationByName, listAudit, type Db } from '../../src/storage/index.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { startWorld, type World } from './helpers.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';

const PASSWORD = 'a long enough passphrase';
const LINK = /\/admin\/set-password\/([A-Za-z0-9_-]{43})/;

const cookiesOf = (res: LightMyRequestResponse): string =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string | string[] | undefined) ?? [])
    .map((c) => c.split(';')[0]!)
    .join('; ');

/** The log-in form as a browser fills it: the page first (its token and cookie), then the post. */
async function formLogin(world: World, email: string, password: string) {
  const page = await world.app.inject({ url: '/admin/login' });
  const token = /name="_login" value="([^"]+)"/.exec(page.body)![1]!;
  return world.app.inject({
    method: 'POST',
    url: '/admin/login',
    headers: { cookie: cookiesOf(page), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _login: token, email, password }).toString(),
  });
}

const post = (world: World, url: string, fields: Record<string, string>) =>
  world.as('admin', {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });

async function setPassword(world: World, token: string, password = PASSWORD) {
  return world.app.inject({
    method: 'POST',
    url: `/admin/set-password/${token}`,
    payload: new URLSearchParams({ password, repeat: password }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

const actions = async (db: Db) => (await listAudit(db, { limit: 100 })).map((e) => e.action);

let smtp: TestSmtpServer | null = null;
const configuredUrl = process.env.PEJLING_PUBLIC_URL;
afterEach(async () => {
  for (const name of ['SMTP_URL', 'SMTP_FROM']) delete process.env[name];
  if (configuredUrl === undefined) delete process.env.PEJLING_PUBLIC_URL;
  else process.env.PEJLING_PUBLIC_URL = configuredUrl;
  await smtp?.close();
  smtp = null;
});

async function withMail() {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  process.env.SMTP_FROM = 'pejling@example.dk';
  process.env.PEJLING_PUBLIC_URL = 'https://pejling.example.dk';
  return smtp;
}

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 250; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeEachBackend('users page', (getDb) => {
  it('invites without mail (link shown once), sets the password, logs in, disables: the user is out and cannot log in', async () => {
    const world = await startWorld(getDb());
    const invited = await post(world, '/admin/users', { email: 'New@Example.dk', role: 'analyst' });
    expect(invited.statusCode).toBe(200);
    expect(invited.headers['cache-control']).toMatch(/no-store/);
    const token = LINK.exec(invited.body)![1]!;
    expect(invited.body).toContain('Mail er ikke sat op');

    // The list shows the new user as invited, and the link is nowhere on a later view.
    const list = await world.as('admin', { url: '/admin/users' });
    expect(list.body).toMatch(
      /new@example\.dk<\/a>[\s\S]*?Analytiker|new@example\.dk<\/a>[\s\S]*?analytiker/i,
    );
    expect(list.body).toContain('Inviteret');
    expect(list.body).not.toContain(token);

    const page = await world.app.inject({ url: `/admin/set-password/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toMatch(/no-store/);
    expect((await setPassword(world, token)).statusCode).toBe(200);
    expect((await setPassword(world, token, 'another long passphrase')).statusCode).toBe(404);

    const login = await formLogin(world, 'new@example.dk', PASSWORD);
    expect(login.statusCode).toBe(303);
    const session = cookiesOf(login);
    expect((await world.app.inject({ url: '/admin', headers: { cookie: session } })).statusCode).toBe(200);
    const user = (await findUserByEmail(world.db, 'new@example.dk'))!;
    expect(user.lastLoginAt).not.toBeNull();
    expect((await world.as('admin', { url: '/admin/users' })).body).toContain('Aktiv');

    const disabled = await post(world, `/admin/users/${user.id}/disable`, {});
    expect(disabled.statusCode).toBe(303);
    expect(disabled.headers.location).toContain('notice=users.disabled');
    // The open session ends at once: the next page asks for a log-in.
    const after = await world.app.inject({ url: '/admin', headers: { cookie: session } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/admin\/login/);
    expect((await formLogin(world, 'new@example.dk', PASSWORD)).statusCode).toBe(401);
    expect((await world.as('admin', { url: '/admin/users' })).body).toContain('Deaktiveret');
    expect(await actions(world.db)).toEqual(
      expect.arrayContaining(['user.invite', 'user.password-set', 'auth.login', 'user.disable']),
    );
  });

  it('invites again: the old link dies; a disabled user comes back only through the new link', async () => {
    const world = await startWorld(getDb());
    const first = LINK.exec(
      (await post(world, '/admin/users', { email: 'x@example.dk', role: 'analyst' })).body,
    )![1]!;
    expect((await setPassword(world, first)).statusCode).toBe(200);
    const user = (await findUserByEmail(world.db, 'x@example.dk'))!;
    const { token: apiToken } = await createApiToken(world.db, { email: 'x@example.dk', role: 'analyst' });
    const api = () =>
      world.app.inject({ url: '/api/rounds', headers: { authorization: `Bearer ${apiToken}` } });
    expect((await api()).statusCode).toBe(200);
    await post(world, `/admin/users/${user.id}/disable`, {});
    expect((await api()).statusCode).toBe(401);

    const again = await post(world, `/admin/users/${user.id}/reinvite`, {});
    expect(again.statusCode).toBe(200);
    const second = LINK.exec(again.body)![1]!;
    const third = LINK.exec((await post(world, `/admin/users/${user.id}/reinvite`, {})).body)![1]!;
    expect(new Set([first, second, third]).size).toBe(3);
    // Enabled again, but the old password no longer works, nor does the replaced link.
    expect((await formLogin(world, 'x@example.dk', PASSWORD)).statusCode).toBe(401);
    expect((await world.app.inject({ url: `/admin/set-password/${second}` })).statusCode).toBe(404);
    expect((await setPassword(world, second)).statusCode).toBe(404);
    expect((await setPassword(world, third, 'the newest long passphrase')).statusCode).toBe(200);
    expect((await formLogin(world, 'x@example.dk', 'the newest long passphrase')).statusCode).toBe(303);
    // Its API tokens ended with the disabling and do not come back.
    expect((await api()).statusCode).toBe(401);
    expect(await actions(world.db)).toContain('user.reinvite');
  });

  it('changes role and organisation (ending the sessions), and refuses what would lock the installation out', async () => {
    const world = await startWorld(getDb());
    const analyst = world.users.analyst;
    const org = (await getOrganisationByName(world.db, world.organisations.a))!;
    const session = await world.session('analyst');

    const noOrg = await post(world, `/admin/users/${analyst.id}`, { role: 'org_lead', organisation: '' });
    expect(noOrg.statusCode).toBe(422);
    expect(noOrg.body).toContain('en organisationsansvarlig skal have en organisation');
    const lead = await post(world, `/admin/users/${analyst.id}`, {
      role: 'org_lead',
      organisation: String(org.id),
    });
    expect(lead.statusCode).toBe(303);
    const changed = (await findUserByEmail(world.db, analyst.email))!;
    expect(changed).toMatchObject({ role: 'org_lead', organisationId: org.id });
    expect((await world.app.inject({ url: '/admin', headers: { cookie: session.cookie } })).statusCode).toBe(
      303,
    );

    // Yourself: neither disabled nor changed. The last active administrator: not by anyone.
    const self = await post(world, `/admin/users/${world.users.admin.id}/disable`, {});
    expect(self.statusCode).toBe(409);
    expect(self.body).toContain('din egen konto');
    const actor = { userId: world.users.analyst.id, email: 'someone@example.dk' };
    expect(await disableAccount(world.db, world.users.admin.id, actor)).toEqual({
      ok: false,
      reason: 'last-admin',
    });
    expect(
      await changeUserAccess(
        world.db,
        world.users.admin.id,
        { role: 'analyst', organisationId: null },
        actor,
      ),
    ).toEqual({ ok: false, reason: 'last-admin' });
    // Invalid input on the invitation form is named, in the page's language.
    const bad = await post(world, '/admin/users?lang=en', { email: 'nope', role: 'org_lead', lang: 'en' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('E-mail: type a valid e-mail address.');
    expect(bad.body).toContain('an organisation lead needs an organisation');
    const dup = await post(world, '/admin/users', { email: 'analyst@example.dk', role: 'analyst' });
    expect(dup.statusCode).toBe(409);
    expect(await actions(world.db)).toContain('user.update');
  });

  it('mails the invitation when mail is configured, and shows no link', async () => {
    const server = await withMail();
    const world = await startWorld(getDb());
    const res = await post(world, '/admin/users', { email: 'mailed@example.dk', role: 'analyst' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('notice=users.invited');
    const mail = await until(() => server.mails.find((m) => m.to.includes('mailed@example.dk')), 'the mail');
    expect(mail.subject).toBe('Din adgang til Pejling');
    expect(mail.text).toMatch(/https:\/\/pejling\.example\.dk\/admin\/set-password\/[A-Za-z0-9_-]{43}/);
    expect(mail.text).toMatch(/indtil \d{1,2}\. \p{L}+ \d{4} kl\. \d{2}\.\d{2}/u);
    expect((await setPassword(world, LINK.exec(mail.text)![1]!)).statusCode).toBe(200);
  });

  it('"forgot password": the same answer for every address, a one-time link by mail, throttled; a reset ends other sessions', async () => {
    const server = await withMail();
    const world = await startWorld(getDb());
    const known = 'analyst@example.dk';
    const first = LINK.exec((await post(world, `/admin/users/${world.users.analyst.id}/reinvite`, {})).body);
    expect(first).toBeNull(); // mailed, not shown
    const invite = await until(() => server.mails.find((m) => m.to.includes(known)), 'the invitation');
    await setPassword(world, LINK.exec(invite.text)![1]!);
    server.mails.length = 0;
    const session = cookiesOf(await formLogin(world, known, PASSWORD));

    expect((await world.app.inject({ url: '/admin/login' })).body).toContain('/admin/forgot-password');
    const ask = async (email: string) => {
      const form = await world.app.inject({ url: '/admin/forgot-password' });
      const token = /name="_login" value="([^"]+)"/.exec(form.body)![1]!;
      return world.app.inject({
        method: 'POST',
        url: '/admin/forgot-password',
        headers: { cookie: cookiesOf(form), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _login: token, email }).toString(),
      });
    };
    const forKnown = await ask(known.toUpperCase());
    const forUnknown = await ask('nobody@example.dk');
    expect(forKnown.statusCode).toBe(200);
    expect(forUnknown.statusCode).toBe(200);
    expect(forKnown.body).toBe(forUnknown.body);
    const reset = await until(() => server.mails.find((m) => m.to.includes(known)), 'the reset mail');
    expect(reset.subject).toBe('Vælg en ny adgangskode til Pejling');
    await new Promise((r) => setTimeout(r, 100));
    expect(server.mails.filter((m) => m.to.includes('nobody@example.dk'))).toEqual([]);

    const token = LINK.exec(reset.text)![1]!;
    const page = await world.app.inject({ url: `/admin/set-password/${token}` });
    expect(page.body).toContain('Vælg en ny adgangskode');
    expect((await setPassword(world, token, 'a brand new passphrase')).statusCode).toBe(200);
    expect((await world.app.inject({ url: '/admin', headers: { cookie: session } })).statusCode).toBe(303);
    expect((await formLogin(world, known, 'a brand new passphrase')).statusCode).toBe(303);
    expect(await actions(world.db)).toEqual(
      expect.arrayContaining(['user.password-reset-requested', 'user.password-reset']),
    );

    // Past the limit for one address: the same answer, no more mails.
    server.mails.length = 0;
    for (let i = 0; i < RESET_THROTTLE.accountRequests + 1; i++)
      expect((await ask(known)).body).toBe(forUnknown.body);
    // The work behind the answer runs after it (its timing must tell nothing): wait for the
    // mails the limit lets through, then make sure no more come.
    await until(
      () => server.mails.length >= RESET_THROTTLE.accountRequests - 1 || undefined,
      'the mails under the limit',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(server.mails.length).toBe(RESET_THROTTLE.accountRequests - 1);
  });

  it('offers no "forgot password" without mail, and keeps set-password links out of logs and caches', async () => {
    const world = await startWorld(getDb());
    expect((await world.app.inject({ url: '/admin/login' })).body).not.toContain('forgot-password');
    expect((await world.app.inject({ url: '/admin/forgot-password' })).statusCode).toBe(404);
    // A malformed mail setting never breaks the log-in page.
    process.env.SMTP_URL = 'not a url';
    process.env.SMTP_FROM = 'pejling@example.dk';
    const login = await world.app.inject({ url: '/admin/login' });
    expect(login.statusCode).toBe(200);
    expect(login.body).not.toContain('forgot-password');
    const token = 'A'.repeat(43);
    expect(redactUrl(`/admin/set-password/${token}?lang=en`)).toBe('/admin/set-password/[token]?lang=en');
    expect(redactUrl(`/admin/set-%70assword/${token}`)).toBe('/admin/set-password/[token]');
    const res = await world.app.inject({ url: `/admin/set-password/${token}` });
    expect(res.statusCode).toBe(404);
    expect(res.headers['cache-control']).toMatch(/no-store/);
  });

  it('is for administrators only', async () => {
    const world = await startWorld(getDb());
    for (const role of ['analyst', 'org_lead'] as const)
      expect((await world.as(role, { url: '/admin/users' })).statusCode).toBe(403);
  });
});

// Runs after the pages above were rendered in this process: none of them asked for a missing text.
it('renders every users-page text from the catalogues', () => {
  expect(missingAdminKeys()).toEqual([]);
});
