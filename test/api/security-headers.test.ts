/**
 * Security headers and cookies through @fastify/helmet and @fastify/cookie, on every kind of
 * response: the survey's pages and assets (their own CSP, with our scripts), staff pages,
 * report pages, the API; HSTS and Secure `__Host-` cookies only over HTTPS (a trusted proxy's
 * X-Forwarded-Proto).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { hashPassword } from '../../src/accounts/password.ts';
import { buildApp } from '../../src/api/app.ts';
import { createUser } from '../../src/storage/index.ts';
import { webServer } from '../../src/web-server/index.ts';
import { pagePath, seedReportWorld } from '../reports/world.ts';
import { describeEachBackend } from '../storage/backends.ts';

const directives = (csp: unknown) =>
  Object.fromEntries(
    String(csp)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values.join(' ')]),
  );

const PAGE_CSP = {
  'default-src': "'none'",
  'style-src': "'self'",
  'img-src': "'self'",
  'form-action': "'self'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
};

async function fakeWebBuild(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'pejling-headers-web-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><script src="/assets/app.js"></script>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  return root;
}

function expectCommonHeaders(headers: Record<string, unknown>, what: string) {
  expect(headers['referrer-policy'], what).toBe('no-referrer');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['cross-origin-opener-policy'], what).toBe('same-origin');
  expect(headers['cross-origin-resource-policy'], what).toBe('same-origin');
  expect(headers['permissions-policy'], what).toMatch(/camera=\(\)/);
  expect(headers['x-powered-by'], what).toBeUndefined();
}

const PASSWORD = 'a long enough passphrase';

describeEachBackend('security headers', (getDb) => {
  it('gives each kind of page its policy, and no HSTS over plain HTTP', async () => {
    const db = getDb();
    const world = await seedReportWorld(db, 6);
    const app = buildApp({ db });
    await app.register(webServer, { db, root: await fakeWebBuild() });
    await app.ready();
    onTestFinished(() => app.close());
    const admin = { authorization: `Bearer ${world.tokens.admin}` };

    // The survey: our own scripts and API, nothing inline, nothing from elsewhere.
    for (const url of ['/s/some-token', '/assets/app.js']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expectCommonHeaders(res.headers, url);
      expect(directives(res.headers['content-security-policy']), url).toEqual({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self'",
        'img-src': "'self'",
        'font-src': "'self'",
        'connect-src': "'self'",
        'manifest-src': "'self'",
        'object-src': "'none'",
        'base-uri': "'none'",
        'form-action': "'self'",
        'frame-ancestors': "'none'",
      });
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }

    // Staff pages, report pages (inline SVG charts need no more), the API and its errors: no script.
    const pages = [
      { url: '/admin/login', headers: {} },
      { url: '/admin', headers: admin },
      { url: pagePath('r-2026', world.mine.name), headers: admin },
      { url: '/reports/assets/report.css', headers: {} },
      { url: '/api/health', headers: {} },
      { url: '/api/rounds', headers: {} },
    ];
    for (const { url, headers } of pages) {
      const res = await app.inject({ url, headers });
      expect(res.statusCode, url).toBeLessThan(500);
      expectCommonHeaders(res.headers, url);
      expect(directives(res.headers['content-security-policy']), url).toEqual(PAGE_CSP);
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    // The report is never cached.
    const report = await app.inject({ url: pages[2]!.url, headers: admin });
    expect(report.statusCode).toBe(200);
    expect(report.headers['cache-control']).toBe('private, no-store');

    // Plain HTTP: cookies without Secure and without the __Host- prefix.
    const login = await app.inject({ url: '/admin/login' });
    expect(String(login.headers['set-cookie'])).toMatch(
      /^pejling_login=[A-Za-z0-9_-]{43}; Max-Age=3600; Path=\/; HttpOnly; SameSite=Strict$/,
    );
  });

  it('sends HSTS and Secure __Host- cookies when a trusted proxy says HTTPS', async () => {
    const db = getDb();
    const app = buildApp({ db, trustProxy: '127.0.0.1' });
    await app.ready();
    onTestFinished(() => app.close());
    const https = { 'x-forwarded-proto': 'https' };
    const login = await app.inject({ url: '/admin/login', headers: https });
    expect(login.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(String(login.headers['set-cookie'])).toMatch(
      /^__Host-pejling_login=[A-Za-z0-9_-]{43}; Max-Age=3600; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    expect(
      (await app.inject({ url: '/api/health', headers: https })).headers['strict-transport-security'],
    ).toBe('max-age=31536000');
    // From an address that is not the trusted proxy, the header is not believed.
    const spoofed = await app.inject({ url: '/admin/login', headers: https, remoteAddress: '10.1.2.3' });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    expect(String(spoofed.headers['set-cookie'])).toMatch(/^pejling_login=/);

    // A session over HTTPS: the __Host- cookie logs in, carries the CSRF check, and the log-out
    // clears it with the same attributes (or the browser would keep it).
    await createUser(db, {
      email: 'admin@example.dk',
      role: 'admin',
      passwordHash: await hashPassword(PASSWORD),
    });
    const started = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: https,
      payload: { email: 'admin@example.dk', password: PASSWORD },
    });
    expect(started.statusCode).toBe(200);
    const set = String(started.headers['set-cookie']);
    expect(set).toMatch(
      /^__Host-pejling_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    const cookie = set.split(';')[0]!;
    const who = await app.inject({ url: '/api/auth/session', headers: { ...https, cookie } });
    expect(who.json()).toMatchObject({ email: 'admin@example.dk' });
    // The plain-HTTP name is not read over HTTPS.
    const plain = `pejling_session=${cookie.split('=')[1]}`;
    expect(
      (await app.inject({ url: '/api/auth/session', headers: { ...https, cookie: plain } })).statusCode,
    ).toBe(401);
    const noToken = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...https, cookie },
    });
    expect(noToken.statusCode).toBe(403);
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...https, cookie, 'x-csrf-token': who.json().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(
      /^__Host-pejling_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict$/,
    );
    expect((await app.inject({ url: '/api/auth/session', headers: { ...https, cookie } })).statusCode).toBe(
      401,
    );
  });
});
