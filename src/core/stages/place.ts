/**
 * Places an organisation on the stage curve declared in the instrument: the highest stage
 * whose requirements hold together with those of every stage below it. The result carries
 * what was met and what the next stage still needs, so the report can say why in a sentence.
 */
import type { RequirementDef } from '../instrument/schema.ts';
import type { Instrument } from '../instrument/types.ts';
import { decimalsOf, roundShown } from '../figures/precision.ts';
import type { Values } from '../scoring/measures.ts';

export interface RequirementResult {
  ref: string;
  atLeast?: number;
  atMost?: number;
  /** The requirement is only that a value exists. */
  present?: true;
  /** The organisation's value (unrounded); null when there is none (which never meets a requirement). */
  value: number | null;
  /** The value as the report shows it (rounded to its decimals): what is compared with the threshold. */
  shown: number | null;
  met: boolean;
}

export interface StagePlacement {
  /** The stage id, or null when even the first stage's requirements fail (too few answers). */
  stage: string | null;
  /** Requirements of the placed stage (all met). */
  met: RequirementResult[];
  /** The next stage up and what it still needs; null at the top. */
  next: { stage: string; unmet: RequirementResult[]; met: RequirementResult[] } | null;
}

/**
 * A requirement compares the value as the report shows it (rounded to its decimals), so that
 * "needs at least 45 (now 45)" can never be read next to a stage that missed it.
 */
export function checkRequirement(
  instrument: Instrument,
  r: RequirementDef,
  values: Values,
): RequirementResult {
  const value = values[r.ref] ?? null;
  const shown = value === null ? null : roundShown(value, decimalsOf(instrument, r.ref));
  const met =
    shown !== null &&
    (r.atLeast === undefined || shown >= r.atLeast) &&
    (r.atMost === undefined || shown <= r.atMost);
  const result: RequirementResult = { ref: r.ref, value, shown, met };
  if (r.atLeast !== undefined) result.atLeast = r.atLeast;
  if (r.atMost !== undefined) result.atMost = r.atMost;
  if (r.present) result.present = true;
  return result;
}

export function placeStage(instrument: Instrument, values: Values): StagePlacement {
  const stages = instrument.def.stages;
  let placed = -1;
  let results: RequirementResult[] = [];
  for (let s = 0; s < stages.length; s++) {
    const checked = stages[s]!.requires.map((r) => checkRequirement(instrument, r, values));
    if (!checked.every((c) => c.met)) {
      return {
        stage: placed >= 0 ? stages[placed]!.id : null,
        met: placed >= 0 ? results : [],
        next: {
          stage: stages[s]!.id,
          unmet: checked.filter((c) => !c.met),
          met: checked.filter((c) => c.met),
        },
      };
    }
    placed = s;
    results = checked;
  }
  return { stage: stages[placed]?.id ?? null, met: results, next: null };
}
