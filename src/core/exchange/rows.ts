/** Writes round data as exchange-format rows: the inverse of `parseExchangeRows`. */
import { escapeFormula, formatCell } from '../answers/values.ts';
import type { Instrument } from '../instrument/types.ts';
import { formatDecimal, type DecimalMark } from './dialect.ts';
import { FIXED_COLUMNS, type OrganisationData } from './types.ts';

export function exchangeHeader(instrument: Instrument): string[] {
  return [...FIXED_COLUMNS, ...instrument.answerIds];
}

/** Header plus one row per respondent, in the order given (callers sort deterministically). */
export function toExchangeRows(
  instrument: Instrument,
  organisations: readonly OrganisationData[],
  decimal: DecimalMark | null = '.',
): string[][] {
  const rows = [exchangeHeader(instrument)];
  for (const org of organisations) {
    for (const respondent of org.respondents) {
      rows.push([
        escapeFormula(org.name),
        org.sector,
        escapeFormula(respondent.id),
        ...instrument.answerIds.map((id) => {
          const slot = instrument.slotById.get(id)!;
          const value = respondent.answers[id];
          return slot.kind === 'number' && typeof value === 'number'
            ? formatDecimal(value, decimal)
            : formatCell(slot, value);
        }),
      ]);
    }
  }
  return rows;
}
