/**
 * The authorisation matrix, checked against the live route table: every route × every
 * principal is called and must be allowed or denied exactly as AUTHZ_MATRIX says.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../storage/backends.ts';
import { AUTHZ_MATRIX, PRINCIPALS, type Principal } from './authz-matrix.ts';
import { startWorld, type World } from './helpers.ts';

const UNKNOWN_TOKEN = 'A'.repeat(43);

function denied(url: string, res: LightMyRequestResponse): boolean {
  if (res.statusCode === 401) return true;
  if (res.statusCode === 403) {
    const json = String(res.headers['content-type']).includes('json');
    const slug =
      res.headers['x-problem-type'] ??
      (json ? (res.json() as { type?: string }).type?.split(':').pop() : undefined);
    return slug === 'forbidden' || slug === 'unauthenticated';
  }
  // Staff pages send a caller without a session to the log-in page.
  const location = String(res.headers.location ?? '');
  if (res.statusCode === 303 && location.startsWith('/admin/login') && !location.includes('notice='))
    return true;
  // Respondent routes answer an unknown or foreign token with 404, like a missing page.
  return res.statusCode === 404 && url.includes('/api/survey/');
}

async function call(
  world: World,
  principal: Principal,
  method: string,
  route: string,
): Promise<LightMyRequestResponse> {
  const token = principal === 'respondent' ? world.respondentToken : UNKNOWN_TOKEN;
  const url = route
    .replace(':name', 'r1')
    .replace(':round', 'r1')
    .replace(':org', encodeURIComponent(world.organisations.a))
    .replace(':token', token)
    .replace(':month', '2026-01')
    .replace(':id', route.startsWith('/api/instruments/') ? 'dt-offentlig' : '1');
  const body = ['POST', 'PUT', 'PATCH'].includes(method)
    ? { payload: '{}', headers: { 'content-type': 'application/json' } }
    : {};
  const options = { method: method as 'GET', url, ...body };
  if (principal === 'anonymous') return world.app.inject(options);
  if (principal === 'respondent') {
    return world.app.inject({
      ...options,
      headers: { ...options.headers, authorization: `Bearer ${world.respondentToken}` },
    });
  }
  return world.as(principal, options);
}

describeEachBackend('authorisation matrix', (getDb) => {
  it('has an entry for every route, and no entry without a route', async () => {
    const world = await startWorld(getDb());
    const live = world.app.registeredRoutes.map((r) => `${r.method} ${r.url}`).sort();
    expect(
      live.filter((key) => !(key in AUTHZ_MATRIX)),
      'routes missing from AUTHZ_MATRIX',
    ).toEqual([]);
    expect(
      Object.keys(AUTHZ_MATRIX).filter((key) => !live.includes(key)),
      'entries without a route',
    ).toEqual([]);
  });

  it(
    'allows and denies every route for every principal as the matrix says',
    { timeout: 120_000 },
    async () => {
      const world = await startWorld(getDb());
      const wrong: string[] = [];
      for (const { method, url } of world.app.registeredRoutes) {
        const allowed = AUTHZ_MATRIX[`${method} ${url}`] ?? [];
        for (const principal of PRINCIPALS) {
          const res = await call(world, principal, method, url);
          const expected = allowed.includes(principal) ? 'allowed' : 'denied';
          const actual = denied(url, res) ? 'denied' : 'allowed';
          if (expected !== actual)
            wrong.push(`${method} ${url} as ${principal}: expected ${expected}, got ${res.statusCode}`);
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it("keeps a lead to their own organisation's portfolio on every page", async () => {
    const world = await startWorld(getDb());
    const { cookie, csrf } = await world.session('org_lead');
    const routes = world.app.registeredRoutes.filter((r) =>
      r.url.startsWith('/admin/organisations/:org/portfolio'),
    );
    expect(routes.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const { method, url } of routes) {
      const path = url.replace(':org', encodeURIComponent(world.organisations.b)).replace(':id', '1');
      const res = await world.app.inject({
        method: method as 'GET',
        url: path,
        headers: {
          cookie,
          ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(method === 'POST'
          ? { payload: new URLSearchParams({ _csrf: csrf, template: 'skaermbesoeg' }).toString() }
          : {}),
      });
      // Another organisation's portfolio is "not found", as for one that does not exist.
      if (res.statusCode !== 404) wrong.push(`${method} ${url}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps an analyst to the rounds they run', async () => {
    const db = getDb();
    const world = await startWorld(db);
    const { roundWithInvitations } = await import('../api/helpers.ts');
    await roundWithInvitations(db, 'other', 1);
    for (const url of [
      '/api/rounds/other/dashboard',
      '/api/rounds/other/sector-report',
      '/admin/rounds/other',
      '/admin/rounds/other/invitees',
      '/api/rounds/other/invitees',
    ]) {
      expect((await world.as('analyst', { url })).statusCode, url).toBe(403);
      expect((await world.as('admin', { url })).statusCode, url).toBe(200);
    }
  });
});
