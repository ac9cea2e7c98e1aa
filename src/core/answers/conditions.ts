/** Evaluates `showIf` conditions on the answers given so far. */
import type { Condition } from '../instrument/schema.ts';
import type { Answers, CompiledItem, Instrument } from '../instrument/types.ts';
import { isMissing } from './values.ts';

export function conditionHolds(cond: Condition, answers: Answers): boolean {
  if ('all' in cond) return cond.all.every((c) => conditionHolds(c, answers));
  if ('any' in cond) return cond.any.some((c) => conditionHolds(c, answers));
  if ('not' in cond) return !conditionHolds(cond.not, answers);
  const value = answers[cond.item];
  const given = value !== undefined && !isMissing(value);
  if (cond.answered !== undefined) return given === cond.answered;
  if (!given) return false;
  if (cond.equals !== undefined) return value === cond.equals;
  if (cond.in !== undefined) return cond.in.some((v) => v === value);
  if (cond.includes !== undefined) return Array.isArray(value) && value.includes(cond.includes);
  if (typeof value !== 'number') return false;
  if (cond.atLeast !== undefined) return value >= cond.atLeast;
  if (cond.atMost !== undefined) return value <= cond.atMost;
  return false;
}

export function isVisible(item: CompiledItem, answers: Answers): boolean {
  return item.showIf === undefined || conditionHolds(item.showIf, answers);
}

/** The items a respondent sees, given their answers. */
export function visibleItems(instrument: Instrument, answers: Answers): CompiledItem[] {
  return instrument.items.filter((item) => isVisible(item, answers));
}
