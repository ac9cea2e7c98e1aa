/**
 * When an organisation's own figures move on, and which of its respondent-group comparisons
 * may be shown. Inside one organisation the units are respondents and the threshold is the
 * round's respondent minimum m; the rule is the one the release applies to organisations:
 *
 * - The first version appears when everyone invited has answered, or when the round closes.
 * - A later version appears only if it differs by at least m respondents (joined, left, or
 *   with other answers) from every version anyone has viewed; a version nobody has viewed
 *   may be replaced freely, since nobody can compare against it.
 * - That count alone is not enough, because every item's figure comes only from the
 *   respondents who answered that item: three people joining of whom one skips an item change
 *   that item's mean by two people. So a later version appears only if, item by item, its
 *   figure together with everything viewed of that item (each viewed version's own figure and
 *   the groups of every comparison row it showed) makes no combination over fewer than m
 *   respondents derivable that the viewed figures alone did not.
 * - A comparison of two groups is shown only if each group has at least m respondents and,
 *   together with the organisation's own figures and everything viewed before, it makes no
 *   combination over fewer than m respondents derivable (for instance the one respondent who
 *   is in neither group: the organisation minus both groups).
 */
import { conditionHolds } from '../answers/conditions.ts';
import { isMissing, numericValue } from '../answers/values.ts';
import { addsSmallCombination } from '../disclosure/set-audit.ts';
import type { Answers, AnswerSlot, Instrument } from '../instrument/types.ts';

/** Respondent id → submission id. */
export type Submissions = ReadonlyMap<number, number>;

/** One respondent's submission, without its answers. */
export interface Contribution {
  readonly respondent: number;
  readonly submission: number;
}

/** A respondent's submission as the version and comparison decisions need it. */
export interface RespondentAnswers extends Contribution {
  readonly answers: Answers;
}

/** A comparison as an earlier version showed it. */
export interface ShownComparison {
  readonly id: string;
  readonly rows: readonly string[];
}

/** An earlier version someone has seen: what it showed is what a new version is audited against. */
export interface ViewedVersion {
  readonly respondents: readonly RespondentAnswers[];
  readonly shown: readonly ShownComparison[];
}

/** An earlier version; nobody can compare against one nobody viewed, so its answers are not needed. */
export type VersionState =
  | ({ readonly viewed: true } & ViewedVersion)
  | { readonly viewed: false; readonly respondents: readonly Contribution[] };

