/** Answer problems (core codes) as words for the respondent. */
import type { TFunction } from 'i18next';
import type { AnswerProblem, DescribedItem } from '../lib/instrument.ts';

export function problemMessage(
  t: TFunction,
  problem: Pick<AnswerProblem, 'code'>,
  item: DescribedItem,
): string {
  switch (problem.code) {
    case 'required':
      return item.type === 'ranking' ? t('error.rankingRequired') : t('error.required');
    case 'ranking-incomplete':
    case 'ranking-duplicate':
      return t('error.rankingIncomplete');
    case 'out-of-range':
      return item.min !== undefined && item.max !== undefined
        ? t('error.outOfRange', { min: item.min, max: item.max })
        : item.min !== undefined
          ? t('error.atLeast', { min: item.min })
          : t('error.atMost', { max: item.max });
    case 'not-integer':
      return t('error.notInteger');
    case 'wrong-type':
      return item.type === 'number' ? t('error.notNumber') : t('error.invalid');
    case 'too-long':
      return t('error.tooLong', { max: item.maxLength });
    default:
      return t('error.invalid');
  }
}

/** One problem per item (the first), keyed by item id. */
export function problemsByItem(
  problems: readonly AnswerProblem[] | null,
  itemOfAnswer: ReadonlyMap<string, DescribedItem>,
): Map<string, AnswerProblem> {
  const out = new Map<string, AnswerProblem>();
  for (const problem of problems ?? []) {
    const item = itemOfAnswer.get(problem.answerId);
    if (item && !out.has(item.id)) out.set(item.id, problem);
  }
  return out;
}

/** The id of the control an error link focuses. */
export const fieldId = (itemId: string) => `field-${itemId}`;
