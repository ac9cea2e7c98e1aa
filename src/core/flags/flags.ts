/**
 * Flags: warnings declared in the instrument file, e.g. "no named owner" when a corner's owner
 * is `ingen` or `ved-ikke`. An organisation's flag is 1 when at least one of its respondents who
 * answered the item chose one of the flag's options (one leader who does not know who owns the
 * recovery plan is already a finding), 0 when none did, and no value when nobody answered. Over
 * organisations the mean of the flag is the share of organisations flagged.
 */
import { isMissing } from '../answers/values.ts';
import type { RespondentData } from '../exchange/types.ts';
import type { FlagDef } from '../instrument/schema.ts';

export function flagValue(flag: FlagDef, respondents: readonly RespondentData[]): number | null {
  let answered = 0;
  for (const r of respondents) {
    const v = r.answers[flag.item];
    if (isMissing(v)) continue;
    answered++;
    if (typeof v === 'string' && flag.in.includes(v)) return 1;
  }
  return answered === 0 ? null : 0;
}

export interface OrganisationFlag {
  readonly id: string;
  readonly def: FlagDef;
  /** true: flagged; false: answered and not flagged; null: nobody answered. */
  readonly raised: boolean | null;
}

/** Every declared flag of one organisation, in the instrument's order. */
export function organisationFlags(
  flags: readonly FlagDef[],
  respondents: readonly RespondentData[],
): OrganisationFlag[] {
  return flags.map((def) => {
    const v = flagValue(def, respondents);
    return { id: def.id, def, raised: v === null ? null : v === 1 };
  });
}
