/**
 * The pre-aggregated organisation scores stay equal to a recomputation from the submissions,
 * through imports (new round, small and large changes), survey submissions (also concurrent
 * ones for one organisation) and a scoring-layout change; sector figures and reports read them.
 */
import { expect, it } from 'vitest';
import { importOrganisations } from '../../src/api/services/import.ts';
import { roundSectorFigures } from '../../src/api/services/sector.ts';
import { organisationReport } from '../../src/api/services/organisation-report.ts';
import { rescoreRound, roundScores } from '../../src/api/services/scores.ts';
import { organisationRow } from '../../src/core/figures/organisation-row.ts';
import { expectShownFigures, rawFigures } from '../helpers.ts';
import { generateRound } from '../../src/demo/generate.ts';
import {
  ensureOrganisation,
  getOrganisationByName,
  inviteRespondent,
  loadRoundData,
  requireRoundByName,
  setRoundStatus,
  type Db,
} from '../../src/storage/index.ts';
import { scoresKysely } from '../../src/storage/scores/schema.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { completeAnswers, dtOffentligSource, json, startApi } from './helpers.ts';

const ROUND = 'scores-2026';

/** Every stored score against a fresh computation from what is stored now. */
async function expectScoresCurrent(db: Db, roundName: string): Promise<number> {
  const round = await requireRoundByName(db, roundName);
  const { instrument, scores } = await roundScores(db, round);
  const { organisations } = await loadRoundData(db, roundName);
  expect(scores.map((s) => s.name)).toEqual(organisations.map((o) => o.name));
  organisations.forEach((o, i) => {
    const fresh = organisationRow(instrument, o.respondents);
    expect(scores[i]!.respondents, o.name).toBe(fresh.respondents);
    expect(scores[i]!.stage, o.name).toBe(fresh.stage);
    expect([...scores[i]!.values], o.name).toEqual([...fresh.values]);
  });
  return scores.length;
}

/** The released sector figures equal the arithmetic on every organisation's answers, where shown. */
async function expectReleasedFiguresExact(db: Db, roundName: string): Promise<void> {
  const round = await requireRoundByName(db, roundName);
  const { instrument } = await roundScores(db, round);
  const { organisations } = await loadRoundData(db, roundName);
  const released = await roundSectorFigures(db, roundName);
  expect('suppressed' in released).toBe(false);
  const { release: _release, instrument: _id, ...figures } = released as Record<string, unknown>;
  // The stored path sums the organisations in another order (primary key, not name), which
  // may move the last bit of a mean: equal to 12 decimals.
  expectShownFigures(figures, rawFigures(instrument, roundName, organisations));
}

async function importGenerated(db: Db, organisations: number, seed: number, answerSeed = seed) {
  const { instrument, ref } = await dtOffentligSource();
  const data = generateRound(instrument, { organisations, respondents: [1, 4], seed, answerSeed });
  await importOrganisations(db, { roundName: ROUND, source: ref, organisations: data, actor: 'test' });
  return data;
}