/** An earlier version by ids alone, for the check that needs no answers. */
export interface VersionIds {
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

const submissionsOf = (rs: readonly Contribution[]): Submissions =>
  new Map(rs.map((r) => [r.respondent, r.submission]));

/**
 * The rules that need only respondent and submission ids. A 'keep' or 'wait' is final; a
 * 'new' is only a candidate that `decideVersion` still audits item by item, so a caller can
 * skip loading answers for every organisation this already settles.
 */
export function decideVersionByIds(input: {
  readonly current: Submissions;
  /** Invited respondents of the organisation who have not submitted. */
  readonly pending: number;
  /** Earlier versions, oldest first. */
  readonly versions: readonly VersionIds[];
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

/**
 * Whether the organisation gets a new version: the rules of `decideVersionByIds`, then, for
 * every item whose figure the organisation sees, the audit of the item's answerers now against
 * everything viewed of that item.
 */
export function decideVersion(input: {
  readonly instrument: Instrument;
  readonly current: readonly RespondentAnswers[];
  /** Invited respondents of the organisation who have not submitted. */
  readonly pending: number;
  /** Earlier versions, oldest first. */
  readonly versions: readonly VersionState[];
  readonly final: boolean;
  readonly respondentMin: number;
}): VersionDecision {
  const { instrument, current, versions, respondentMin: m } = input;
  const byIds = decideVersionByIds({
    current: submissionsOf(current),
    pending: input.pending,
    versions: versions.map((v) => ({ submissions: submissionsOf(v.respondents), viewed: v.viewed })),
    final: input.final,
    respondentMin: m,
  });
  const viewed = versions.filter((v) => v.viewed);
  if (byIds.action !== 'new' || viewed.length === 0) return byIds;
  const space = contributionSpace(instrument, current, viewed);
  for (const slot of instrument.slotById.values()) {
    if (slot.kind === 'text') continue;
    const has = answers(slot);
    const base = space.viewedSets(slot.id, has);
    const exposes = addsSmallCombination({
      unitOf: space.unitOf,
      groups: [...base, space.set(current, has)],
      base: new Set(base.keys()),
      threshold: m,
    });
    if (exposes) {
      const latest = versions.at(-1)!;
      return {
        action: 'keep',
        waiting: changedRespondents(submissionsOf(current), submissionsOf(latest.respondents)),
      };
    }
  }
  return byIds;
}

/** Does a respondent's answer count in the item's figure (its mean, or its choices' shares)? */
function answers(slot: AnswerSlot): (r: RespondentAnswers) => boolean {
  return slot.kind === 'choice'
    ? (r) => !isMissing(r.answers[slot.id])
    : (r) => numericValue(r.answers[slot.id]) !== null;
}

type Test = (r: RespondentAnswers) => boolean;

/**
 * The audits' contributions: one per (respondent, submission) seen now or in a viewed
 * version, so an unchanged submission is one contribution wherever it appears and a changed
 * one is a new contribution of the same unit (the respondent).
 */
function contributionSpace(
  instrument: Instrument,
  current: readonly RespondentAnswers[],
  viewed: readonly ViewedVersion[],
) {
  const index = new Map<string, number>();
  const unitOf: number[] = [];
  const key = (r: Contribution) => `${r.respondent}:${r.submission}`;
  for (const rs of [current, ...viewed.map((v) => v.respondents)])
    for (const r of rs)
      if (!index.has(key(r))) {
        index.set(key(r), unitOf.length);
        unitOf.push(r.respondent);
      }
  const inGroup = (group: string): Test => {
    const def = instrument.respondentGroups.find((g) => g.id === group);
    return (r) => !def || conditionHolds(def.where, r.answers);
  };
  const set = (rs: readonly RespondentAnswers[], ...tests: Test[]) =>
    rs.filter((r) => tests.every((t) => t(r))).map((r) => index.get(key(r))!);
  /**
   * Everything viewed of an item: each viewed version's own answerers of it, and the groups
   * of every comparison row it showed for it.
   */
  const viewedSets = (item: string, has: Test): number[][] => {
    const out = viewed.map((v) => set(v.respondents, has));
    for (const v of viewed)
      for (const shown of v.shown) {
        if (!shown.rows.includes(item)) continue;
        const earlier = instrument.comparisons.find((x) => x.id === shown.id);
        if (earlier) for (const g of earlier.groups) out.push(set(v.respondents, inGroup(g), has));
      }
    return out;
  };
  return { unitOf, inGroup, set, viewedSets };
}

export type ComparisonDecision = 'shown' | 'too-few' | 'complementary';

/** May a comparison be shown, and which of its rows (answer and measure ids). */
export interface ComparisonVerdict {
  readonly status: ComparisonDecision;
  /** The rows that may be shown (when shown): each from at least m respondents per group. */
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
  viewed: readonly ViewedVersion[],
  respondentMin: number,
): Record<string, ComparisonVerdict> {
  const m = respondentMin;
  const { unitOf, inGroup, set, viewedSets } = contributionSpace(instrument, current, viewed);
  const slots = [...instrument.slotById.values()].filter((x) => x.kind === 'scale' || x.kind === 'rank');
  const out: Record<string, ComparisonVerdict> = {};
  // Rows shown by comparisons decided before this one, in this version.
  const shownNow: number[][][] = slots.map(() => []);
  for (const c of instrument.comparisons) {
    const sizes = c.groups.map((g) => set(current, inGroup(g)).length);
    if (sizes.some((n) => n < m)) {
      out[c.id] = { status: 'too-few', rows: [] };
      continue;
    }
    const rows = new Set<string>();
    slots.forEach((slot, k) => {
      const has = answers(slot);
      const candidates = c.groups.map((g) => set(current, inGroup(g), has));
      if (candidates.some((x) => x.length < m)) return;
      // Always visible: the organisation's own mean of the item, now and in every viewed version.
      const base: number[][] = [set(current, has), ...viewedSets(slot.id, has), ...shownNow[k]!];
      const exposes = addsSmallCombination({
        unitOf,
        groups: [...base, ...candidates],
        base: new Set(base.keys()),
        threshold: m,
      });
      if (!exposes) {
        rows.add(slot.id);
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
