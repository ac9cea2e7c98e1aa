/**
 * Rules that hold for every route (src/api/http-policy.ts, src/api/request-path.ts), tried
 * from outside over the registered routes, so a route added later is covered too: no caching
 * of anything personal, form routes take form bodies only, no NUL characters anywhere, and
 * path rules (rate limit, miss count, log redaction) on the path the router decodes.
 */
import { expect, it } from 'vitest';
import { isFormRoute } from '../../src/api/http-policy.ts';
import { redactUrl } from '../../src/api/request-path.ts';
import { webServer } from '../../src/web-server/index.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { completeAnswers, json, roundWithInvitations, startApi } from './helpers.ts';

/** A value for each path parameter, so every route can be called for real. */
function fill(url: string, token: string): string {
  return url
    .replace(':token', token)
    .replace(/:name|:round/g, 'r1')
    .replace(':org', encodeURIComponent('Org r1'))
    .replace(/:id|:number/g, '1')
    .replace('*', 's/x');
}

describeEachBackend('HTTP policy for every route', (getDb) => {
  async function setUp(logLines?: string[]) {
    const db = getDb();
    const api = await startApi(
      db,
      logLines ? { level: 'info', stream: { write: (l) => void logLines.push(l) } } : undefined,
      (app) => app.register(webServer, { db, root: '/nonexistent-web-build' }),
    );
    const { tokens } = await roundWithInvitations(db, 'r1', 2);
    const submitted = await api.call(null, {
      method: 'POST',
      url: `/api/survey/${tokens[1]}/submit`,
      ...json({ answers: completeAnswers(1) }),
    });
    expect(submitted.statusCode).toBe(201);
    return { ...api, token: tokens[0]! };
  }

  it('answers every staff and tokened GET with Cache-Control: no-store, whatever the status', async () => {
    const { app, call, token } = await setUp();
    // PDFs start Chromium (tested with their own headers elsewhere); the rest is called here.
    const routes = app.registeredRoutes.filter(
      (r) => r.method === 'GET' && r.access !== 'public' && !r.url.endsWith('.pdf'),
    );
    expect(routes.length).toBeGreaterThan(20);
    const seen: string[] = [];
    for (const route of routes) {
      const res = await call(route.access === 'respondent' ? null : 'admin', { url: fill(route.url, token) });
      seen.push(`${route.url} ${res.statusCode}`);
      expect(res.headers['cache-control'], `${route.url} (${res.statusCode})`).toMatch(/\bno-store\b/);
    }
    // Not only errors: most of them answered with content.
    expect(seen.filter((s) => / 200$/.test(s)).length, seen.join('\n')).toBeGreaterThan(15);

    // Refused requests to them too: a 401 must not be cached either.
    expect((await call(null, { url: '/api/rounds/r1/sector' })).headers['cache-control']).toBe('no-store');
    // The web survey's pages carry the token in their URL.
    expect((await call(null, { url: `/s/${token}` })).headers['cache-control']).toBe('no-store');
    // Public, shared files keep their own caching.
    expect((await call(null, { url: '/admin/assets/admin.css' })).headers['cache-control']).toMatch(/public/);
  });

  it('refuses anything but a form body on every form route with 415, never 500', async () => {
    const { app, call } = await setUp();
    const forms = app.registeredRoutes.filter((r) => isFormRoute(r.method, r.url));
    expect(forms.length).toBeGreaterThanOrEqual(15);
    for (const route of forms) {
      for (const body of [
        json([1, 2]),
        json({ name: ['a', 'b'] }),
        { payload: '<x/>', headers: { 'content-type': 'application/xml' } },
      ]) {
        const res = await call('admin', {
          method: route.method as 'POST',
          url: fill(route.url, ''),
          ...body,
        });
        expect(res.statusCode, `${route.method} ${route.url}: ${res.body.slice(0, 200)}`).toBe(415);
      }
    }
    // The API's own JSON routes are not form routes.
    expect(forms.some((r) => r.url.startsWith('/api/'))).toBe(false);
  });

  it('refuses NUL characters in JSON, forms and URLs with 400 naming the field, on both backends', async () => {
    const { call, token } = await setUp();
    const draft = await call(null, {
      method: 'PUT',
      url: `/api/survey/${token}/draft`,
      ...json({ answers: { 'reflection.comment': 'før\u0000efter' }, revision: 0 }),
    });
    expect(draft.statusCode).toBe(400);
    expect(draft.json()).toMatchObject({
      type: 'urn:pejling:problem:nul-character',
      errors: [{ in: 'body', field: 'answers.reflection.comment' }],
    });
    // Nothing was stored: the draft is still empty.
    expect((await call(null, { url: `/api/survey/${token}` })).json()).toMatchObject({ draft: null });

    const key = await call(null, {
      method: 'PUT',
      url: `/api/survey/${token}/draft`,
      ...json({ answers: { 'x\u0000': 1 }, revision: 0 }),
    });
    expect(key.statusCode).toBe(400);

    const round = await call('admin', { method: 'POST', url: '/api/rounds', ...json({ name: 'a\u0000b' }) });
    expect(round.statusCode).toBe(400);

    const form = await call('admin', {
      method: 'POST',
      url: '/admin/rounds',
      payload: 'name=a%00b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(400);

    for (const url of [
      '/api/rounds/r1%00',
      '/api/rounds?x=%00',
      '/api/rounds/r1/organisations/a%00b/report',
    ]) {
      const res = await call('admin', { url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ type: 'urn:pejling:problem:nul-character' });
    }
  });

  it('applies the miss count and the log redaction to percent-encoded survey paths', async () => {
    const lines: string[] = [];
    const { call, token } = await setUp(lines);
    // The router decodes %73 to "s": these reach the survey routes…
    const encodedPrefix = await call(null, { url: `/api/%73urvey/${token}` });
    expect(encodedPrefix.statusCode).toBe(200);
    const encodedToken = `%${token.charCodeAt(0).toString(16)}${token.slice(1)}`;
    expect((await call(null, { url: `/api/survey/${encodedToken}` })).statusCode).toBe(200);
    // …so they are in the log without the token,
    const log = lines.join('');
    expect(log).toContain('/api/survey/[token]');
    expect(log).not.toContain(token.slice(1));
    // …are no-store,
    expect(encodedPrefix.headers['cache-control']).toBe('no-store');
    // …and count as token guesses: after 60 misses the address is refused, encoded or not.
    for (let i = 0; i < 60; i++) {
      const miss = await call(null, { url: `/api/%73urvey/guess${i}` });
      expect(miss.statusCode).toBe(404);
    }
    expect((await call(null, { url: `/api/survey/${token}` })).statusCode).toBe(429);
    expect((await call(null, { url: `/api/%73urvey/${token}` })).statusCode).toBe(429);
    // Refused before the token is looked up: another guess is not even a 404.
    expect((await call(null, { url: `/api/survey/guess-more` })).statusCode).toBe(429);
  });

  it('answers errors on report and staff pages with a page in its language, the API with JSON', async () => {
    const { call } = await setUp();
    const page = '/reports/r1/organisations/Ingen%20Kommune';
    const anonymous = await call(null, { url: page });
    expect(anonymous.statusCode).toBe(303);
    // …and comes back to the page after the log-in.
    expect(anonymous.headers.location).toBe(`/admin/login?next=${encodeURIComponent(page)}`);
    const missing = await call('admin', { url: page });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^text\/html/);
    expect(missing.headers['x-problem-type']).toBe('not-found');
    expect(missing.body).toContain('Siden findes ikke.');
    expect(missing.body).toMatch(/<html lang="da"/);
    const english = await call('admin', { url: `${page}?lang=en` });
    expect(english.body).toMatch(/<html lang="en"/);
    expect(english.body).not.toContain('Siden findes ikke.');
    // No route at all under a page prefix: the same page, not JSON.
    const unknown = await call('admin', { url: '/reports/nothing/here' });
    expect([unknown.statusCode, unknown.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    // The API keeps its problem documents.
    const api = await call('admin', { url: '/api/rounds/r1/organisations/Ingen%20Kommune/report' });
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await call('admin', { url: '/api/nothing' })).headers['content-type']).toMatch(/problem\+json/);
  });

  it('keeps round names unique regardless of case', async () => {
    const { call } = await setUp();
    const upper = await call('admin', { method: 'POST', url: '/api/rounds', ...json({ name: 'R1' }) });
    expect(upper.statusCode).toBe(409);
    expect(upper.json().detail).toMatch(/"r1" already exists/);
    expect(
      (await call('admin', { method: 'POST', url: '/api/rounds', ...json({ name: 'Ærø-2026' }) })).statusCode,
    ).toBe(201);
    // Full Unicode case folding, not only ASCII.
    expect(
      (await call('admin', { method: 'POST', url: '/api/rounds', ...json({ name: 'æRØ-2026' }) })).statusCode,
    ).toBe(409);
  });
});

it('decodes the path before redacting it', () => {
  expect(redactUrl('/api/%73urvey/abc/draft?lang=en')).toBe('/api/survey/[token]/draft?lang=en');
  expect(redactUrl('/%73/abc')).toBe('/s/[token]');
  expect(redactUrl('/api/survey/%zz')).toBe('/api/survey/[token]');
  expect(redactUrl('/api/survey/%41bc%zz/submit')).toBe('/api/survey/[token]/submit');
});
