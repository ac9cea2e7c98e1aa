import { expect, it } from 'vitest';
import {
  DraftConflictError,
  NotFoundError,
  RoundNotOpenError,
  getCurrentSubmission,
  getDraft,
  listSubmissions,
  saveDraft,
  setRoundStatus,
  submitResponse,
} from '../../src/storage/index.ts';
import { describeEachBackend } from './backends.ts';
import { answers, seedRound } from './fixtures.ts';

describeEachBackend('responses', (getDb) => {
  it('autosaves drafts with increasing revisions and detects conflicting saves', async () => {
    const db = getDb();
    const { respondent } = await seedRound(db);
    expect(await getDraft(db, respondent.id)).toBeUndefined();

    expect((await saveDraft(db, respondent.id, answers(1), 0)).revision).toBe(1);
    expect((await saveDraft(db, respondent.id, answers(2), 1)).revision).toBe(2);
    expect((await saveDraft(db, respondent.id, answers(3))).revision).toBe(3);

    const stale = saveDraft(db, respondent.id, answers(4), 2);
    await expect(stale).rejects.toBeInstanceOf(DraftConflictError);
    await expect(stale).rejects.toMatchObject({ expectedRevision: 2, currentRevision: 3 });
    await expect(saveDraft(db, respondent.id, answers(4), 0)).rejects.toBeInstanceOf(DraftConflictError);

    const draft = await getDraft(db, respondent.id);
    expect(draft).toMatchObject({ revision: 3, answers: answers(3) });
  });

  it('supersedes on resubmission and never overwrites', async () => {
    const db = getDb();
    const { respondent } = await seedRound(db);
    const first = await submitResponse(db, respondent.id, answers(1));
    const second = await submitResponse(db, respondent.id, answers(2));
    expect(first.created && second.created).toBe(true);
    expect(second.id).not.toBe(first.id);

    const history = await listSubmissions(db, respondent.id);
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      id: first.id,
      answers: answers(1),
      submittedAt: first.submittedAt,
      supersededAt: second.submittedAt,
    });
    expect(history[1]).toMatchObject({ id: second.id, answers: answers(2), supersededAt: null });
    expect((await getCurrentSubmission(db, respondent.id))?.id).toBe(second.id);
  });

  it('treats resubmitting the same answers as a no-op, whatever the key order', async () => {
    const db = getDb();
    const { respondent } = await seedRound(db);
    const first = await submitResponse(db, respondent.id, { a: 1, b: 'x' });
    const again = await submitResponse(db, respondent.id, { b: 'x', a: 1 });
    expect(again).toEqual({ ...first, created: false });
    expect(await listSubmissions(db, respondent.id)).toHaveLength(1);
  });

  it('refuses an update of submitted answers at the database level', async () => {
    const db = getDb();
    const { respondent } = await seedRound(db);
    const { id } = await submitResponse(db, respondent.id, answers(1));
    await expect(
      db.kysely.updateTable('submissions').set({ answers: '{"tampered":1}' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/immutable/);
    await expect(
      db.kysely
        .updateTable('submissions')
        .set({ submitted_at: '2020-01-01T00:00:00.000Z' })
        .where('id', '=', id)
        .execute(),
    ).rejects.toThrow(/immutable/);
    expect((await getCurrentSubmission(db, respondent.id))?.answers).toEqual(answers(1));
  });

  it('accepts responses only while the round is open', async () => {
    const db = getDb();
    const { round, respondent } = await seedRound(db);
    await submitResponse(db, respondent.id, answers(1));

    await setRoundStatus(db, round.name, 'closed');
    await expect(submitResponse(db, respondent.id, answers(2))).rejects.toBeInstanceOf(RoundNotOpenError);
    await expect(saveDraft(db, respondent.id, answers(2))).rejects.toBeInstanceOf(RoundNotOpenError);
    await setRoundStatus(db, round.name, 'draft');
    await expect(submitResponse(db, respondent.id, answers(2))).rejects.toBeInstanceOf(RoundNotOpenError);
    expect(await listSubmissions(db, respondent.id)).toHaveLength(1);
  });

  it('honours the round window', async () => {
    const db = getDb();
    const past = await seedRound(db, { name: 'past', closesAt: '2020-01-01T00:00:00Z' });
    await expect(submitResponse(db, past.respondent.id, answers(1))).rejects.toThrow(/closed at 2020-01-01/);
    const future = await seedRound(db, { name: 'future', opensAt: '2999-01-01T00:00:00Z' });
    await expect(submitResponse(db, future.respondent.id, answers(1))).rejects.toThrow(/opens at 2999-01-01/);
  });

  it('refuses drafts outside the round window and for unknown respondents', async () => {
    const db = getDb();
    const past = await seedRound(db, { name: 'past', closesAt: '2020-01-01T00:00:00Z' });
    await expect(saveDraft(db, past.respondent.id, answers(1), 0)).rejects.toThrow(/closed at 2020-01-01/);
    const future = await seedRound(db, { name: 'future', opensAt: '2999-01-01T00:00:00Z' });
    await expect(saveDraft(db, future.respondent.id, answers(1))).rejects.toThrow(/opens at 2999-01-01/);
    expect(await getDraft(db, past.respondent.id)).toBeUndefined();
    expect(await getDraft(db, future.respondent.id)).toBeUndefined();
    await expect(saveDraft(db, 999_999, answers(1), 0)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lets exactly one of concurrent saves of the same revision win', async () => {
    const db = getDb();
    const { respondent } = await seedRound(db);
    await saveDraft(db, respondent.id, answers(1), 0);
    const outcomes = await Promise.allSettled(
      [2, 3, 4, 5, 1, 2, 3, 4].map((v) => saveDraft(db, respondent.id, answers(v), 1)),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({ value: { revision: 2 } });
    for (const o of outcomes.filter((o) => o.status === 'rejected'))
      expect(o.reason).toMatchObject({ expectedRevision: 1, currentRevision: 2 });
    expect((await getDraft(db, respondent.id))?.revision).toBe(2);
  });

  it('reports an unknown respondent', async () => {
    await expect(submitResponse(getDb(), 999_999, answers(1))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps one current submission under concurrent submits', async () => {
    const db = getDb();
    const { respondent } = await seedRound(db);
    const results = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((i) => submitResponse(db, respondent.id, answers(i))),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(6);
    const history = await listSubmissions(db, respondent.id);
    expect(history.filter((s) => s.supersededAt === null)).toHaveLength(1);
    expect(history).toHaveLength(6);
  });
});
