/**
 * Answer values: how a cell of the exchange format becomes a typed answer and back, and
 * which answers count as missing. One place, so import, export and scoring agree.
 */
import { MISSING_TOKENS, type MissingToken } from '../instrument/schema.ts';
import type { AnswerSlot, AnswerValue } from '../instrument/types.ts';

/** Separator of the values of a multiple-choice answer inside one cell. */
export const MULTI_SEPARATOR = ';';

export function isMissingToken(value: unknown): value is MissingToken {
  return typeof value === 'string' && (MISSING_TOKENS as readonly string[]).includes(value);
}

/** "Don't know" and "not relevant" are answers, but they count as missing in every figure. */
export function isMissing(value: AnswerValue | undefined): boolean {
  return value === undefined || isMissingToken(value);
}

/** The number an answer contributes to scores, or null when it does not. */
export function numericValue(value: AnswerValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Reads one cell. Blank means "no answer" (undefined). Returns a parse error message for
 * text that cannot be this slot's kind of value; ranges are checked by `validateAnswers`.
 */
export function parseCell(slot: AnswerSlot, cell: string): { value?: AnswerValue; error?: string } {
  const raw = slot.kind === 'text' ? cell : cell.trim();
  if (raw === '') return {};
  if (isMissingToken(raw) && slot.kind !== 'text') return { value: raw };
  switch (slot.kind) {
    case 'scale':
    case 'rank':
      return INTEGER.test(raw) ? { value: Number(raw) } : { error: `"${clip(raw)}" is not a whole number` };
    case 'number':
      return DECIMAL.test(raw)
        ? { value: Number(raw) }
        : { error: `"${clip(raw)}" is not a number (such as 12 or 12.5)` };
    case 'choice':
      if (!slot.multiple) return { value: raw };
      return {
        value: raw
          .split(MULTI_SEPARATOR)
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      };
    case 'text':
      return { value: unescapeFormula(cell) };
  }
}

/** Writes one answer as a cell: the inverse of `parseCell`. */
export function formatCell(slot: AnswerSlot, value: AnswerValue | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) {
    const order = slot.kind === 'choice' ? slot.values : [];
    return [...value].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(MULTI_SEPARATOR);
  }
  if (typeof value === 'number') return String(value);
  return slot.kind === 'text' ? escapeFormula(value as string) : (value as string);
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab/CR) as a formula ("CSV
 * injection"). Free text is written with a leading apostrophe in that case, and the
 * apostrophe is removed again on import, so export → import → export is exact.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const needsEscape = (text: string) => FORMULA_START.test(text) || /^'[=+\-@\t\r]/.test(text);
export function escapeFormula(text: string): string {
  return needsEscape(text) ? `'${text}` : text;
}
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && needsEscape(text.slice(1)) ? text.slice(1) : text;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
