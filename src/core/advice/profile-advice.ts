/**
 * The advice an instrument declares for an organisation's own values (`profileAdvice`): each
 * piece whose condition holds for the organisation's value — a mean of its respondents, or the
 * share of them who chose an option ("organisation mean first", as everywhere). Pure.
 */
import type { RespondentData } from '../exchange/types.ts';
import type { ProfileAdviceDef } from '../instrument/schema.ts';
import type { Instrument } from '../instrument/types.ts';
import { decodeValues } from '../figures/layout.ts';
import { organisationRow } from '../figures/organisation-row.ts';

export interface ProfileAdvice {
  readonly advice: ProfileAdviceDef;
  /** The organisation's value the condition was read on. */
  readonly value: number;
}

export function profileAdvice(
  instrument: Instrument,
  respondents: readonly RespondentData[],
): ProfileAdvice[] {
  const defs = instrument.def.profileAdvice;
  if (defs.length === 0 || respondents.length === 0) return [];
  const row = organisationRow(instrument, respondents);
  const values = decodeValues(
    instrument,
    row.values,
    defs.map((d) => d.when.ref),
  );
  return defs.flatMap((advice) => {
    const value = values[advice.when.ref];
    if (value === null || value === undefined) return [];
    const { atLeast, atMost } = advice.when;
    const holds = atLeast !== undefined ? value >= atLeast - 1e-9 : value <= atMost! + 1e-9;
    return holds ? [{ advice, value }] : [];
  });
}
