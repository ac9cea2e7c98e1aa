/**
 * Competency targets: an organisation sets a level per competency for its next round. In the
 * round it was set, the report shows how far the score still is from it; in the next round,
 * whether the score reached it. Both are the same comparison against different scores.
 */
import type { Instrument } from '../instrument/types.ts';
import type { Values } from '../scoring/measures.ts';

export interface CompetencyTarget {
  readonly competency: string;
  /** On the competency score's scale (1–5 for dt-offentlig). */
  readonly target: number;
}

export interface TargetStatus {
  competency: string;
  target: number;
  /** The score compared with; null when nobody answered. */
  score: number | null;
  /** target − score: what is still to go (negative: already beyond it); null without a score. */
  distance: number | null;
  /** Reached (score ≥ target); null without a score, which is neither met nor missed. */
  met: boolean | null;
}

/** Scores are means of means, so 3.9999999 must count as 4. */
const EPSILON = 1e-9;

/** One status per target, in the instrument's competency order; unknown competencies are left out. */
export function targetStatus(
  instrument: Instrument,
  values: Values,
  targets: readonly CompetencyTarget[],
): TargetStatus[] {
  const byId = new Map(targets.map((t) => [t.competency, t.target]));
  const out: TargetStatus[] = [];
  for (const c of instrument.def.competencies) {
    const target = byId.get(c.id);
    if (target === undefined) continue;
    const score = values[c.score] ?? null;
    out.push({
      competency: c.id,
      target,
      score,
      distance: score === null ? null : target - score,
      met: score === null ? null : score + EPSILON >= target,
    });
  }
  return out;
}
