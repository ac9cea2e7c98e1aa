/**
 * Single sign-on in a real browser against a real OpenID provider (`oidc-provider` on
 * loopback as `localhost`, the app as `127.0.0.1`: two sites). Walks success (the first log-in
 * links the account's subject), log-out (local session ended, the provider's log-out offered
 * and followed), an unknown user, a tampered state, a wrong nonce, a replayed callback and a
 * replayed code; password-off mode; an unreachable provider; the log holds no code, state or
 * token. Pages are checked with axe at 360 and 1280 px (screenshots test-output/screenshots/sso-*).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/accounts/password.ts';
import { authSettingsFromEnv, type AuthSettings } from '../../src/accounts/oidc/settings.ts';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { CHROMIUM_PATH, launchChromium } from '../../src/browser/chromium.ts';
import {
  accountsKysely,
  createUser,
  ensureOrganisation,
  listAudit,
  type Database,
} from '../../src/storage/index.ts';
import { checkAtWidths } from './page-checks.ts';
import { CLIENT_ID, CLIENT_SECRET, freePort, startProvider, type TestProvider } from './oidc-provider.ts';

const PASSWORD = 'a long enough passphrase';
let browser: Browser;
let db: Database;
let dir: string;
let url: string;
let idp: TestProvider;
let settings: AuthSettings;
const log: string[] = [];
const closers: Array<() => Promise<unknown>> = [];

const env = (origin: string, issuer: string, extra: Record<string, string> = {}) => ({
  PEJLING_OIDC_ISSUER: issuer,
  PEJLING_OIDC_CLIENT_ID: CLIENT_ID,
  PEJLING_OIDC_CLIENT_SECRET: CLIENT_SECRET,
  PEJLING_OIDC_REDIRECT_URL: `${origin}/admin/login/sso/callback`,
  PEJLING_OIDC_SCOPES: 'openid email groups',
  ...extra,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-sso-'));
  db = await openApiDatabase({ backend: 'sqlite', dataDir: dir });
  const org = await ensureOrganisation(db, { name: 'K1 Kommune', sector: 'kommune' });
  await createUser(db, {
    email: 'admin@example.dk',
    role: 'admin',
    passwordHash: await hashPassword(PASSWORD),
  });
  await createUser(db, { email: 'lead@example.dk', role: 'org_lead', organisationId: org.id });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  idp = await startProvider(url);
  closers.push(() => idp.close());
  settings = authSettingsFromEnv(env(url, idp.issuer));
  const app = buildApp({
    db,
    auth: settings,
    logger: { level: 'info', stream: { write: (l) => log.push(l) } },
  });
  await app.listen({ host: '127.0.0.1', port });
  closers.push(() => app.close());
  browser = await launchChromium(CHROMIUM_PATH);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const close of closers.reverse()) await close();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

async function fresh(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: url });
  const page = await context.newPage();
  return { context, page };
}

/** At the provider's development pages: log in as `account` (any password), then consent. */
async function atProvider(page: Page, account: string): Promise<void> {
  await page.waitForURL((u) => u.hostname === 'localhost');
  await page.fill('input[name=login]', account);
  await page.fill('input[name=password]', 'anything');
  await page.click('button[type=submit]');
  const consent = page.locator('input[name=prompt][value=consent]');
  await page.waitForURL((u) => u.hostname === '127.0.0.1' || u.pathname.includes('/interaction/'));
  if (await consent.count()) await page.click('button[type=submit]');
}

