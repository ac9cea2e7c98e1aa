/** The respondent's side: reading the survey, autosaving drafts, submitting. */
import { expect, it } from 'vitest';
import { listSubmissions, setRoundStatus } from '../../src/storage/index.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { completeAnswers, json, roundWithInvitations, startApi } from './helpers.ts';

describeEachBackend('API survey', (getDb) => {
  it('shows the round, organisation, draft and submission of the invitation', async () => {
    const db = getDb();
    const { call } = await startApi(db);
    const { tokens } = await roundWithInvitations(db, '2026', 1);
    const res = await call(null, { url: `/api/survey/${tokens[0]}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      round: {
        name: '2026',
        title: { da: '2026' },
        status: 'open',
        opensAt: null,
        closesAt: null,
        languages: ['da', 'en'],
        intro: null,
        organiser: null,
        // The survey's promise states the round's own disclosure policy.
        kMin: 5,
        respondentMin: 3,
      },
      instrument: { id: 'dt-offentlig', version: expect.any(String) },
      organisation: { name: 'Org 2026' },
      respondent: { id: 'r0', role: null },
      prefill: {},
      draft: null,
      submission: null,
    });
  });

  it('autosaves drafts with revisions and refuses a stale revision with 409 and the current one', async () => {
    const db = getDb();
    const { call } = await startApi(db);
    const { tokens } = await roundWithInvitations(db, '2026', 1);
    const url = `/api/survey/${tokens[0]}/draft`;
    const put = (body: unknown) => call(null, { method: 'PUT', url, ...json(body) });

    const first = await put({ answers: { 'why.importance': 4 }, revision: 0 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ revision: 1 });
    const second = await put({
      answers: { 'why.importance': 5, 'profile.role': 'it', 'reflection.comment': null },
      revision: 1,
    });
    expect(second.json()).toMatchObject({ revision: 2 });

    const stale = await put({ answers: { 'why.importance': 1 }, revision: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.json()).toMatchObject({
      type: 'urn:pejling:problem:draft-conflict',
      status: 409,
      currentRevision: 2,
    });

    const survey = (await call(null, { url: `/api/survey/${tokens[0]}` })).json();
    expect(survey.draft).toMatchObject({
      answers: { 'why.importance': 5, 'profile.role': 'it' },
      revision: 2,
    });
  });

  it('validates drafts with the core (not for completeness) and names every wrong field', async () => {
    const db = getDb();
    const { call } = await startApi(db);
    const { tokens } = await roundWithInvitations(db, '2026', 1);
    const url = `/api/survey/${tokens[0]}/draft`;
    const res = await call(null, {
      method: 'PUT',
      url,
      ...json({ answers: { 'why.importance': 9, 'profile.role': 'king', 'no.such': 1 }, revision: 0 }),
    });
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem).toMatchObject({ type: 'urn:pejling:problem:invalid-answers', status: 422 });
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'answers.no.such',
      'answers.profile.role',
      'answers.why.importance',
    ]);
    expect(problem.errors.find((e: { field: string }) => e.field === 'answers.why.importance')).toMatchObject(
      {
        in: 'body',
        path: ['answers', 'why.importance'],
        code: 'out-of-range',
      },
    );

    const wrongTypes = await call(null, {
      method: 'PUT',
      url,
      ...json({ answers: { 'why.importance': true }, revision: 'x' }),
    });
    expect(wrongTypes.statusCode).toBe(400);
    expect(wrongTypes.json()).toMatchObject({ type: 'urn:pejling:problem:invalid-request', status: 400 });
    const fields = wrongTypes.json().errors.map((e: { field: string; in: string }) => `${e.in}:${e.field}`);
    expect(fields).toEqual(expect.arrayContaining(['body:answers.why.importance', 'body:revision']));

    const huge = await call(null, {
      method: 'PUT',
      url,
      ...json({ answers: { 'reflection.comment': 'x'.repeat(20_001) }, revision: 0 }),
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().errors[0]).toMatchObject({ field: 'answers.reflection.comment', code: 'too_big' });

    const tooLong = await call(null, {
      method: 'PUT',
      url,
      ...json({ answers: { 'reflection.comment': 'x'.repeat(2_001) }, revision: 0 }),
    });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().errors[0]).toMatchObject({ field: 'answers.reflection.comment', code: 'too-long' });

    const tooLarge = await call(null, {
      method: 'PUT',
      url,
      ...json({
        answers: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'x'.repeat(15_000)])),
        revision: 0,
      }),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ status: 413, type: 'urn:pejling:problem:payload-too-large' });

    const malformed = await call(null, {
      method: 'PUT',
      url,
      payload: '{"answers":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ type: 'urn:pejling:problem:invalid-json' });
    expect(malformed.body).not.toContain('answers');
  });

  it('requires a complete submission and lists every missing or wrong field', async () => {
    const db = getDb();
    const { call } = await startApi(db);
    const { tokens } = await roundWithInvitations(db, '2026', 1);
    const res = await call(null, {
      method: 'POST',
      url: `/api/survey/${tokens[0]}/submit`,
      ...json({ answers: { 'why.importance': 7 } }),
    });
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    expect(fields.sort()).toEqual([
      'answers.how.leadership.rank:required',
      'answers.profile.role:required',
      'answers.why.importance:out-of-range',
    ]);
  });

  it('makes submitting idempotent and lets a new submission supersede the old one', async () => {
    const db = getDb();
    const { call } = await startApi(db);
    const { tokens } = await roundWithInvitations(db, '2026', 1);
    const url = `/api/survey/${tokens[0]}/submit`;
    const submit = (seed: number) =>
      call(null, { method: 'POST', url, ...json({ answers: completeAnswers(seed) }) });

    const first = await submit(1);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ created: true });
    const again = await submit(1);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...first.json(), created: false });

    const changed = await submit(2);
    expect(changed.statusCode).toBe(201);
    expect(changed.json().id).not.toBe(first.json().id);

    const survey = (await call(null, { url: `/api/survey/${tokens[0]}` })).json();
    expect(survey.submission).toMatchObject({ id: changed.json().id, answers: completeAnswers(2) });
    const respondentId = (await db.kysely.selectFrom('respondents').select('id').executeTakeFirstOrThrow())
      .id;
    const all = await listSubmissions(db, respondentId);
    expect(all.map((s) => [s.id, s.supersededAt === null])).toEqual([
      [first.json().id, false],
      [changed.json().id, true],
    ]);
  });

  it('answers 409 when the round does not take responses yet, and 404 once it is closed', async () => {
    const db = getDb();
    const { call } = await startApi(db);
    const { tokens } = await roundWithInvitations(db, '2026', 1, 'draft');
    const survey = await call(null, { url: `/api/survey/${tokens[0]}` });
    expect(survey.json().round.status).toBe('draft');
    const submit = () =>
      call(null, {
        method: 'POST',
        url: `/api/survey/${tokens[0]}/submit`,
        ...json({ answers: completeAnswers() }),
      });
    const early = await submit();
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ type: 'urn:pejling:problem:round-not-open' });
    const draft = await call(null, {
      method: 'PUT',
      url: `/api/survey/${tokens[0]}/draft`,
      ...json({ answers: {}, revision: 0 }),
    });
    expect(draft.statusCode).toBe(409);

    await setRoundStatus(db, '2026', 'open');
    expect((await submit()).statusCode).toBe(201);
    await setRoundStatus(db, '2026', 'closed');
    expect((await submit()).statusCode).toBe(404);
  });
});
