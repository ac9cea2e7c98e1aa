/**
 * The organisation report as one JSON document: everything the page, the PDF, the XLSX and
 * the API show, with texts already in the report's language and numbers unrounded (the views
 * round them). Peer figures are only ever aggregates of at least the round's k organisations.
 */
import type { PanelSection } from './panel.ts';
import type { OrganisationData } from '../../../core/exchange/types.ts';
import type { Json } from '../../../core/figures/assemble.ts';
import type { Text } from '../../../core/instrument/schema.ts';
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import type { OrganisationResult } from '../../../core/overview/related.ts';
import type { AdviceKey, PlanItem, PlanStatus } from '../../../core/plans/plan.ts';
import type { CompetencyTarget } from '../../../core/targets/targets.ts';
import type { GroupKind } from '../../../core/release/groups.ts';
import type { PeerGroupView } from '../../../core/release/peers.ts';
import type { VisibleReason, VisibleStatus } from '../../../core/release/read.ts';
import type { ComparisonPart } from '../../../core/figures/compare.ts';
import type { BoardSummary } from './board.ts';
import type { ComparisonDecision } from '../../../core/release/organisation-version.ts';
import type { Coverage } from '../../../core/portfolio/links.ts';
import type { Initiative } from '../../../core/portfolio/types.ts';

export const REPORT_FORMAT = 'pejling-organisation-report/2';

// ---------------------------------------------------------------- input (all pure data)

export interface RoundInfo {
  readonly name: string;
  readonly title: Text | null;
  readonly status: string;
  /** Disclosure control: no peer figure from fewer organisations than this. */
  readonly kMin: number;
  /** No figure about a group of respondents inside the organisation from fewer than this. */
  readonly respondentMin: number;
}

export interface HistoryRound {
  readonly round: RoundInfo;
  /** The instrument that round pinned (its version may differ from today's). */
  readonly instrument: Instrument;
  readonly data: OrganisationData;
}

/** The organisation's released version: the answers its own figures are made of. */
export interface ReleasedVersion {
  /** The release that made it, and when. */
  readonly release: number;
  readonly at: string;
  readonly data: OrganisationData;
  /** Per declared comparison: may it be shown, and which rows (src/core/release/organisation-version.ts). */
  readonly comparisons: Readonly<
    Record<string, { readonly status: ComparisonDecision | string; readonly rows: readonly string[] }>
  >;
  /** Respondents whose answers are newer than the version (joined, or changed theirs). */
  readonly waiting: number;
}

export interface ReportInput {
  readonly instrument: Instrument;
  readonly lang: Lang;
  /** ISO timestamp; passed in so that building stays pure. */
  readonly generatedAt: string;
  readonly round: RoundInfo;
  readonly organisation: {
    readonly name: string;
    readonly sector: string;
    readonly type: string | null;
    readonly sizeBand: string | null;
  };
  /** The release the report is read from. */
  readonly release: { readonly number: number; readonly at: string; readonly final: boolean };
  readonly version: ReleasedVersion;
  /** The organisation's peer groups in the release (src/core/release/peers.ts). */
  readonly peers: readonly PeerGroupView[];
  /** The whole round's figures in the release (null when it has fewer than k organisations). */
  readonly roundFigures: Readonly<Record<string, Json>> | null;
  /** Earlier rounds the organisation answered, oldest first. */
  readonly history: readonly HistoryRound[];
  /** Targets set in this round, for the next one. */
  readonly targets: readonly CompetencyTarget[];
  /** Targets set in the latest earlier round, which this round's scores either met or not. */
  readonly previousTargets: {
    readonly round: RoundInfo;
    readonly targets: readonly CompetencyTarget[];
  } | null;
  readonly plan: readonly PlanItem[];
  /** The organisation's own invitees in the round and how many of them have answered (null: not known). */
  readonly participation?: { readonly invited: number; readonly answered: number } | null;
  /** The organisation's latest results in other instruments the reader may see (src/core/overview). */
  readonly related?: readonly OrganisationResult[];
  /**
   * The organisation's digital portfolio (src/core/portfolio): what each initiative is called,
   * its status and the competency or domain it names. Absent: no section (a file made without it).
   */
  readonly portfolio?: readonly PortfolioLink[] | null;
}

export type PortfolioLink = Pick<Initiative, 'initiative' | 'status' | 'competency'>;

// ---------------------------------------------------------------- output

export interface Scale {
  min: number;
  max: number;
}

export interface GroupRef {
  id: string;
  kind: GroupKind;
  label: string;
  /** For narrow places such as a table column: "Sector". */
  shortLabel: string;
  /** Organisations behind the figures shown; null when fewer than k (not shown). */
  size: number | null;
  /** Whether the organisation is among them (not always so for best practice, or when kept). */
  member: boolean;
  /** current: made in this release; earlier: an earlier release's figures; not-shown. */
  status: VisibleStatus;
  reason: VisibleReason | null;
  /** The release the figures shown come from. */
  figuresOf: number | null;
}