const startSso = async (page: Page, lang = '') => {
  await page.goto(`/admin/login${lang}`);
  await page.getByRole('link', { name: lang ? /organisation's login/ : /organisations login/ }).click();
};

type Details = { reason?: string; why?: string } | null;
/** Newest first, with the details as the SSO log-in writes them. */
const audits = async (action: string) =>
  (await listAudit(db))
    .filter((e) => e.action === action)
    .map((e) => ({ ...e, details: e.details as Details }));
const violations: string[] = [];
const captured: string[] = [];

it('logs an invited user in by SSO, links the subject, and the session is the ordinary one', async () => {
  const { context, page } = await fresh();
  await page.goto('/admin/login');
  await checkAtWidths(page, 'sso-login', violations);
  page.on('request', (r) => {
    if (r.url().includes('/admin/login/sso/callback')) captured.push(r.url());
  });
  await startSso(page);
  await atProvider(page, 'lead');
  await page.waitForURL(/\/admin$/);
  await expect.poll(() => page.locator('.staff-bar .signed-in').textContent()).toContain('lead@example.dk');

  const user = await db.kysely
    .selectFrom('users')
    .select(['oidc_issuer', 'oidc_subject', 'last_login_at'])
    .where('email', '=', 'lead@example.dk')
    .executeTakeFirstOrThrow();
  expect(user).toMatchObject({ oidc_issuer: idp.issuer, oidc_subject: 'lead' });
  expect(user.last_login_at).not.toBeNull();
  expect((await audits('sso.link')).map((e) => e.subject)).toEqual(['user:lead@example.dk']);
  expect((await audits('sso.login')).length).toBe(1);
  const sessions = await accountsKysely(db)
    .selectFrom('sessions')
    .select(['auth_method', 'revoked_at'])
    .execute();
  expect(sessions).toEqual([{ auth_method: 'oidc', revoked_at: null }]);
  // The log-in under way is gone: the callback took it.
  expect(await accountsKysely(db).selectFrom('oidc_logins').selectAll().execute()).toEqual([]);

  // Log out: the local session ends, and the provider's log-out is offered and works.
  await page.getByRole('button', { name: 'Log ud', exact: true }).click();
  await page.waitForURL(/notice=login\.loggedOut&sso=1/);
  const link = page.getByRole('link', { name: 'Log også ud der' });
  const href = new URL((await link.getAttribute('href'))!);
  expect(href.origin).toBe(idp.issuer);
  expect(href.searchParams.get('client_id')).toBe(CLIENT_ID);
  expect(href.searchParams.get('post_logout_redirect_uri')).toBe(`${url}/admin/login?notice=login.loggedOut`);
  await checkAtWidths(page, 'sso-logged-out', violations);
  expect(
    (await accountsKysely(db).selectFrom('sessions').select('revoked_at').execute()).every(
      (s) => s.revoked_at,
    ),
  ).toBe(true);
  await link.click();
  await page.click('button[name=logout]');
  await page.waitForURL(/127\.0\.0\.1.*\/admin\/login\?notice=login\.loggedOut$/);
  // Logged out at the provider too: the next SSO log-in asks for the account again.
  await startSso(page);
  await page.waitForURL((u) => u.hostname === 'localhost');
  expect(await page.locator('input[name=login]').count()).toBe(1);
  await context.close();
}, 60_000);

it('refuses a person without an account, in Danish and English, and audits it', async () => {
  for (const [lang, text] of [
    ['', 'har ingen konto i Pejling'],
    ['?lang=en', 'have no Pejling account'],
  ] as const) {
    const { context, page } = await fresh();
    await startSso(page, lang);
    await atProvider(page, 'stranger');
    await page.waitForURL(/\/admin\/login\/sso\/callback/);
    expect(await page.locator('[role=alert]').textContent()).toContain(text);
    await checkAtWidths(page, `sso-unknown${lang ? '-en' : ''}`, violations);
    await context.close();
  }
  const failed = await audits('sso.login-failed');
  expect(failed.map((e) => [e.subject, e.details?.reason, e.details?.why])).toEqual([
    ['user:stranger@example.dk', 'unknown-user', 'no-account'],
    ['user:stranger@example.dk', 'unknown-user', 'no-account'],
  ]);
  // An unverified e-mail claim matches nobody, not even the administrator it names.
  const { context, page } = await fresh();
  await startSso(page);
  await atProvider(page, 'unverified');
  await page.waitForURL(/\/admin\/login\/sso\/callback/);
  expect(await page.locator('[role=alert]').textContent()).toContain('har ingen konto');
  expect((await audits('sso.login-failed'))[0]?.details?.why).toBe('email-not-verified');
  await context.close();
}, 60_000);

/** The log-ins under way (the test reads and changes them where they are kept). */
const pending = () =>
  accountsKysely(db).selectFrom('oidc_logins').selectAll().orderBy('id', 'desc').execute();

it('refuses a tampered state, a wrong nonce, a replayed callback and a replayed code', async () => {
  // Each case in a fresh browser: a session at the provider would answer before the test could act.
  let context: BrowserContext | undefined;
  let page!: Page;
  const newBrowser = async () => {
    await context?.close();
    ({ context, page } = await fresh());
    page.on('request', (r) => {
      if (r.url().includes('/admin/login/sso/callback')) captured.push(r.url());
    });
  };
  const reason = async () => (await audits('sso.login-failed'))[0]?.details?.reason;
  const alert = () => page.locator('[role=alert]').textContent();

  // The state the provider sends back no longer matches the one this browser started with.
  await newBrowser();
  await startSso(page);
  await page.waitForURL((u) => u.hostname === 'localhost');
  const [started] = await pending();
  await accountsKysely(db)
    .updateTable('oidc_logins')
    .set({ state: `${started!.state}x` })
    .where('id', '=', started!.id)
    .execute();
  await atProvider(page, 'lead');
  await page.waitForURL(/\/admin\/login\/sso\/callback/);
  expect(await alert()).toContain('forkert state');
  expect(await reason()).toBe('state');
  await checkAtWidths(page, 'sso-state', violations);

  // The ID token's nonce is not the one this log-in expects.
  await newBrowser();
  await startSso(page);
  await page.waitForURL((u) => u.hostname === 'localhost');
  await accountsKysely(db).updateTable('oidc_logins').set({ nonce: 'not-the-one-sent' }).execute();
  await atProvider(page, 'lead');
  await page.waitForURL(/\/admin\/login\/sso\/callback/);
  expect(await alert()).toContain('forkert nonce');
  expect(await reason()).toBe('nonce');

  // A callback that worked once, replayed as it is: nothing is under way for it any more.
  await newBrowser();
  await startSso(page);
  await atProvider(page, 'lead');
  await page.waitForURL(/\/admin$/);
  const first = captured.at(-1)!;
  let res = await page.goto(first);
  expect(res?.status()).toBe(400);
  expect(await alert()).toContain('udløbet');
  expect(await reason()).toBe('expired');

  // The used code with the state of a new log-in under way: the provider refuses the code.
  await newBrowser();
  await page.goto('/admin/login/sso');
  await page.waitForURL((u) => u.hostname === 'localhost');
  const [next] = await pending();
  const replay = new URL(first);
  replay.searchParams.set('state', next!.state);
  captured.push(replay.href);
  res = await page.goto(replay.href);
  expect(res?.status()).toBe(400);
  expect(await alert()).toContain('udløbet eller allerede brugt');
  expect(await reason()).toBe('code');
  await context?.close();
}, 90_000);

it('keeps codes, states and tokens out of the log', () => {
  const text = log.join('\n');
  expect(captured.length).toBeGreaterThan(2);
  for (const callback of captured) {
    const params = new URL(callback).searchParams;
    for (const name of ['code', 'state']) expect(text).not.toContain(params.get(name)!);
  }
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // no JWT (ID token) anywhere
  expect(text).not.toMatch(/access_token|id_token/);
});

it('turns password log-in off: only SSO on the page, the password routes refuse', async () => {
  const off = buildApp({ db, auth: { ...settings, passwordLogin: false } });
  await off.listen({ host: '127.0.0.1', port: 0 });
  closers.push(() => off.close());
  const offUrl = `http://127.0.0.1:${(off.server.address() as { port: number }).port}`;
  const context = await browser.newContext({ baseURL: offUrl });
  const page = await context.newPage();
  await page.goto('/admin/login');
  expect(await page.locator('#password').count()).toBe(0);
  expect(await page.getByRole('link', { name: /organisations login/ }).count()).toBe(1);
  await checkAtWidths(page, 'sso-password-off', violations);
  await context.close();
  const api = await off.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'admin@example.dk', password: PASSWORD },
  });
  expect(api.statusCode).toBe(403);
  expect(api.json().type).toMatch(/password-login-off$/);
  const form = await off.inject({
    method: 'POST',
    url: '/admin/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `email=admin%40example.dk&password=${encodeURIComponent(PASSWORD)}`,
  });
  expect(form.statusCode).toBe(403);
  expect(form.body).toContain('slået fra');
  expect(String(form.headers['set-cookie'] ?? '')).not.toContain('pejling_session=');
  expect((await off.inject({ method: 'GET', url: '/admin/forgot-password' })).statusCode).toBe(404);
});

it('says so when the provider cannot be reached, and audits it', async () => {
  const closed = await freePort();
  const down = buildApp({
    db,
    auth: authSettingsFromEnv(env(url, `http://localhost:${closed}`)),
  });
  closers.push(() => down.close());
  const res = await down.inject({ method: 'GET', url: '/admin/login/sso' });
  expect(res.statusCode).toBe(502);
  expect(res.body).toContain('kunne ikke få forbindelse til login-tjenesten');
  expect((await audits('sso.login-failed'))[0]?.details?.reason).toBe('unreachable');
});

it('has no accessibility violations on the SSO pages', () => {
  expect(violations).toEqual([]);
});
