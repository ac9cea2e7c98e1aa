/**
 * Checks one respondent's answers against the instrument: known ids, types, ranges, complete
 * rankings (a permutation of 1..n, or up to maxRanked distinct ranks), conditions and, for a submission, required items.
 * Every problem is returned, each tied to the answer id it concerns.
 */
import type { AnswerSlot, AnswerValue, Answers, Instrument } from '../instrument/types.ts';
import { isVisible } from './conditions.ts';
import { isMissing, isMissingToken } from './values.ts';

export interface AnswerProblem {
  /** The answer id (exchange-format column) the problem concerns. */
  answerId: string;
  code:
    | 'unknown-answer'
    | 'wrong-type'
    | 'out-of-range'
    | 'not-integer'
    | 'unknown-option'
    | 'duplicate-option'
    | 'missing-not-allowed'
    | 'too-long'
    | 'ranking-incomplete'
    | 'ranking-duplicate'
    | 'hidden-answered'
    | 'required';
  message: string;
}

export interface ValidateOptions {
  /** A submission must answer every required, visible item; drafts and imports need not. */
  requireComplete?: boolean;
}

export function validateAnswers(
  instrument: Instrument,
  answers: Answers,
  options: ValidateOptions = {},
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const add = (answerId: string, code: AnswerProblem['code'], message: string) =>
    problems.push({ answerId, code, message });

  for (const id of Object.keys(answers)) {
    if (!instrument.slotById.has(id))
      add(id, 'unknown-answer', `"${id}" is not an answer of ${instrument.id}`);
  }

  for (const item of instrument.items) {
    const given = item.slots.filter((slot) => answers[slot.id] !== undefined);
    if (!isVisible(item, answers)) {
      for (const slot of given) {
        add(
          slot.id,
          'hidden-answered',
          'answered although the question is not shown for the earlier answers',
        );
      }
      continue;
    }
    for (const slot of given) checkValue(slot, answers[slot.id]!, add);
    if (item.def.type === 'ranking') checkRanking(item.slots, answers, add);
    if (options.requireComplete && item.def.required && given.every((slot) => isMissing(answers[slot.id]))) {
      add(item.slots[0]!.id, 'required', 'an answer is required');
    }
  }
  return problems;
}

function checkValue(
  slot: AnswerSlot,
  value: AnswerValue,
  add: (id: string, code: AnswerProblem['code'], m: string) => void,
) {
  const id = slot.id;
  if (isMissingToken(value) && slot.kind !== 'text') {
    const allowed =
      slot.kind === 'scale' &&
      ((value === 'dont_know' && slot.item.allowDontKnow) ||
        (value === 'not_relevant' && slot.item.allowNotRelevant));
    if (!allowed) add(id, 'missing-not-allowed', `"${value}" is not allowed for this question`);
    return;
  }
  switch (slot.kind) {
    case 'scale':
    case 'rank': {
      const [min, max] = slot.kind === 'scale' ? [slot.scale.min, slot.scale.max] : [1, slot.size];
      if (typeof value !== 'number' || !Number.isFinite(value))
        add(id, 'wrong-type', 'must be a whole number');
      else if (!Number.isInteger(value)) add(id, 'not-integer', `${value} is not a whole number`);
      else if (value < min || value > max) add(id, 'out-of-range', `${value} is outside ${min}–${max}`);
      return;
    }
    case 'number': {
      const { min, max, integer } = slot.item;
      if (typeof value !== 'number' || !Number.isFinite(value)) add(id, 'wrong-type', 'must be a number');
      else if (integer && !Number.isInteger(value)) add(id, 'not-integer', `${value} is not a whole number`);
      else if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        add(id, 'out-of-range', `${value} is outside ${min ?? '−∞'}–${max ?? '∞'}`);
      }
      return;
    }
    case 'choice': {
      const values = slot.multiple ? value : [value];
      if (
        !Array.isArray(values) ||
        values.some((v) => typeof v !== 'string') ||
        (!slot.multiple && Array.isArray(value))
      ) {
        add(id, 'wrong-type', slot.multiple ? 'must be a list of options' : 'must be one option');
        return;
      }
      const seen = new Set<string>();
      for (const v of values as string[]) {
        if (!slot.values.includes(v))
          add(id, 'unknown-option', `"${v}" is not one of ${slot.values.join(', ')}`);
        else if (seen.has(v)) add(id, 'duplicate-option', `"${v}" is chosen twice`);
        seen.add(v);
      }
      return;
    }
    case 'text':
      if (typeof value !== 'string') add(id, 'wrong-type', 'must be text');
      else if (value.length > slot.item.maxLength) {
        add(id, 'too-long', `${value.length} characters; at most ${slot.item.maxLength} allowed`);
      }
      return;
  }
}

/**
 * A full ranking is all or nothing: either every option gets a distinct rank 1..n, or none
 * does. A partial one (maxRanked) ranks up to that many options, each rank at most once.
 */
function checkRanking(
  slots: readonly AnswerSlot[],
  answers: Answers,
  add: (id: string, code: AnswerProblem['code'], m: string) => void,
) {
  const given = slots.filter((s) => answers[s.id] !== undefined && !isMissing(answers[s.id]));
  if (given.length === 0) return;
  const partial = slots[0]?.kind === 'rank' && slots[0].item.maxRanked !== undefined;
  if (!partial && given.length < slots.length) {
    const missing = slots.filter((s) => !given.includes(s)).map((s) => s.id);
    add(
      missing[0]!,
      'ranking-incomplete',
      `the ranking is incomplete: ${missing.join(', ')} not ranked (rank all ${slots.length} or none)`,
    );
    return;
  }
  const max = partial ? (slots[0] as AnswerSlot & { kind: 'rank' }).size : slots.length;
  if (given.length > max) {
    // Said on its own: with ranks 1..max this also reuses a rank, but the cause is too many.
    add(
      given[max]!.id,
      'ranking-duplicate',
      `${given.length} options are ranked (${given.map((s) => s.id).join(', ')}); rank at most ${max}`,
    );
    return;
  }
  const byRank = new Map<unknown, string[]>();
  for (const s of given) byRank.set(answers[s.id], [...(byRank.get(answers[s.id]) ?? []), s.id]);
  for (const [rank, ids] of byRank) {
    if (ids.length > 1)
      add(
        ids[1]!,
        'ranking-duplicate',
        `rank ${String(rank)} is given ${ids.length} times (${ids.join(', ')}); each rank once`,
      );
  }
}
