/**
 * The summary a board reads (the top of the page, page 1 of the PDF): the index beside the
 * comparison group's median (from the release) and the published reference, how many of those
 * invited answered and in which roles, the three largest gaps, the three next actions, and the
 * change since the previous round with an interval over respondents (src/core/change/interval.ts).
 * The rules are documented in docs/reports.md ("The board summary").
 */
import {
  changeVerdict,
  respondentInterval,
  type ChangeVerdict,
  type Interval,
} from '../../../core/change/interval.ts';
import type { OrganisationData } from '../../../core/exchange/types.ts';
import { figurePlans } from '../../../core/figures/plan.ts';
import { roleItemOf } from '../../../core/instrument/role-item.ts';
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import type { PlanItem } from '../../../core/plans/plan.ts';
import { scoreRespondent } from '../../../core/scoring/respondent.ts';
import { refDecimals } from '../../../i18n/explain.ts';
import { joinAlternatives, localize } from '../../../i18n/i18n.ts';
import { reportT } from '../../../i18n/report.ts';
import type { AdviceEntry, BenchmarkSection, DomainsSection, PeerFigure, RoundInfo } from './types.ts';

export interface BoardChangeRow {
  id: string;
  label: string;
  decimals: number;
  previous: Interval | null;
  current: Interval | null;
  verdict: ChangeVerdict;
}

export interface BoardSummary {
  /** The index of the comparison group (median or its band), from the release. */
  comparison: { group: string; figure: PeerFigure } | null;
  /** What a published study found for the stage the organisation is on, in words. */
  reference: { label: string; text: string } | null;
  /** Answered of invited, for the organisation's own invitees (null when not known). */
  response: { answered: number; invited: number; rate: number } | null;
  /** The item respondents state their role in (its shares are the role mix, not an opinion). */
  roleItem: string | null;
  /** Respondents per role, from the respondent minimum; otherwise why not. */
  roles: { counts: { code: string; label: string; count: number }[] } | { hidden: string } | null;
  /** Domains whose priority most exceeds the effort (positive gaps only), largest first, at most three. */
  gaps: { id: string; label: string; priority: number; effort: number; gap: number }[];
  /** From the plan's open items (earliest due first), or else the top advice. */
  actions: {
    source: 'plan' | 'advice';
    items: { title: string; detail: string | null; due: string | null }[];
  };
  change: {
    round: string;
    respondents: { previous: number; current: number; same: boolean | null };
    /** One sentence about who answered in the two rounds. */
    note: string;
    rows: BoardChangeRow[];
  } | null;
}

export interface BoardInput {
  readonly instrument: Instrument;
  readonly lang: Lang;
  readonly respondentMin: number;
  readonly data: OrganisationData;
  readonly index: number | null;
  readonly values: Readonly<Record<string, number | null>>;
  readonly stage: string | null;
  readonly benchmark: BenchmarkSection;
  readonly domains: DomainsSection;
  readonly advice: readonly AdviceEntry[];
  readonly plan: readonly PlanItem[];
  readonly participation: { readonly invited: number; readonly answered: number } | null;
  readonly previous: {
    readonly round: RoundInfo;
    readonly title: string;
    readonly instrument: Instrument;
    readonly data: OrganisationData;
    readonly values: Readonly<Record<string, number | null>>;
    readonly index: number | null;
  } | null;
}

const OPEN = new Set(['planned', 'in_progress']);

export function boardSummary(input: BoardInput): BoardSummary {
  const { instrument, lang } = input;
  const t = reportT(lang);
  const comparison = input.benchmark.comparison;
  const figure = comparison ? input.benchmark.dimensions[0]?.figures[comparison.id] : undefined;
  const p = input.participation;
  return {
    comparison:
      comparison && figure && figure.status !== 'too-few' ? { group: comparison.label, figure } : null,
    reference: stageReference(instrument, input.stage, lang),
    response:
      p && p.invited > 0 ? { answered: p.answered, invited: p.invited, rate: p.answered / p.invited } : null,
    roleItem: roleItemOf(instrument)?.id ?? null,
    roles: roleMix(instrument, input.data, input.respondentMin, lang),
    gaps: input.domains.rows
      .filter((d) => d.gap !== null && d.gap > 0 && d.priority !== null && d.effort !== null)
      .sort((a, b) => b.gap! - a.gap! || a.label.localeCompare(b.label, lang))
      .slice(0, 3)
      .map((d) => ({ id: d.id, label: d.label, priority: d.priority!, effort: d.effort!, gap: d.gap! })),
    actions: nextActions(input.plan, input.advice),
    change: input.previous ? change(input, t) : null,
  };
}

