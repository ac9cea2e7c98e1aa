/**
 * When an organisation's own figures move on, and which of its respondent-group comparisons
 * may be shown. Inside one organisation the units are respondents and the threshold is the
 * round's respondent minimum m; the rule is the one the release applies to organisations:
 *
 * - The first version appears when everyone invited has answered, or when the round closes.
 * - A later version appears only if it differs by at least m respondents (joined, left, or
 *   with other answers) from every version anyone has viewed; a version nobody has viewed
 *   may be replaced freely, since nobody can compare against it.
 * - A comparison of two groups is shown only if each group has at least m respondents and,
 *   together with the organisation's own figures and everything viewed before, it makes no
 *   combination over fewer than m respondents derivable (for instance the one respondent who
 *   is in neither group: the organisation minus both groups).
 */
import { conditionHolds } from '../answers/conditions.ts';
import { addsSmallCombination } from '../disclosure/set-audit.ts';
import type { Answers, Instrument } from '../instrument/types.ts';

/** Respondent id → submission id. */
export type Submissions = ReadonlyMap<number, number>;

export interface VersionState {
  readonly submissions: Submissions;
  readonly viewed: boolean;
}

export type VersionDecision =
  | { readonly action: 'new' }
  /** Keep the latest version; `waiting` respondents differ from it. */
  | { readonly action: 'keep'; readonly waiting: number }
  /** No version yet (answers are still expected). */
  | { readonly action: 'wait' };

/** Respondents whose submission differs between two states. */
export function changedRespondents(a: Submissions, b: Submissions): number {
  let d = 0;
  for (const [r, s] of a) if (b.get(r) !== s) d++;
  for (const r of b.keys()) if (!a.has(r)) d++;
  return d;
}

export function decideVersion(input: {
  readonly current: Submissions;
  /** Invited respondents of the organisation who have not submitted. */
  readonly pending: number;
  /** Earlier versions, oldest first. */
  readonly versions: readonly VersionState[];
  readonly final: boolean;
  readonly respondentMin: number;
}): VersionDecision {
  const { current, versions, respondentMin: m } = input;
  const latest = versions.at(-1);
  if (!latest) {
    if (current.size === 0) return { action: 'wait' };
    return input.pending === 0 || input.final ? { action: 'new' } : { action: 'wait' };
  }
  const waiting = changedRespondents(current, latest.submissions);
  if (waiting === 0) return { action: 'keep', waiting: 0 };
  for (const v of versions) {
    if (!v.viewed) continue;
    const d = changedRespondents(current, v.submissions);
    if (d > 0 && d < m) return { action: 'keep', waiting };
  }
  return { action: 'new' };
}

/** A respondent's submission as the comparison decision needs it. */
export interface RespondentAnswers {
  readonly respondent: number;
  readonly submission: number;
  readonly answers: Answers;
}

export type ComparisonDecision = 'shown' | 'too-few' | 'complementary';

/** May a comparison be shown, and which of its rows (answer and measure ids). */
export interface ComparisonVerdict {
  readonly status: ComparisonDecision;
  /** The rows that may be shown (when shown): each from at least m respondents per group. */
  readonly rows: readonly string[];
}

/** A comparison as an earlier version showed it. */
export interface ShownComparison {
  readonly id: string;
  readonly rows: readonly string[];
}

/**
 * The decision for each declared comparison in a new version, row by row: a group's mean of
 * an item comes from the group's respondents who answered it, so each item is audited over
 * its own answerers — against the organisation's own figure of that item (always shown) and
 * every version someone has viewed. A measure's row is shown only if every item it is made of
 * is. `viewed` are earlier versions someone has seen, with the comparison rows they showed.
 */
export function decideComparisons(
  instrument: Instrument,
  current: readonly RespondentAnswers[],
  viewed: readonly {
    readonly respondents: readonly RespondentAnswers[];
    readonly shown: readonly ShownComparison[];
  }[],
  respondentMin: number,
): Record<string, ComparisonVerdict> {
  const m = respondentMin;
  // Contributions: one per (respondent, submission); units: respondents.
  const index = new Map<string, number>();
  const unitOf: number[] = [];
  const contribution = (r: RespondentAnswers) => {
    const key = `${r.respondent}:${r.submission}`;
    let i = index.get(key);
    if (i === undefined) {
      index.set(key, (i = unitOf.length));
      unitOf.push(r.respondent);
    }
    return i;
  };
  for (const v of [current, ...viewed.map((x) => x.respondents)]) v.forEach(contribution);
  const inGroup = (group: string) => {
    const def = instrument.respondentGroups.find((g) => g.id === group);
    return (r: RespondentAnswers) => !def || conditionHolds(def.where, r.answers);
  };
  const answered = (item: string) => (r: RespondentAnswers) => typeof r.answers[item] === 'number';
  const set = (rs: readonly RespondentAnswers[], ...tests: ((r: RespondentAnswers) => boolean)[]) =>
    rs.filter((r) => tests.every((t) => t(r))).map((r) => index.get(`${r.respondent}:${r.submission}`)!);

  const items = [...instrument.slotById.values()]
    .filter((x) => x.kind === 'scale' || x.kind === 'rank')
    .map((x) => x.id);
  const out: Record<string, ComparisonVerdict> = {};
  // Rows shown by comparisons decided before this one, in this version.
  const shownNow: number[][][] = items.map(() => []);
  for (const c of instrument.comparisons) {
    const sizes = c.groups.map((g) => set(current, inGroup(g)).length);
    if (sizes.some((n) => n < m)) {
      out[c.id] = { status: 'too-few', rows: [] };
      continue;
    }
    const rows = new Set<string>();
    items.forEach((item, k) => {
      const has = answered(item);
      const candidates = c.groups.map((g) => set(current, inGroup(g), has));
      if (candidates.some((x) => x.length < m)) return;
      // Always visible: the organisation's own mean of the item, now and in every viewed version.
      const base: number[][] = [set(current, has), ...viewed.map((v) => set(v.respondents, has))];
      for (const v of viewed)
        for (const shown of v.shown) {
          if (!shown.rows.includes(item)) continue;
          const earlier = instrument.comparisons.find((x) => x.id === shown.id);
          if (earlier) for (const g of earlier.groups) base.push(set(v.respondents, inGroup(g), has));
        }
      base.push(...shownNow[k]!);
      const exposes = addsSmallCombination({
        unitOf,
        groups: [...base, ...candidates],
        base: new Set(base.map((_, i) => i)),
        threshold: m,
      });
      if (!exposes) {
        rows.add(item);
        shownNow[k]!.push(...candidates);
      }
    });
    for (const measure of instrument.measures)
      if (itemsOf(instrument, measure.id).every((x) => rows.has(x))) rows.add(measure.id);
    out[c.id] =
      rows.size === 0 ? { status: 'complementary', rows: [] } : { status: 'shown', rows: [...rows] };
  }
  return out;
}

/** The answer ids a measure is computed from, through the measures it uses. */
function itemsOf(instrument: Instrument, ref: string): string[] {
  const m = instrument.measureById.get(ref);
  if (!m) return instrument.slotById.has(ref) ? [ref] : [];
  const refs = m.mean ?? m.min ?? m.max ?? m.difference ?? m.weightedMean?.map((w) => w.ref) ?? [];
  return [...new Set(refs.flatMap((r) => itemsOf(instrument, r)))];
}
