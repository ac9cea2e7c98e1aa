/** Who may call what: staff tokens and roles, respondent tokens, public routes. */
import { expect, it } from 'vitest';
import { revokeApiToken } from '../../src/api/data/api-tokens.ts';
import { setRoundStatus } from '../../src/storage/index.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { json, roundWithInvitations, startApi } from './helpers.ts';

describeEachBackend('API access control', (getDb) => {
  it('lets anyone call the public routes', async () => {
    const { call } = await startApi(getDb());
    expect((await call(null, { url: '/api/health' })).json()).toEqual({ status: 'ok' });
    expect((await call(null, { method: 'HEAD', url: '/api/health' })).statusCode).toBe(200);
    expect((await call(null, { url: '/api/instruments' })).statusCode).toBe(200);
    expect((await call(null, { url: '/api/instruments/dt-offentlig?lang=en' })).json()).toMatchObject({
      id: 'dt-offentlig',
      lang: 'en',
    });
    expect((await call(null, { url: '/api/openapi.json' })).statusCode).toBe(200);
  });

  it('answers 401 without a staff token, 401 for a bad or revoked one, 403 for the wrong role', async () => {
    const db = getDb();
    const { call, tokens, assignAnalyst } = await startApi(db);
    await roundWithInvitations(db, 'r1', 1);

    const anonymous = await call(null, { url: '/api/rounds' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(anonymous.json()).toMatchObject({ type: 'urn:pejling:problem:unauthenticated', status: 401 });

    const garbage = await call(null, { url: '/api/rounds', headers: { authorization: 'Bearer nope' } });
    expect(garbage.statusCode).toBe(401);
    const basic = await call(null, { url: '/api/rounds', headers: { authorization: 'Basic YTpi' } });
    expect(basic.statusCode).toBe(401);

    expect((await call('analyst', { url: '/api/rounds' })).statusCode).toBe(200);
    // An analyst reaches only the rounds they run.
    expect((await call('analyst', { url: '/api/rounds/r1/organisations' })).statusCode).toBe(403);
    await assignAnalyst('r1');
    expect((await call('analyst', { url: '/api/rounds/r1/organisations' })).statusCode).toBe(200);
    const forbidden = await call('analyst', { method: 'POST', url: '/api/rounds', ...json({ name: 'x' }) });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ type: 'urn:pejling:problem:forbidden', status: 403 });
    expect((await call('orgLead', { url: '/api/rounds' })).statusCode).toBe(403);
    expect((await call('orgLead', { url: '/api/rounds/r1/export' })).statusCode).toBe(403);
    expect(
      (await call('analyst', { method: 'PATCH', url: '/api/rounds/r1', ...json({ status: 'closed' }) }))
        .statusCode,
    ).toBe(403);

    const { findStaffByApiToken } = await import('../../src/api/data/api-tokens.ts');
    const identity = await findStaffByApiToken(db, tokens.admin);
    await revokeApiToken(db, identity!.tokenId);
    expect((await call('admin', { url: '/api/rounds' })).statusCode).toBe(401);
  });

  it('checks access before validating input, so anonymous callers learn nothing about a route', async () => {
    const { call } = await startApi(getDb());
    const res = await call(null, { method: 'POST', url: '/api/rounds', ...json({ name: '' }) });
    expect(res.statusCode).toBe(401);
  });

  it('treats unknown tokens, tokens of closed rounds and staff tokens alike on survey routes: 404', async () => {
    const db = getDb();
    const { call, tokens } = await startApi(db);
    const open = await roundWithInvitations(db, 'open', 1);
    const closed = await roundWithInvitations(db, 'closed', 1);
    await setRoundStatus(db, 'closed', 'closed');

    expect((await call(null, { url: `/api/survey/${open.tokens[0]}` })).statusCode).toBe(200);
    const unknown = await call(null, { url: `/api/survey/${'x'.repeat(43)}` });
    const ofClosed = await call(null, { url: `/api/survey/${closed.tokens[0]}` });
    const staff = await call(null, { url: `/api/survey/${tokens.admin}` });
    for (const res of [unknown, ofClosed, staff]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(unknown.body);
    }
    const submitClosed = await call(null, {
      method: 'POST',
      url: `/api/survey/${closed.tokens[0]}/submit`,
      ...json({ answers: {} }),
    });
    expect(submitClosed.statusCode).toBe(404);
    expect(submitClosed.body).toBe(unknown.body);
  });

  it('does not accept a respondent token as a staff credential', async () => {
    const db = getDb();
    const { call } = await startApi(db);
    const { tokens } = await roundWithInvitations(db, 'r1', 1);
    const res = await call(null, {
      url: '/api/rounds/r1',
      headers: { authorization: `Bearer ${tokens[0]}` },
    });
    expect(res.statusCode).toBe(401);
  });
});
