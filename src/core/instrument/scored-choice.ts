/**
 * Scored choices: a single choice item whose every option declares a `score` carries a number,
 * like a scale item, so measures can be built on it — e.g. a checklist answered `ja`/`delvist`/
 * `nej` scored 1/0.5/0, whose mean over a corner's items (rescaled to 0–100) is its readiness.
 * The item still has its option shares too. One place decides which answer slots are numeric
 * and which number an answer gives, so scoring, the figures engine and compile agree.
 */
import type { AnswerSlot, AnswerValue } from './types.ts';

/** A choice slot with a score on every option (and one answer per respondent). */
export function isScoredChoice(slot: AnswerSlot): slot is AnswerSlot & { kind: 'choice' } {
  return (
    slot.kind === 'choice' && !slot.multiple && slot.item.options.every((o) => typeof o.score === 'number')
  );
}

/** Answer slots that carry numbers: scale, rank, number, and scored choices. */
export function isNumericSlot(slot: AnswerSlot): boolean {
  return slot.kind === 'scale' || slot.kind === 'rank' || slot.kind === 'number' || isScoredChoice(slot);
}

const scoreCache = new WeakMap<AnswerSlot, ReadonlyMap<string, number>>();

/** The option → score map of a scored choice (empty for any other slot). */
export function optionScores(slot: AnswerSlot): ReadonlyMap<string, number> {
  let m = scoreCache.get(slot);
  if (!m) {
    m = new Map(isScoredChoice(slot) ? slot.item.options.map((o) => [o.value, o.score!]) : []);
    scoreCache.set(slot, m);
  }
  return m;
}

/** The number an answer gives in this slot, or null (missing, or not a number). */
export function slotNumber(slot: AnswerSlot | undefined, value: AnswerValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (slot === undefined || typeof value !== 'string') return null;
  return optionScores(slot).get(value) ?? null;
}

/** What is wrong with a choice item's scores: some options scored but not all, or a multiple choice. */
export function optionScoreProblem(item: {
  multiple: boolean;
  options: readonly { value: string; score?: number | undefined }[];
}): string | null {
  const scored = item.options.filter((o) => o.score !== undefined).length;
  if (scored === 0) return null;
  if (item.multiple) return 'a multiple choice cannot have scores (a respondent gives one number per item)';
  if (scored < item.options.length) {
    const missing = item.options.filter((o) => o.score === undefined).map((o) => o.value);
    return `either every option has a score or none (no score: ${missing.join(', ')})`;
  }
  return null;
}
