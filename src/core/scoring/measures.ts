/**
 * Evaluates the instrument's measures (dimensions, gaps, the maturity index …) from a lookup
 * of answer values. The same evaluation serves a respondent (their own answers), an
 * organisation (the organisation's item means: "organisation mean first") and a group.
 */
import type { MeasureDef } from '../instrument/schema.ts';
import { isNumericSlot } from '../instrument/scored-choice.ts';
import type { Instrument } from '../instrument/types.ts';
import { mean, present } from '../util/stats.ts';

/** Value of every numeric answer id and measure id; null = no value (never 0). */
export type Values = Readonly<Record<string, number | null>>;

const numericCache = new WeakMap<Instrument, readonly string[]>();

/** The answer ids that carry numbers (scale, rank, number, scored choice), in instrument order. */
export function numericAnswerIds(instrument: Instrument): readonly string[] {
  let ids = numericCache.get(instrument);
  if (!ids) {
    ids = [...instrument.slotById.values()].filter(isNumericSlot).map((s) => s.id);
    numericCache.set(instrument, ids);
  }
  return ids;
}

export function evaluateMeasures(
  instrument: Instrument,
  answerValue: (answerId: string, position: number) => number | null,
): Values {
  const values: Record<string, number | null> = {};
  numericAnswerIds(instrument).forEach((id, position) => (values[id] = answerValue(id, position)));
  const ref = (id: string) => values[id] ?? null;
  for (const m of instrument.measures) values[m.id] = evaluateMeasure(m, ref);
  return values;
}

export function evaluateMeasure(m: MeasureDef, ref: (id: string) => number | null): number | null {
  let result: number | null;
  if (m.mean) result = mean(m.mean.map(ref));
  else if (m.min) result = extreme(m.min.map(ref), Math.min);
  else if (m.max) result = extreme(m.max.map(ref), Math.max);
  else if (m.difference) {
    const [a, b] = m.difference.map(ref);
    result = a === null || a === undefined || b === null || b === undefined ? null : a - b;
  } else if (m.weightedMean) {
    let total = 0;
    let covered = 0;
    let sum = 0;
    for (const { ref: id, weight } of m.weightedMean) {
      total += weight;
      const v = ref(id);
      if (v !== null) {
        covered += weight;
        sum += v * weight;
      }
    }
    result = covered === 0 || covered / total < m.minCoverage ? null : sum / covered;
  } else result = null;
  if (result !== null && m.rescale) {
    const [a, b] = m.rescale.from;
    const [c, d] = m.rescale.to;
    result = c + ((result - a) * (d - c)) / (b - a);
  }
  return result;
}

function extreme(values: (number | null)[], pick: (...v: number[]) => number): number | null {
  const p = present(values);
  return p.length === 0 ? null : pick(...p);
}
