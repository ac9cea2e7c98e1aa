/** Log-in, sessions and CSRF: fixation, expiry, lock-out, log-out everywhere, password links. */
import { expect, it } from 'vitest';
import { hashPassword } from '../../src/accounts/password.ts';
import { addUser } from '../../src/accounts/users.ts';
import {
  accountsKysely,
  countFailure,
  hashToken,
  listAudit,
  setPasswordHash,
} from '../../src/storage/index.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { startWorld, type World } from './helpers.ts';

const PASSWORD = 'a long enough passphrase';

async function withPassword(world: World) {
  await setPasswordHash(world.db, world.users.admin.id, await hashPassword(PASSWORD));
}

const login = (world: World, password = PASSWORD, headers: Record<string, string> = {}) =>
  world.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'ADMIN@example.dk', password },
    headers,
  });

const cookieOf = (res: { headers: Record<string, unknown> }) =>
  String(res.headers['set-cookie']).split(';')[0]!;

describeEachBackend('sessions', (getDb) => {
  it('counts concurrent failures of one key each once, and tells each request its own count', async () => {
    const db = getDb();
    const now = new Date().toISOString();
    const windowStart = new Date(Date.now() - 60_000).toISOString();
    const states = await Promise.all(
      Array.from({ length: 12 }, () => countFailure(db, 'email:concurrent', now, windowStart)),
    );
    expect(states.map((s) => s.failures).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });

  it('logs in with a fresh HttpOnly, SameSite=Strict session cookie and audits it; wrong passwords are refused alike', async () => {
    const world = await startWorld(getDb());
    await withPassword(world);
    const ok = await login(world);
    expect(ok.statusCode).toBe(200);
    expect(String(ok.headers['set-cookie'])).toMatch(
      /^pejling_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    const over = await world.app.inject({ url: '/api/auth/session', headers: { cookie: cookieOf(ok) } });
    expect(over.json()).toMatchObject({
      email: 'admin@example.dk',
      role: 'admin',
      csrfToken: ok.json().csrfToken,
    });
    const wrong = await login(world, 'not the password at all');
    const unknown = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.dk', password: PASSWORD },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect((await listAudit(world.db)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['auth.login', 'auth.login-failed']),
    );
    // Only the hash of the session id is stored.
    const rows = await accountsKysely(world.db).selectFrom('sessions').select('id_hash').execute();
    expect(rows.map((r) => r.id_hash)).toContain(hashToken(cookieOf(ok).split('=')[1]!));
  });

  it('prevents session fixation: a log-in never keeps a presented session, and unknown ids are ignored', async () => {
    const world = await startWorld(getDb());
    await withPassword(world);
    const planted = await world.session('analyst');
    const res = await login(world, PASSWORD, { cookie: planted.cookie });
    expect(cookieOf(res)).not.toBe(planted.cookie);
    expect(
      (await world.app.inject({ url: '/api/auth/session', headers: { cookie: planted.cookie } })).statusCode,
    ).toBe(401);
    expect(
      (
        await world.app.inject({
          url: '/api/auth/session',
          headers: { cookie: `pejling_session=${'B'.repeat(43)}` },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('requires the CSRF token on every state-changing cookie request, not on bearer requests', async () => {
    const world = await startWorld(getDb());
    const s = await world.session('admin');
    const url = '/api/rounds/r1/erase-emails';
    const without = await world.app.inject({ method: 'POST', url, headers: { cookie: s.cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ type: 'urn:pejling:problem:csrf' });
    const foreign = await world.session('admin');
    expect(
      (
        await world.app.inject({
          method: 'POST',
          url,
          headers: { cookie: s.cookie, 'x-csrf-token': foreign.csrf },
        })
      ).statusCode,
    ).toBe(403);
    const crossSite = await world.app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
    // With the token the request goes through (and fails for its own reason: the round is open).
    expect(
      (await world.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } }))
        .statusCode,
    ).toBe(409);
    // Forms carry it as a field.
    const form = await world.app.inject({
      method: 'POST',
      url: '/admin/rounds/r1/status',
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'status=open',
    });
    expect(form.statusCode).toBe(403);
    const formOk = await world.app.inject({
      method: 'POST',
      url: '/admin/rounds/r1/status',
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `status=closed&change=close&confirm=yes&_csrf=${s.csrf}`,
    });
    expect(formOk.statusCode).toBe(303);
    // A bearer token needs none: browsers never send one cross-site.
    const { createApiToken } = await import('../../src/api/data/api-tokens.ts');
    const { token } = await createApiToken(world.db, { email: 'admin@example.dk', role: 'admin' });
    expect(
      (await world.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` } }))
        .statusCode,
    ).toBe(200);
  });

  it('ends sessions after the idle time and after the absolute lifetime', async () => {
    const world = await startWorld(getDb());
    const k = accountsKysely(world.db);
    const idle = await world.session('admin');
    await k
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .where('id_hash', '=', hashToken(idle.id))
      .execute();
    expect(
      (await world.app.inject({ url: '/api/auth/session', headers: { cookie: idle.cookie } })).statusCode,
    ).toBe(401);
    const old = await world.session('admin');
    await k
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id_hash', '=', hashToken(old.id))
      .execute();
    expect(
      (await world.app.inject({ url: '/api/auth/session', headers: { cookie: old.cookie } })).statusCode,
    ).toBe(401);
    const live = await world.session('admin');
    expect(
      (await world.app.inject({ url: '/api/auth/session', headers: { cookie: live.cookie } })).statusCode,
    ).toBe(200);
    // An expired session stays ended even if its clock were set back.
    await k
      .updateTable('sessions')
      .set({ last_seen_at: new Date().toISOString() })
      .where('id_hash', '=', hashToken(idle.id))
      .execute();
    expect(
      (await world.app.inject({ url: '/api/auth/session', headers: { cookie: idle.cookie } })).statusCode,
    ).toBe(401);
  });

  it('logs out one session, or all of them', async () => {
    const world = await startWorld(getDb());
    const [a, b, c] = [
      await world.session('admin'),
      await world.session('admin'),
      await world.session('admin'),
    ];
    expect(
      (
        await world.app.inject({
          method: 'POST',
          url: '/api/auth/logout',
          headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await world.app.inject({ url: '/api/auth/session', headers: { cookie: a.cookie } })).statusCode,
    ).toBe(401);
    expect(
      (await world.app.inject({ url: '/api/auth/session', headers: { cookie: b.cookie } })).statusCode,
    ).toBe(200);
    const all = await world.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: { cookie: b.cookie, 'x-csrf-token': b.csrf },
    });
    expect(all.json()).toEqual({ ended: 2 });
    expect(
      (await world.app.inject({ url: '/api/auth/session', headers: { cookie: c.cookie } })).statusCode,
    ).toBe(401);
  });

  it('locks an account after 5 failures (even for the right password), in the database, until the lock ends', async () => {
    const world = await startWorld(getDb());
    await withPassword(world);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(world, `wrong password ${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    expect((await login(world)).statusCode).toBe(429);
    // A second app instance on the same database sees the same lock.
    const { buildApp } = await import('../../src/api/app.ts');
    const second = buildApp({ db: world.db });
    expect(
      (
        await second.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'admin@example.dk', password: PASSWORD },
        })
      ).statusCode,
    ).toBe(429);
    await second.close();
    await accountsKysely(world.db)
      .updateTable('login_throttle')
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect((await login(world)).statusCode).toBe(200);
    expect((await listAudit(world.db)).map((e) => e.action)).toContain('auth.lockout');
  });

  it('sets a password once through a one-time link; the link then stops working', async () => {
    const world = await startWorld(getDb());
    const { token } = await addUser(world.db, { email: 'new@example.dk', role: 'analyst' }, 'test');
    const weak = await world.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { token, password: 'short' },
    });
    expect(weak.statusCode).toBe(422);
    expect(
      (
        await world.app.inject({
          method: 'POST',
          url: '/api/auth/password',
          payload: { token, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await world.app.inject({
          method: 'POST',
          url: '/api/auth/password',
          payload: { token, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(404);
    const res = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'new@example.dk', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
  });
});