/** The reference value (e.g. the 2018 study) whose stage categories hold the organisation's stage. */
function stageReference(instrument: Instrument, stage: string | null, lang: Lang): BoardSummary['reference'] {
  if (stage === null) return null;
  const t = reportT(lang);
  const stageFigures = new Set(
    figurePlans(instrument)
      .filter((p) => p.leaves.some((l) => l.kind === 'stages'))
      .map((p) => p.figure.id),
  );
  for (const ref of instrument.def.references)
    for (const v of ref.values)
      if (stageFigures.has(v.figure) && v.categories?.includes(stage) && v.count !== undefined)
        return {
          label: localize(ref.label, lang),
          text: t('summary.board.reference', {
            study: localize(ref.label, lang),
            count: v.count,
            of: ref.organisations,
            stages: joinAlternatives(
              v.categories.map(
                (c) => localize(instrument.def.stages.find((s) => s.id === c)?.label, lang) || c,
              ),
              lang,
            ),
          }),
        };
  return null;
}

function roleMix(
  instrument: Instrument,
  data: OrganisationData,
  respondentMin: number,
  lang: Lang,
): BoardSummary['roles'] {
  const item = roleItemOf(instrument);
  if (!item) return null;
  if (data.respondents.length < respondentMin)
    return { hidden: reportT(lang)('summary.board.rolesHidden', { min: respondentMin }) };
  const counts = item.codes.map((code) => ({
    code,
    label: localize(item.labels[code], lang) || code,
    count: data.respondents.filter((r) => r.answers[item.id] === code).length,
  }));
  const unknown = data.respondents.length - counts.reduce((a, c) => a + c.count, 0);
  if (unknown > 0)
    counts.push({ code: '', label: reportT(lang)('summary.board.roleUnknown'), count: unknown });
  return { counts };
}

function nextActions(plan: readonly PlanItem[], advice: readonly AdviceEntry[]): BoardSummary['actions'] {
  const open = plan
    .filter((i) => OPEN.has(i.status))
    .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id - b.id);
  if (open.length > 0)
    return {
      source: 'plan',
      items: open.slice(0, 3).map((i) => ({ title: i.title, detail: i.owner, due: i.dueDate })),
    };
  return {
    source: 'advice',
    items: advice.slice(0, 3).map((a) => ({
      title: a.label,
      detail: a.recommendations[0]?.nextSteps[0] ?? a.recommendations[0]?.title ?? null,
      due: null,
    })),
  };
}

/** Each respondent's own value of a measure (null where they left it open). */
const perRespondent = (instrument: Instrument, data: OrganisationData, ref: string | undefined) =>
  ref === undefined ? [] : data.respondents.map((r) => scoreRespondent(instrument, r.answers)[ref] ?? null);

function change(input: BoardInput, t: ReturnType<typeof reportT>): BoardSummary['change'] {
  const { instrument, lang } = input;
  const prev = input.previous!;
  const rows: BoardChangeRow[] = [];
  const row = (
    id: string,
    label: string,
    ref: string | undefined,
    prevRef: string | undefined,
    now: number | null,
    then: number | null,
  ) => {
    const current = respondentInterval(now, perRespondent(instrument, input.data, ref));
    const previous = respondentInterval(then, perRespondent(prev.instrument, prev.data, prevRef));
    rows.push({
      id,
      label,
      decimals: ref ? refDecimals(instrument, ref) : 1,
      previous,
      current,
      verdict: changeVerdict(previous, current),
    });
  };
  const index = instrument.def.index;
  if (index)
    row('index', t('summary.board.index'), index, prev.instrument.def.index, input.index, prev.index);
  for (const c of instrument.def.competencies) {
    // Matched by id, so a later instrument version lines up with an earlier one.
    const old = prev.instrument.def.competencies.find((x) => x.id === c.id);
    row(
      c.id,
      localize(c.label, lang),
      c.score,
      old?.score,
      input.values[c.score] ?? null,
      old ? (prev.values[old.score] ?? null) : null,
    );
  }
  const before = new Set(prev.data.respondents.map((r) => r.id));
  const nowIds = input.data.respondents.map((r) => r.id);
  const counts = { previous: before.size, current: nowIds.length };
  const same =
    counts.previous !== counts.current ? false : nowIds.every((id) => before.has(id)) ? true : null;
  const note =
    same === true
      ? t('summary.board.sameRespondents', { count: counts.current })
      : same === false
        ? t('summary.board.otherCount', {
            previous: counts.previous,
            current: counts.current,
            round: prev.title,
          })
        : t('summary.board.otherPeople', { count: counts.current, round: prev.title });
  return { round: prev.title, respondents: { ...counts, same }, note, rows };
}