/**
 * A peer figure as it may be shown: exact quartiles from groups of at least 3k, only the band
 * the median lies in from k, nothing below k or where the group is not shown; the
 * organisation's place as the quarter of the group it falls in.
 */
export type Quarter = 0 | 1 | 2 | 3;

export type PeerFigure =
  | { status: 'ok'; n: number | null; q1: number; median: number; q3: number; quarter: Quarter | null }
  | { status: 'banded'; n: number | null; band: [number, number]; quarter: Quarter | null }
  | { status: 'too-few' };

export interface StageStep {
  id: string;
  label: string;
  reached: boolean;
  current: boolean;
}

export interface SummarySection {
  respondents: number;
  index: number | null;
  indexLabel: string;
  indexDescription: string;
  indexDecimals: number;
  stage: { id: string; label: string; description: string } | null;
  /** One plain-language sentence: why this stage, and what the next one needs. */
  reason: string | null;
  ladder: StageStep[];
  /** What a board reads first (src/reports/organisation/model/board.ts). */
  board: BoardSummary;
}

export interface ProfileRow {
  id: string;
  label: string;
  score: number | null;
  /** The comparison group's figure for this competency. */
  peer: PeerFigure | null;
  target: number | null;
}

export interface ProfileSection {
  scale: Scale;
  comparison: GroupRef | null;
  rows: ProfileRow[];
}

export interface RankingRow {
  id: string;
  label: string;
  /** 1 = most important to the organisation's leaders; null when nobody ranked. */
  place: number | null;
  meanRank: number | null;
  /** The same for the comparison group, ordered by its median of organisations' mean ranks. */
  peerPlace: number | null;
  /** The comparison group's median mean rank (the middle of its band in a small group). */
  peerMedianRank: number | null;
}

export interface RankingSection {
  comparison: GroupRef | null;
  /** `too-few`: the group is below k, so no peer ranking is shown. */
  peerStatus: 'ok' | 'too-few' | 'none';
  size: number;
  rows: RankingRow[];
}

export interface DomainRow {
  id: string;
  label: string;
  priority: number | null;
  effort: number | null;
  gap: number | null;
  /** The gap reaches the advice threshold. */
  advised: boolean;
}

export interface DomainsSection {
  scale: Scale;
  minGap: number;
  rows: DomainRow[];
}

export interface BenchmarkDimension {
  ref: string;
  label: string;
  decimals: number;
  value: number | null;
  /** Keyed by group id. */
  figures: Record<string, PeerFigure>;
}

export interface BenchmarkSection {
  k: number;
  comparison: GroupRef | null;
  groups: GroupRef[];
  /** The maturity index first, then the instrument's benchmark values. */
  dimensions: BenchmarkDimension[];
}

export interface ComparisonRowView {
  id: string;
  kind: 'item' | 'measure' | 'rank';
  label: string;
  /** Which group holds this higher, in words ("IT leaders rate this higher"); null when equal. */
  higher: string | null;
  a: number | null;
  b: number | null;
  /** a − b. */
  difference: number | null;
  threshold: number;
  /** |difference| / threshold: how the rows are ranked. */
  size: number;
  decimals: number;
}

/** Two respondent groups of the organisation side by side, or why they are not. */
export interface ComparisonSection {
  id: string;
  label: string;
  groups: { id: string; label: string; count: number | null }[];
  status: 'ok' | 'too-few' | 'complementary';
  /** Why there is no comparison, in words. */
  message: string | null;
  rankCorrelation: number | null;
  /**
   * Flagged differences in separate parts (questions, competency scores, domain gaps, ranks,
   * other measures: src/core/figures/compare.ts), each largest difference first.
   */
  parts: ComparisonPartView[];
}

export interface ComparisonPartView {
  part: ComparisonPart;
  label: string;
  /** What a row needs to be listed, in words ("at least 1 point"). */
  threshold: string;
  rows: ComparisonRowView[];
}

/** What the organisation's own respondents chose and wrote (never shown outside it). */
export interface AnswersSection {
  /** Shares of each option of every choice item, over the respondents who answered it. */
  choices: {
    id: string;
    label: string;
    answered: number;
    options: { value: string; label: string; share: number }[];
  }[];
  /** The median of every number item (e.g. the budget share), from the respondent minimum. */
  numbers: { id: string; label: string; answered: number; median: number }[];
  /** Free texts, sorted; only from at least the respondent minimum. */
  texts: { id: string; label: string; answers: string[] }[];
  /** Why the texts are not shown, when they are not. */
  textsHidden: string | null;
  /** Why some choices or numbers are not shown (fewer than the respondent minimum answered them). */
  choicesHidden: string | null;
}

/** The organisation beside the round and a published reference (the 2018 study). */
export interface ReferenceSection {
  references: { id: string; label: string; source: string; organisations: number }[];
  rows: {
    label: string;
    ours: string;
    round: string;
    /** By reference id. */
    reference: Record<string, string>;
  }[];
}

