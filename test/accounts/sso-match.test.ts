/**
 * Which account a verified identity logs in as, on both backends: linking on a verified
 * e-mail, then by issuer + subject only; refusals (unverified, disabled, linked to someone
 * else); creating accounts from a group claim only where declared; and the callback's
 * throttle per client address, shared through the database like the password log-in's.
 */
import { expect, it, onTestFinished } from 'vitest';
import { matchUser } from '../../src/accounts/oidc/match.ts';
import { authSettingsFromEnv, type OidcSettings } from '../../src/accounts/oidc/settings.ts';
import { finishSsoLogin } from '../../src/accounts/oidc/sso-login.ts';
import { sessionPolicy } from '../../src/accounts/policy.ts';
import { startSession } from '../../src/accounts/sessions.ts';
import { buildApp } from '../../src/api/app.ts';
import { THROTTLE } from '../../src/accounts/policy.ts';
import {
  createUser,
  disableUser,
  ensureOrganisation,
  findUserByEmail,
  listAudit,
  oidcLinkOf,
} from '../../src/storage/index.ts';
import { redactUrl } from '../../src/api/request-path.ts';
import { describeEachBackend } from '../storage/backends.ts';

const ISSUER = 'https://login.example.dk';
const settings = (extra: Record<string, string> = {}): OidcSettings =>
  authSettingsFromEnv({
    PEJLING_OIDC_ISSUER: ISSUER,
    PEJLING_OIDC_CLIENT_ID: 'pejling',
    PEJLING_OIDC_REDIRECT_URL: 'https://pejling.example.dk/admin/login/sso/callback',
    ...extra,
  }).oidc!;
const identity = (subject: string, claims: Record<string, unknown>) => ({ issuer: ISSUER, subject, claims });

describeEachBackend('single sign-on: matching users', (getDb) => {
  it('links an invited account on a verified e-mail, then knows it by issuer and subject alone', async () => {
    const db = getDb();
    const user = await createUser(db, { email: 'Lead@Example.dk', role: 'analyst' });
    const first = await matchUser(
      db,
      settings(),
      identity('s-1', { email: 'LEAD@example.dk', email_verified: true }),
    );
    expect(first).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await oidcLinkOf(db, user.id)).toEqual({ issuer: ISSUER, subject: 's-1' });
    // The provider's e-mail changes (a name change): the subject still finds the account.
    const again = await matchUser(
      db,
      settings(),
      identity('s-1', { email: 'renamed@example.dk', email_verified: true }),
    );
    expect(again).toMatchObject({ ok: true, user: { id: user.id } });
    // Someone else with the account's address at the same provider is not the linked person.
    const other = await matchUser(
      db,
      settings(),
      identity('s-2', { email: 'lead@example.dk', email_verified: true }),
    );
    expect(other).toMatchObject({ ok: false, why: 'linked-to-another-subject' });
    expect((await listAudit(db)).filter((e) => e.action === 'sso.link')).toHaveLength(1);
  });

  it('refuses unverified e-mails (unless trusted), disabled accounts and people without an account', async () => {
    const db = getDb();
    const user = await createUser(db, { email: 'a@example.dk', role: 'admin' });
    const claims = { email: 'a@example.dk' };
    expect(await matchUser(db, settings(), identity('s-a', claims))).toMatchObject({
      ok: false,
      why: 'email-not-verified',
    });
    expect(
      await matchUser(db, settings(), identity('s-a', { ...claims, email_verified: 'true' })),
    ).toMatchObject({
      ok: false,
      why: 'email-not-verified',
    });
    const trusted = settings({ PEJLING_OIDC_TRUST_UNVERIFIED_EMAIL: 'true' });
    expect(await matchUser(db, trusted, identity('s-a', claims))).toMatchObject({ ok: true });
    await disableUser(db, user.id);
    expect(await matchUser(db, trusted, identity('s-a', claims))).toMatchObject({
      ok: false,
      why: 'disabled',
    });
    expect(
      await matchUser(
        db,
        settings(),
        identity('s-b', { email: 'b@example.dk', email_verified: true, groups: ['x'] }),
      ),
    ).toMatchObject({ ok: false, why: 'no-account', email: 'b@example.dk' });
    // Another claim names the address (Entra ID's upn, say) where configured.
    await createUser(db, { email: 'c@example.dk', role: 'analyst' });
    const upn = settings({ PEJLING_OIDC_USER_CLAIM: 'upn', PEJLING_OIDC_TRUST_UNVERIFIED_EMAIL: 'true' });
    expect(
      await matchUser(db, upn, identity('s-c', { upn: 'c@example.dk', email: 'x@example.dk' })),
    ).toMatchObject({
      ok: true,
      user: { email: 'c@example.dk' },
    });
  });

  it('creates accounts from a group claim only where the configuration declares it', async () => {
    const db = getDb();
    await ensureOrganisation(db, { name: 'Aarhus Kommune', sector: 'kommune' });
    const rules = JSON.stringify([
      { group: 'g-leads', role: 'org_lead', organisation: 'Aarhus Kommune' },
      { group: 'g-missing', role: 'org_lead', organisation: 'Nowhere' },
    ]);
    const on = settings({ PEJLING_OIDC_PROVISION: rules });
    const lead = identity('s-l', {
      email: 'ny@aarhus.dk',
      email_verified: true,
      groups: ['other', 'g-leads'],
    });
    expect(await matchUser(db, settings(), lead)).toMatchObject({ ok: false, why: 'no-account' });
    const created = await matchUser(db, on, lead);
    expect(created).toMatchObject({ ok: true, user: { email: 'ny@aarhus.dk', role: 'org_lead' } });
    expect((await findUserByEmail(db, 'ny@aarhus.dk'))?.organisationId).not.toBeNull();
    expect(await matchUser(db, on, lead)).toMatchObject({ ok: true }); // found by subject now
    const missing = identity('s-m', { email: 'm@example.dk', email_verified: true, groups: ['g-missing'] });
    expect(await matchUser(db, on, missing)).toMatchObject({
      ok: false,
      why: 'provision-organisation-missing',
    });
    expect((await listAudit(db)).filter((e) => e.action === 'sso.create-user').map((e) => e.subject)).toEqual(
      ['user:ny@aarhus.dk'],
    );
  });

  it("offers the provider's log-out after an SSO session only, from either log-out", async () => {
    const db = getDb();
    const app = buildApp({ db, auth: { oidc: settings(), passwordLogin: true } });
    onTestFinished(() => app.close());
    const user = await createUser(db, { email: 'l@example.dk', role: 'analyst' });
    const logOutAs = async (method: 'password' | 'oidc', path: string) => {
      const s = await startSession(db, user.id, sessionPolicy(), new Date(), method);
      const res = await app.inject({
        method: 'POST',
        url: path,
        headers: { cookie: `pejling_session=${s.id}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(s.csrfToken)}`,
      });
      expect(res.statusCode).toBe(303);
      return res.headers.location;
    };
    expect(await logOutAs('oidc', '/admin/logout')).toBe('/admin/login?notice=login.loggedOut&sso=1');
    expect(await logOutAs('oidc', '/admin/logout-everywhere')).toBe(
      '/admin/login?notice=login.loggedOut&sso=1',
    );
    expect(await logOutAs('password', '/admin/logout')).toBe('/admin/login?notice=login.loggedOut');
  });

  it('locks a client address after as many failed callbacks as failed password log-ins', async () => {
    const db = getDb();
    const callback = {
      binding: undefined,
      callbackUrl: new URL('https://p.example/cb?code=c&state=s'),
      address: '192.0.2.9',
    };
    for (let i = 0; i < THROTTLE.addressFailures; i++) {
      const r = await finishSsoLogin(db, settings(), callback, sessionPolicy());
      expect(r).toMatchObject({ ok: false, reason: 'expired' });
    }
    expect(await finishSsoLogin(db, settings(), callback, sessionPolicy())).toMatchObject({
      reason: 'locked',
    });
    // Another address is not locked by it.
    const elsewhere = await finishSsoLogin(
      db,
      settings(),
      { ...callback, address: '198.51.100.1' },
      sessionPolicy(),
    );
    expect(elsewhere).toMatchObject({ reason: 'expired' });
  }, 60_000);
});

