/**
 * The organisation report as one JSON document: everything the page, the PDF, the XLSX and
 * the API show, with texts already in the report's language and numbers unrounded (the views
 * round them). Peer figures are only ever aggregates of at least the round's k organisations.
 */
import type { OrganisationData } from '../../../core/exchange/types.ts';
import type { Text } from '../../../core/instrument/schema.ts';
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import type { AdviceKey, PlanItem, PlanStatus } from '../../../core/plans/plan.ts';
import type { CompetencyTarget } from '../../../core/targets/targets.ts';
import type { GroupKind } from '../../../core/benchmark/groups.ts';
import type { PreparedRound } from '../../../core/benchmark/benchmark.ts';

export const REPORT_FORMAT = 'pejling-organisation-report/1';

// ---------------------------------------------------------------- input (all pure data)

export interface RoundOrganisation extends OrganisationData {
  readonly type: string | null;
  readonly sizeBand: string | null;
}

export interface RoundInfo {
  readonly name: string;
  readonly title: Text | null;
  readonly status: string;
  /** Disclosure control: no peer figure from fewer organisations than this. */
  readonly kMin: number;
}

export interface HistoryRound {
  readonly round: RoundInfo;
  /** The instrument that round pinned (its version may differ from today's). */
  readonly instrument: Instrument;
  readonly data: OrganisationData;
}

export interface ReportInput {
  readonly instrument: Instrument;
  readonly lang: Lang;
  /** ISO timestamp; passed in so that building stays pure. */
  readonly generatedAt: string;
  readonly round: RoundInfo;
  /** The organisation the report is about (a name among `organisations`). */
  readonly organisation: string;
  /**
   * The organisation's own data, and, when `peers` is absent, every other organisation with
   * answers in the round (the peers are then prepared from them).
   */
  readonly organisations: readonly RoundOrganisation[];
  /**
   * The round's peer groups prepared once for many reports (with `peerRefs`, at the round's
   * k); null when the instrument has no benchmark. At national and EU scale the service passes
   * these, built from the stored organisation scores, instead of every organisation's answers.
   */
  readonly peers?: PreparedRound | null;
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
}

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
  /** Organisations in the group (a count is always safe to show). */
  size: number;
  /** Whether the organisation itself belongs to it (not always so for best practice). */
  member: boolean;
}

/** A peer figure, or "too few" below k: then nothing but the group's size is known. */
export type PeerFigure =
  | { status: 'ok'; n: number; q1: number; median: number; q3: number; percentile: number | null }
  | { status: 'too-few'; n: number };

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

export interface DivergenceRowView {
  id: string;
  kind: 'item' | 'measure' | 'rank';
  label: string;
  business: number | null;
  it: number | null;
  difference: number | null;
  threshold: number;
  /** |difference| / threshold: how the rows are ranked. */
  size: number;
  decimals: number;
}

export interface DivergenceSection {
  status: 'ok' | 'not-enough-respondents' | 'none';
  counts: { business: number; it: number };
  /** Why there is no comparison, in words. */
  message: string | null;
  rankCorrelation: number | null;
  /** Flagged differences, largest first. */
  rows: DivergenceRowView[];
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
}

export interface PlanEntry extends PlanItem {
  statusLabel: string;
  adviceLabel: string | null;
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
  lang: Lang;
  generatedAt: string;
  instrument: { id: string; version: string; title: string; source: string };
  round: { name: string; title: string; status: string; kMin: number };
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
  divergence: DivergenceSection;
  advice: AdviceEntry[];
  plan: PlanEntry[];
  targets: TargetsSection;
  trend: TrendSection;
}

export type { PlanStatus };