/** Every recommended practice, advised or not. */
export interface PracticesSection {
  groups: {
    key: AdviceKey;
    kind: 'competency' | 'domain';
    label: string;
    advised: boolean;
    practices: { title: string; text: string }[];
  }[];
}

export interface AdviceEntry {
  key: AdviceKey;
  kind: 'competency' | 'domain';
  id: string;
  label: string;
  description: string;
  /** Why it is advised, in one sentence with the figures. */
  reason: string;
  goodExample: string | null;
  practices: { title: string; text: string }[];
  recommendations: { id: string; title: string; text: string; nextSteps: string[] }[];
  /** Plan items that answer this advice. */
  planItems: number;
  /** The organisation's results in instruments that follow this advice up (the security triangle). */
  related?: RelatedEntry[];
}

/** A result in another instrument that an advice item points to, said in plain words. */
export interface RelatedEntry {
  instrument: string;
  instrumentTitle: string;
  /** The round's name (for the link) and title. */
  round: string;
  roundTitle: string;
  /** What the result says, in one sentence (e.g. the corners with no named owner). */
  summary: string;
  /** Parts of the result flagged (corners with no named owner), in words. */
  flagged: string[];
  /** Whether the instrument has a follow-up checklist page. */
  checklist: boolean;
}

export interface PlanEntry extends PlanItem {
  /** Due before the report's day (Copenhagen) and neither done nor cancelled. */
  overdue: boolean;
  statusLabel: string;
  adviceLabel: string | null;
  /** An initiative of the same name is in the organisation's portfolio (null: portfolio not read). */
  inPortfolio: boolean | null;
}

/** The portfolio's coverage of the organisation's largest gaps and advised competencies. */
export interface PortfolioSection {
  /** The largest domain gaps (as on the board summary), then every other advised domain or competency. */
  rows: {
    kind: 'competency' | 'domain';
    id: string;
    label: string;
    /** Why it is a gap, with the figures (priority − effort, or the rank and score). */
    reason: string;
    running: string[];
    planned: string[];
    coverage: Coverage;
    /** The coverage in words. */
    coverageLabel: string;
  }[];
  /** Initiatives in the portfolio (any status), to tell an empty portfolio apart. */
  initiatives: number;
  /** One or two plain sentences: how many gaps are covered, and which are not. */
  summary: string;
}

export interface TargetRow {
  competency: string;
  label: string;
  score: number | null;
  target: number | null;
  /** target − score; positive = still to go. */
  distance: number | null;
  met: boolean | null;
}

export interface TargetsSection {
  scale: Scale;
  /** Every competency, with this round's target where one is set. */
  current: TargetRow[];
  /** The targets set in the previous round, against this round's scores. */
  previous: { round: string; roundTitle: string; rows: TargetRow[] } | null;
}

export interface TrendRound {
  name: string;
  title: string;
  current: boolean;
  respondents: number;
  index: number | null;
  stage: string | null;
  stageLabel: string | null;
  /** Keyed by competency id. */
  competencies: Record<string, number | null>;
  /** Current effort per domain id. */
  domains: Record<string, number | null>;
}

export interface TrendSection {
  rounds: TrendRound[];
  competencies: { id: string; label: string }[];
  domains: { id: string; label: string }[];
}

export interface OrganisationReport {
  format: typeof REPORT_FORMAT;
  /** Panels (a priority list over respondents, profile advice): model/panel.ts; absent otherwise. */
  panel?: PanelSection;
  lang: Lang;
  generatedAt: string;
  instrument: { id: string; version: string; title: string; source: string };
  round: { name: string; title: string; status: string; kMin: number; respondentMin: number };
  /** The release the figures come from (peers), and the organisation's own version. */
  release: {
    number: number;
    at: string;
    final: boolean;
    version: { release: number; at: string; respondents: number; waiting: number };
    /** Plain-language notes on what the release shows and holds back. */
    notes: string[];
  };
  organisation: {
    name: string;
    sector: string;
    sectorLabel: string;
    type: string | null;
    typeLabel: string | null;
    sizeBand: string | null;
    sizeBandLabel: string | null;
  };
  summary: SummarySection;
  profile: ProfileSection;
  ranking: RankingSection;
  domains: DomainsSection;
  benchmark: BenchmarkSection;
  comparisons: ComparisonSection[];
  answers: AnswersSection;
  references: ReferenceSection | null;
  advice: AdviceEntry[];
  practices: PracticesSection;
  plan: PlanEntry[];
  /** False when the round is closed: its plan and targets are a record (src/core/plans/plan.ts). */
  planEditable: boolean;
  /** Null when the report was built without the portfolio. */
  portfolio: PortfolioSection | null;
  targets: TargetsSection;
  trend: TrendSection;
}

export type { PlanStatus };