it('stops the start on a half or wrong configuration, naming the variable', () => {
  const base = {
    PEJLING_OIDC_ISSUER: ISSUER,
    PEJLING_OIDC_CLIENT_ID: 'x',
    PEJLING_OIDC_REDIRECT_URL: 'https://p.example/admin/login/sso/callback',
  };
  expect(authSettingsFromEnv({})).toEqual({ oidc: null, passwordLogin: true });
  expect(() => authSettingsFromEnv({ PEJLING_PASSWORD_LOGIN: 'off' })).toThrow(
    /PEJLING_PASSWORD_LOGIN=off needs/,
  );
  expect(() => authSettingsFromEnv({ ...base, PEJLING_OIDC_CLIENT_ID: '' })).toThrow(
    /PEJLING_OIDC_CLIENT_ID/,
  );
  expect(() => authSettingsFromEnv({ ...base, PEJLING_OIDC_ISSUER: 'http://idp.example' })).toThrow(/https/);
  expect(() =>
    authSettingsFromEnv({ ...base, PEJLING_OIDC_REDIRECT_URL: 'https://p.example/elsewhere' }),
  ).toThrow(/PEJLING_OIDC_REDIRECT_URL must be/);
  expect(() =>
    authSettingsFromEnv({ ...base, PEJLING_OIDC_PROVISION: '[{"group":"g","role":"org_lead"}]' }),
  ).toThrow(/PEJLING_OIDC_PROVISION\[0\]: an org_lead rule needs "organisation"/);
  expect(authSettingsFromEnv({ ...base, PEJLING_PASSWORD_LOGIN: 'off' }).passwordLogin).toBe(false);
});

it('redacts the code and state of a callback wherever a URL is logged', () => {
  expect(redactUrl('/admin/login/sso/callback?code=abc123&state=xyz&iss=https%3A%2F%2Fidp')).toBe(
    '/admin/login/sso/callback?code=[redacted]&state=[redacted]&iss=[redacted]',
  );
  expect(redactUrl('/admin/rounds?status=open')).toBe('/admin/rounds?status=open');
});
