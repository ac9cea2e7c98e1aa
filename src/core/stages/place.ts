/**
 * Places an organisation on the stage curve declared in the instrument: the highest stage
 * whose requirements hold together with those of every stage below it. The result carries
 * what was met and what the next stage still needs, so the report can say why in a sentence.
 */
import type { RequirementDef } from '../instrument/schema.ts';
import type { Instrument } from '../instrument/types.ts';
import type { Values } from '../scoring/measures.ts';

export interface RequirementResult {
  ref: string;
  atLeast?: number;
  atMost?: number;
  /** The requirement is only that a value exists. */
  present?: true;
  /** The organisation's value; null when there is none (which never meets a requirement). */
  value: number | null;
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

export function checkRequirement(r: RequirementDef, values: Values): RequirementResult {
  const value = values[r.ref] ?? null;
  const met =
    value !== null &&
    (r.atLeast === undefined || value >= r.atLeast) &&
    (r.atMost === undefined || value <= r.atMost);
  const result: RequirementResult = { ref: r.ref, value, met };
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
    const checked = stages[s]!.requires.map((r) => checkRequirement(r, values));
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
