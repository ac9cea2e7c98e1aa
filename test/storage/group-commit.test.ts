/**
 * Autosave's group commit: saves that arrive together share one transaction on the embedded
 * database, each still answers for itself (a stale revision fails alone), and every
 * acknowledged save is there after the database is reopened.
 */
import { expect, it } from 'vitest';
import {
  createRespondent,
  DraftConflictError,
  getDraft,
  openDatabase,
  saveDraftGrouped,
} from '../../src/storage/index.ts';
import { describeEachBackend } from './backends.ts';
import { answers, seedRound } from './fixtures.ts';

describeEachBackend('grouped autosave', (getDb, { config }) => {
  it('writes concurrent saves together and refuses only the stale ones', async () => {
    const db = getDb();
    const { round, organisation, respondent } = await seedRound(db);
    const others = [];
    for (let i = 0; i < 40; i++)
      others.push(
        await createRespondent(db, {
          roundId: round.id,
          organisationId: organisation.id,
          externalId: `g${i}`,
        }),
      );
    await saveDraftGrouped(db, respondent.id, answers(1), 0);

    const results = await Promise.allSettled([
      ...others.map((r, i) => saveDraftGrouped(db, r.id, answers(i), 0)),
      saveDraftGrouped(db, respondent.id, answers(2), 0), // stale: the draft is at revision 1
      saveDraftGrouped(db, respondent.id, answers(3), 1),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(fulfilled).toHaveLength(41);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(DraftConflictError);

    await db.close();
    const reopened = await openDatabase(config());
    try {
      for (const [i, r] of others.entries())
        expect((await getDraft(reopened, r.id))?.answers, `respondent g${i}`).toEqual(answers(i));
      expect(await getDraft(reopened, respondent.id)).toMatchObject({ revision: 2, answers: answers(3) });
    } finally {
      await reopened.close();
    }
  });
});
