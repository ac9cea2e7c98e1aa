/**
 * Gathers what an organisation's report is built from and builds it with the pure builder:
 * the organisation's released version (its own answers as released: never its live ones, so
 * that no one's answers can be read off by comparing two views), its peer groups in the
 * round's latest release, earlier rounds, targets and plan. Shared by the web page, the API
 * and the CLI. Every form of the report counts as a view of the version (see
 * src/core/release/organisation-version.ts).
 */
import type { Lang } from '../../core/instrument/types.ts';
import type { OrganisationResult } from '../../core/overview/related.ts';
import { organisationPeers } from '../../core/release/peers.ts';
import { groupState, publicationFigures } from '../../core/release/read.ts';
import { changedRespondents } from '../../core/release/organisation-version.ts';
import { buildOrganisationReport } from '../../reports/organisation/model/build.ts';
import type {
  HistoryRound,
  OrganisationReport,
  ReportInput,
  RoundInfo,
} from '../../reports/organisation/model/types.ts';
import {
  countPendingRespondents,
  listCompetencyTargets,
  listCurrentSubmissions,
  listOrganisationRounds,
  listPlanItems,
  listVersionsOfOrganisation,
  loadSubmissions,
  markVersionViewed,
  readPortfolio,
  type Db,
  type Organisation,
  type Round,
  type StoredOrganisationVersion,
} from '../../storage/index.ts';
import { HttpProblem } from '../problem.ts';
import { instrumentOf } from './instruments.ts';
import { preparedRelease } from './peers.ts';
import { latestRelease } from './releases.ts';

const roundInfo = (r: Round): RoundInfo => ({
  name: r.name,
  title: r.title,
  status: r.status,
  kMin: r.kMin,
  respondentMin: r.respondentMin,
});

/**
 * The organisation has answers but no released version yet: its first version appears when
 * everyone invited has answered, or when the round closes.
 */
export class ReportNotReadyError extends HttpProblem {
  constructor(
    readonly round: Round,
    readonly answered: number,
    readonly invited: number,
  ) {
    super(
      409,
      'report-not-ready',
      'The report is not ready yet',
      `${answered} of ${invited} invited respondents have answered. The report appears when everyone invited has answered, or when the round closes.`,
    );
  }
}

/** The organisation's version current at a release (null when it has none). */
export function versionAt(
  versions: readonly StoredOrganisationVersion[],
  number: number,
): StoredOrganisationVersion | null {
  const v = versions.filter((x) => x.releaseNumber <= number).at(-1);
  return v && v.respondents > 0 ? v : null;
}

/** The organisation's answers as a version holds them. */
export async function versionData(db: Db, organisation: Organisation, version: StoredOrganisationVersion) {
  const submissions = await loadSubmissions(
    db,
    version.submissions.map(([, s]) => s),
  );
  return {
    name: organisation.name,
    sector: organisation.sector,
    respondents: submissions.map((s) => ({ id: s.externalId, answers: s.answers })),
  };
}

export async function loadReportInput(
  db: Db,
  round: Round,
  organisation: Organisation,
  lang: Lang,
  now = new Date(),
  related: readonly OrganisationResult[] = [],
): Promise<ReportInput> {
  const instrument = await instrumentOf(db, round.instrument);
  const release = await latestRelease(db, round);
  const versions = await listVersionsOfOrganisation(db, round.id, organisation.id);
  const version = release ? versionAt(versions, release.number) : null;
  if (!release || !version) {
    const pending = (await countPendingRespondents(db, round.id, organisation.id)).get(organisation.id) ?? 0;
    const answered = (await listCurrentSubmissions(db, round.id, organisation.id)).length;
    throw new ReportNotReadyError(round, answered, answered + pending);
  }
  await markVersionViewed(db, version.id);
  const prepared = await preparedRelease(db, round, instrument, release);
  // Earlier rounds' releases first: reading one may have to make it.
  const rounds = await listOrganisationRounds(db, organisation.id);
  const at = rounds.findIndex((r) => r.id === round.id);
  const earlier = (at < 0 ? [] : rounds.slice(0, at)).filter((r) => r.instrument.id === round.instrument.id);
  const earlierReleases = await Promise.all(earlier.map((r) => latestRelease(db, r)));
  return db.transaction(
    async (tx) => {
      const [own, current, pending, targets, plan, portfolio] = await Promise.all([
        versionData(tx, organisation, version),
        listCurrentSubmissions(tx, round.id, organisation.id),
        countPendingRespondents(tx, round.id, organisation.id),
        listCompetencyTargets(tx, { organisationId: organisation.id, roundId: round.id }),
        listPlanItems(tx, { organisationId: organisation.id, roundId: round.id }),
        readPortfolio(tx, organisation.id),
      ]);
      const now_ = new Map(current.map((s) => [s.respondentId, s.submissionId]));
      const versionRelease = release.number === version.releaseNumber ? release : null;

      // Earlier rounds of the same instrument, in the order the rounds were made, as released.
      const history: HistoryRound[] = [];
      for (const [i, r] of earlier.entries()) {
        const head = earlierReleases[i];
        const v = head
          ? versionAt(await listVersionsOfOrganisation(tx, r.id, organisation.id), head.number)
          : null;
        if (v)
          history.push({
            round: roundInfo(r),
            instrument: await instrumentOf(tx, r.instrument),
            data: await versionData(tx, organisation, v),
          });
      }
      const last = earlier[earlier.length - 1];
      const previousTargets = last
        ? {
            round: roundInfo(last),
            targets: await listCompetencyTargets(tx, { organisationId: organisation.id, roundId: last.id }),
          }
        : null;
      const allPub = groupState(release.content, 'all')?.publication;
      return {
        instrument,
        lang,
        generatedAt: now.toISOString(),
        round: roundInfo(round),
        organisation: {
          name: organisation.name,
          sector: version.attributes.sector,
          type: version.attributes.type,
          sizeBand: version.attributes.sizeBand,
        },
        release: { number: release.number, at: release.content.at, final: release.content.final },
        version: {
          release: version.releaseNumber,
          at: versionRelease?.content.at ?? version.createdAt,
          data: own,
          comparisons: version.comparisons,
          waiting: changedRespondents(now_, new Map(version.submissions)),
        },
        peers: organisationPeers(prepared, organisation.id),
        roundFigures: allPub?.sector ? publicationFigures(instrument, allPub) : null,
        history,
        targets,
        previousTargets,
        plan,
        portfolio: portfolio.initiatives,
        // Every respondent record of the organisation in the round was invited (file, link or import).
        related,
        participation: {
          invited: current.length + (pending.get(organisation.id) ?? 0),
          answered: current.length,
        },
      };
    },
    { isolation: 'repeatable read' },
  );
}

export async function organisationReport(
  db: Db,
  round: Round,
  organisation: Organisation,
  lang: Lang,
  now = new Date(),
  related: readonly OrganisationResult[] = [],
): Promise<OrganisationReport> {
  return buildOrganisationReport(await loadReportInput(db, round, organisation, lang, now, related));
}
