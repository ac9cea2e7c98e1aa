/**
 * Gathers what an organisation's report is built from and builds it with the pure builder:
 * the organisation's released version (its own answers as released: never its live ones, so
 * that no one's answers can be read off by comparing two views), its peer groups in the
 * round's latest release, earlier rounds, targets and plan. Shared by the web page, the API
 * and the CLI. Every form of the report counts as a view of the version (see
 * src/core/release/organisation-version.ts).
 */
import { createHash } from 'node:crypto';
import type { Lang } from '../../core/instrument/types.ts';
import type { OrganisationResult } from '../../core/overview/related.ts';
import { localCalendarDay } from '../../i18n/dates.ts';
import { organisationPeers } from '../../core/release/peers.ts';
import { groupState, publicationFigures } from '../../core/release/read.ts';
import { changedRespondents } from '../../core/release/organisation-version.ts';
import { buildOrganisationReport } from '../../reports/organisation/model/build.ts';
import type {
  HistoryRound,
  OrganisationReport,
  PortfolioLink,
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
import { latestRelease, type Release } from './releases.ts';

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

/**
 * What a report is made from that can change: the releases and the organisation's versions
 * in them, and its live rows (current submissions, pending invitations, targets, plan). All
 * cheap reads of small rows; the costly parts (released answers, the prepared release, the
 * instruments) are fixed by the ids read here, so `sourcesKey` names every input of the report.
 */
export interface ReportSources {
  readonly round: Round;
  readonly organisation: Organisation;
  readonly release: Release;
  readonly version: StoredOrganisationVersion;
  /** Earlier rounds of the same instrument, with the version their latest release shows (or null). */
  readonly earlier: readonly { round: Round; version: StoredOrganisationVersion | null }[];
  readonly current: Awaited<ReturnType<typeof listCurrentSubmissions>>;
  readonly pending: number;
  readonly targets: Awaited<ReturnType<typeof listCompetencyTargets>>;
  readonly plan: Awaited<ReturnType<typeof listPlanItems>>;
  readonly previousTargets: Awaited<ReturnType<typeof listCompetencyTargets>> | null;
  /** The organisation's portfolio initiatives as the report links them (name, status, competency). */
  readonly portfolio: readonly PortfolioLink[];
  /** Its latest results in other instruments the reader may see (src/core/overview; per viewer). */
  readonly related: readonly OrganisationResult[];
}

/**
 * Reads the sources of a report and records the view of its version (throws when none is
 * released). `related` is the caller's (it depends on who reads), kept in the sources so that
 * the key covers it.
 */
export async function loadReportSources(
  db: Db,
  round: Round,
  organisation: Organisation,
  related: readonly OrganisationResult[] = [],
): Promise<ReportSources> {
  const release = await latestRelease(db, round);
  const versions = await listVersionsOfOrganisation(db, round.id, organisation.id);
  const version = release ? versionAt(versions, release.number) : null;
  if (!release || !version) {
    const pending = (await countPendingRespondents(db, round.id, organisation.id)).get(organisation.id) ?? 0;
    const answered = (await listCurrentSubmissions(db, round.id, organisation.id)).length;
    throw new ReportNotReadyError(round, answered, answered + pending);
  }
  // The first view is recorded; a version read as viewed needs no write (the statement would
  // change nothing, as a later view changes nothing).
  if (version.viewedAt === null) await markVersionViewed(db, version.id);
  // Earlier rounds' releases first: reading one may have to make it.
  const rounds = await listOrganisationRounds(db, organisation.id);
  const at = rounds.findIndex((r) => r.id === round.id);
  const earlier = (at < 0 ? [] : rounds.slice(0, at)).filter((r) => r.instrument.id === round.instrument.id);
  const earlierReleases = await Promise.all(earlier.map((r) => latestRelease(db, r)));
  return db.transaction(
    async (tx) => {
      const [current, pending, targets, plan, portfolio] = await Promise.all([
        listCurrentSubmissions(tx, round.id, organisation.id),
        countPendingRespondents(tx, round.id, organisation.id),
        listCompetencyTargets(tx, { organisationId: organisation.id, roundId: round.id }),
        listPlanItems(tx, { organisationId: organisation.id, roundId: round.id }),
        readPortfolio(tx, organisation.id),
      ]);
      const history: ReportSources['earlier'][number][] = [];
      for (const [i, r] of earlier.entries()) {
        const head = earlierReleases[i];
        history.push({
          round: r,
          version: head
            ? versionAt(await listVersionsOfOrganisation(tx, r.id, organisation.id), head.number)
            : null,
        });
      }
      const last = earlier[earlier.length - 1];
      const previousTargets = last
        ? await listCompetencyTargets(tx, { organisationId: organisation.id, roundId: last.id })
        : null;
      return {
        round,
        organisation,
        release,
        version,
        earlier: history,
        current,
        pending: pending.get(organisation.id) ?? 0,
        targets,
        plan,
        previousTargets,
        portfolio: portfolio.initiatives.map(({ initiative, status, competency }) => ({
          initiative,
          status,
          competency,
        })),
        related,
      };
    },
    { isolation: 'repeatable read' },
  );
}

/**
 * Everything a report built from `sources` in `lang` on `now`'s day depends on, as a digest:
 * two equal keys give the same report but for its generation time. The releases and versions
 * are named by number, id and time (they never change once made); the round, the
 * organisation and the live rows by their content.
 */
export function sourcesKey(sources: ReportSources, lang: Lang, now: Date): string {
  const version = (v: StoredOrganisationVersion | null) => v && [v.id, v.releaseNumber, v.createdAt];
  const parts = [
    lang,
    // Plan items are overdue from the day after their date, in Copenhagen.
    localCalendarDay(now.toISOString()),
    sources.round,
    sources.organisation,
    [sources.release.number, sources.release.content.at, sources.release.content.final],
    version(sources.version),
    sources.earlier.map((e) => [e.round, version(e.version)]),
    sources.current,
    sources.pending,
    sources.targets,
    sources.plan,
    sources.previousTargets,
    sources.portfolio,
    sources.related,
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

/** The report's whole input from its sources: the released answers, peers and history. */
export async function reportInputOf(
  sources: ReportSources,
  db: Db,
  lang: Lang,
  now: Date,
): Promise<ReportInput> {
  const { round, organisation, release, version } = sources;
  const instrument = await instrumentOf(db, round.instrument);
  const prepared = await preparedRelease(db, round, instrument, release);
  const own = await versionData(db, organisation, version);
  // Earlier rounds of the same instrument, in the order the rounds were made, as released.
  const history: HistoryRound[] = [];
  for (const { round: r, version: v } of sources.earlier)
    if (v)
      history.push({
        round: roundInfo(r),
        instrument: await instrumentOf(db, r.instrument),
        data: await versionData(db, organisation, v),
      });
  const last = sources.earlier[sources.earlier.length - 1];
  const previousTargets = last
    ? { round: roundInfo(last.round), targets: sources.previousTargets ?? [] }
    : null;
  const now_ = new Map(sources.current.map((s) => [s.respondentId, s.submissionId]));
  const versionRelease = release.number === version.releaseNumber ? release : null;
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
    targets: sources.targets,
    previousTargets,
    plan: sources.plan,
    portfolio: sources.portfolio,
    related: sources.related,
    // Every respondent record of the organisation in the round was invited (file, link or import).
    participation: {
      invited: sources.current.length + sources.pending,
      answered: sources.current.length,
    },
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
  return reportInputOf(await loadReportSources(db, round, organisation, related), db, lang, now);
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
