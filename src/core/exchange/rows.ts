/** Writes round data as exchange-format rows: the inverse of `parseExchangeRows`. */
import { escapeFormula, formatCell } from '../answers/values.ts';
import type { Instrument } from '../instrument/types.ts';
import {
  attributeCells,
  attributeColumn,
  attributeKeysOf,
  mergeAttributes,
  NO_ATTRIBUTES,
} from '../organisations/attributes.ts';
import { formatDecimal, type DecimalMark } from './dialect.ts';
import { FIXED_COLUMNS, type OrganisationData } from './types.ts';

/** The `org.*` attributes the organisations have, in file order (none: no such columns). */
export function exchangeAttributeKeys(organisations: readonly OrganisationData[]): string[] {
  return attributeKeysOf(organisations.map((o) => mergeAttributes(NO_ATTRIBUTES, o.attributes ?? {})));
}

/** The header: the fixed columns, the organisations' attribute columns, then every answer id. */
export function exchangeHeader(instrument: Instrument, attributeKeys: readonly string[] = []): string[] {
  return [...FIXED_COLUMNS, ...attributeKeys.map(attributeColumn), ...instrument.answerIds];
}

/**
 * Header plus one row per respondent, in the order given (callers sort deterministically).
 * `attributeKeys`: the attribute columns (default: those the organisations have).
 */
export function toExchangeRows(
  instrument: Instrument,
  organisations: readonly OrganisationData[],
  decimal: DecimalMark | null = '.',
  attributeKeys: readonly string[] = exchangeAttributeKeys(organisations),
): string[][] {
  const rows = [exchangeHeader(instrument, attributeKeys)];
  for (const org of organisations) {
    const attributes = attributeCells(
      mergeAttributes(NO_ATTRIBUTES, org.attributes ?? {}),
      attributeKeys,
      (n) => formatDecimal(n, decimal),
    ).map(escapeFormula);
    for (const respondent of org.respondents) {
      rows.push([
        escapeFormula(org.name),
        org.sector,
        escapeFormula(respondent.id),
        ...attributes,
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
