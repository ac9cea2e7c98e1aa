/** Rounds and invitations through the API (staff). */
import { expect, it } from 'vitest';
import { listAudit } from '../../src/storage/index.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { completeAnswers, json, startApi } from './helpers.ts';

describeEachBackend('API rounds', (getDb) => {
  it('creates, lists, reads and moves a round forward through its statuses', async () => {
    const db = getDb();
    const { call, assignAnalyst } = await startApi(db);
    const created = await call('admin', {
      method: 'POST',
      url: '/api/rounds',
      ...json({ name: '2026', title: { da: 'Måling 2026', en: 'Survey 2026' }, kMin: 4 }),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: '2026',
      status: 'draft',
      kMin: 4,
      instrument: { id: 'dt-offentlig' },
      title: { da: 'Måling 2026', en: 'Survey 2026' },
    });
    expect(
      (await call('admin', { method: 'POST', url: '/api/rounds', ...json({ name: '2026' }) })).statusCode,
    ).toBe(409);
    expect((await call('analyst', { url: '/api/rounds' })).json()).toEqual([]);
    expect((await call('analyst', { url: '/api/rounds/2026' })).statusCode).toBe(403);
    await assignAnalyst('2026');
    expect(
      (await call('analyst', { url: '/api/rounds' })).json().map((r: { name: string }) => r.name),
    ).toEqual(['2026']);
    expect((await call('analyst', { url: '/api/rounds/2026' })).json().name).toBe('2026');
    expect((await call('analyst', { url: '/api/rounds/1999' })).statusCode).toBe(404);

    const patch = (body: unknown) =>
      call('admin', { method: 'PATCH', url: '/api/rounds/2026', ...json(body) });
    const opened = await patch({
      status: 'open',
      opensAt: '2026-01-01T00:00:00Z',
      closesAt: '2026-03-01T00:00:00.000+01:00',
      kMin: 5,
    });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({
      status: 'open',
      opensAt: '2026-01-01T00:00:00.000Z',
      closesAt: '2026-02-28T23:00:00.000Z',
      kMin: 5,
    });
    const backwards = await patch({ status: 'draft' });
    expect(backwards.statusCode).toBe(409);
    expect(backwards.json()).toMatchObject({ type: 'urn:pejling:problem:invalid-transition' });
    expect((await patch({ closesAt: '2025-01-01T00:00:00Z' })).statusCode).toBe(400);
    expect((await patch({ kMin: 2 })).statusCode).toBe(400);
    expect((await patch({})).statusCode).toBe(400);
    expect((await patch({ status: 'closed' })).json().status).toBe('closed');
    expect((await patch({ status: 'open' })).statusCode).toBe(409);

    const audit = await listAudit(db, { subject: 'round:2026' });
    expect(audit.map((a) => `${a.actor} ${a.action}`)).toContain('admin@example.dk round.create');
  });

  it('names the wrong fields of a request body', async () => {
    const { call } = await startApi(getDb());
    const res = await call('admin', {
      method: 'POST',
      url: '/api/rounds',
      ...json({ name: 'no spaces', kMin: 1, opensAt: 'yesterday', title: { en: 'x' } }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({
      type: 'urn:pejling:problem:invalid-request',
      title: 'Invalid request',
      status: 400,
    });
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'kMin',
      'name',
      'opensAt',
      'title.da',
    ]);
    for (const e of problem.errors) expect(e).toMatchObject({ in: 'body', message: expect.any(String) });
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.ts:\d+/);

    const query = await call('admin', { url: '/api/rounds/x/export?format=pdf' });
    expect(query.statusCode).toBe(400);
    expect(query.json().errors[0]).toMatchObject({ in: 'querystring', field: 'format' });
    const params = await call('admin', { url: `/api/rounds/${encodeURIComponent('ø ø')}` });
    expect(params.json().errors[0]).toMatchObject({ in: 'params', field: 'name' });
  });

  it('invites respondents: the token is returned once and works on the survey routes', async () => {
    const db = getDb();
    const { call, assignAnalyst } = await startApi(db);
    await call('admin', { method: 'POST', url: '/api/rounds', ...json({ name: '2026' }) });
    await call('admin', { method: 'PATCH', url: '/api/rounds/2026', ...json({ status: 'open' }) });
    const invite = (body: unknown) =>
      call('admin', { method: 'POST', url: '/api/rounds/2026/respondents', ...json(body) });

    const res = await invite({
      organisation: 'Aarhus Kommune',
      sector: 'kommune',
      respondent: 'a1',
      role: 'it',
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { token } = res.json();
    expect(res.json()).toEqual({ token, organisation: 'Aarhus Kommune', respondent: 'a1', role: 'it' });
    const survey = await call(null, { url: `/api/survey/${token}` });
    expect(survey.json()).toMatchObject({
      organisation: { name: 'Aarhus Kommune' },
      respondent: { id: 'a1', role: 'it' },
    });

    expect(
      (await invite({ organisation: 'Aarhus Kommune', sector: 'kommune', respondent: 'a1' })).statusCode,
    ).toBe(409);
    expect((await invite({ organisation: 'Aarhus Kommune', sector: 'region' })).statusCode).toBe(409);
    const random = await invite({ organisation: 'Region Midt', sector: 'region' });
    expect(random.json().respondent).toMatch(/^r-/);
    expect(
      (
        await call('admin', {
          method: 'POST',
          url: '/api/rounds/nope/respondents',
          ...json({ organisation: 'X', sector: 'stat' }),
        })
      ).statusCode,
    ).toBe(404);

    await call(null, {
      method: 'POST',
      url: `/api/survey/${token}/submit`,
      ...json({ answers: completeAnswers() }),
    });
    await assignAnalyst('2026');
    const organisations = await call('analyst', { url: '/api/rounds/2026/organisations' });
    expect(organisations.json()).toEqual([
      { name: 'Aarhus Kommune', sector: 'kommune', respondents: 1, submitted: 1 },
      { name: 'Region Midt', sector: 'region', respondents: 1, submitted: 0 },
    ]);
    expect(organisations.body).not.toContain('topleder');

    await call('admin', { method: 'PATCH', url: '/api/rounds/2026', ...json({ status: 'closed' }) });
    expect((await invite({ organisation: 'Region Midt', sector: 'region' })).statusCode).toBe(409);
  });
});
