/** Writes round data as exchange-format rows: the inverse of `parseExchangeRows`. */
import { escapeFormula, formatCell } from '../answers/values.ts';
import type { Instrument } from '../instrument/types.ts';
import { FIXED_COLUMNS, type OrganisationData } from './types.ts';

export function exchangeHeader(instrument: Instrument): string[] {
  return [...FIXED_COLUMNS, ...instrument.answerIds];
}

/** Header plus one row per respondent, in the order given (callers sort deterministically). */
export function toExchangeRows(
  instrument: Instrument,
  organisations: readonly OrganisationData[],
): string[][] {
  const rows = [exchangeHeader(instrument)];
  for (const org of organisations) {
    for (const respondent of org.respondents) {
      rows.push([
        escapeFormula(org.name),
        org.sector,
        escapeFormula(respondent.id),
        ...instrument.answerIds.map((id) => formatCell(instrument.slotById.get(id)!, respondent.answers[id])),
      ]);
    }
  }
  return rows;
}