describeEachBackend('stored organisation scores', (getDb) => {
  it('are written by an import and kept current by re-imports, small and large', async () => {
    const db = getDb();
    // Above 500 changed organisations an import rescores the whole round.
    await importGenerated(db, 520, 1);
    expect(await expectScoresCurrent(db, ROUND)).toBe(520);
    await expectReleasedFiguresExact(db, ROUND);
    // The same organisations answering differently: every one changes (the whole-round path) …
    await importGenerated(db, 520, 1, 2);
    await expectScoresCurrent(db, ROUND);
    // … and a few of them (one by one).
    const { instrument, ref } = await dtOffentligSource();
    const few = generateRound(instrument, {
      organisations: 40,
      respondents: [1, 4],
      seed: 1,
      answerSeed: 3,
    }).slice(0, 3);
    await importOrganisations(db, { roundName: ROUND, source: ref, organisations: few, actor: 'test' });
    await expectScoresCurrent(db, ROUND);
  });

  it('follow every submission, also concurrent ones from one organisation', async () => {
    const db = getDb();
    await importGenerated(db, 12, 5);
    const api = await startApi(db);
    const round = await requireRoundByName(db, ROUND);
    const org = await ensureOrganisation(db, { name: 'Nyby Kommune', sector: 'kommune' });
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++)
      tokens.push(
        (await inviteRespondent(db, { roundId: round.id, organisationId: org.id, externalId: `n${i}` }))
          .token,
      );
    const responses = await Promise.all(
      tokens.map((token, i) =>
        api.app.inject({
          method: 'POST',
          url: `/api/survey/${token}/submit`,
          ...json({ answers: completeAnswers(i) }),
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(tokens.map(() => 201));
    expect(await expectScoresCurrent(db, ROUND)).toBe(13);
    const stored = (await roundScores(db, round)).scores.find((s) => s.name === 'Nyby Kommune')!;
    expect(stored.respondents).toBe(6);

    // A changed answer supersedes the submission and moves the score.
    await api.app.inject({
      method: 'POST',
      url: `/api/survey/${tokens[0]}/submit`,
      ...json({ answers: completeAnswers(9) }),
    });
    await expectScoresCurrent(db, ROUND);
  });

  it('are recomputed whole when stored under another scoring layout', async () => {
    const db = getDb();
    await importGenerated(db, 15, 8);
    const round = await requireRoundByName(db, ROUND);
    // Damage the rows and mark them as made by an older scoring version.
    await scoresKysely(db).updateTable('organisation_scores').set({ respondents: 99, stage: 'x' }).execute();
    await scoresKysely(db).updateTable('round_scores').set({ layout_key: '0:old' }).execute();
    expect(await expectScoresCurrent(db, ROUND)).toBe(15);
    const { instrument } = await roundScores(db, round);
    await rescoreRound(db, instrument, round.id);
    await expectScoresCurrent(db, ROUND);
  });

  it("give reports the same peer comparison as a release made from every organisation's answers", async () => {
    const db = getDb();
    const data = await importGenerated(db, 60, 11);
    const closed = await setRoundStatus(db, ROUND, 'closed');
    const name = data[7]!.name;
    const organisation = (await getOrganisationByName(db, name))!;
    const report = await organisationReport(db, closed, organisation, 'da');
    // The pure path: a release built from the answers themselves, no stored rows.
    const { loadReportInput } = await import('../../src/api/services/organisation-report.ts');
    const { buildOrganisationReport } = await import('../../src/reports/organisation/model/build.ts');
    const { releaseOfOrganisations, versionsOfOrganisations } =
      await import('../../src/core/release/build.ts');
    const { organisationPeers, prepareRelease } = await import('../../src/core/release/peers.ts');
    const { disclosurePolicy } = await import('../../src/core/disclosure/policy.ts');
    const { instrument } = await roundScores(db, closed);
    const { organisations } = await loadRoundData(db, ROUND);
    const input = await loadReportInput(db, closed, organisation, 'da');
    const content = releaseOfOrganisations(
      instrument,
      organisations,
      disclosurePolicy({ k: closed.kMin }),
      input.release.at,
    );
    const versions = versionsOfOrganisations(
      instrument,
      organisations.map((o) => ({ ...o, type: null, sizeBand: null })),
    );
    const at = organisations.findIndex((o) => o.name === name);
    const direct = buildOrganisationReport({
      ...input,
      peers: organisationPeers(prepareRelease(instrument, content, versions), at + 1),
    });
    // Imports leave type and size band empty: the groups are all, sector and the similar ones.
    expect(report.benchmark.groups.length).toBeGreaterThan(1);
    expect(report.benchmark.dimensions).toEqual(direct.benchmark.dimensions);
    expect(report.ranking).toEqual(direct.ranking);
  });
});
