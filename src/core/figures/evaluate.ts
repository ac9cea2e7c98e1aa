/**
 * Computes the leaves of a figure over a group of organisations, before any disclosure rule:
 * the raw numbers and who they come from. Only the release (src/core/release) turns them into
 * what may be shown; nothing outside src/core/figures computes a figure itself.
 */
import type { Instrument } from '../instrument/types.ts';
import { figureJson, type Json, type ShownLeaf } from './assemble.ts';
import { figurePlans, type FigurePlan, type LeafPlan } from './plan.ts';
import { quantile } from './quantiles.ts';
import type { UnitTable } from './table.ts';

export type RawLeaf =
  | {
      readonly kind: 'mean' | 'pooled' | 'sum' | 'ratio';
      readonly plan: LeafPlan;
      readonly value: number | null;
      /** Rows that contribute (have a value). */
      readonly contributors: Int32Array;
      /** Each contributor's part of the total (sums and ratios), for the dominance rule. */
      readonly parts?: Float64Array;
    }
  | {
      readonly kind: 'quantiles';
      readonly plan: Extract<LeafPlan, { kind: 'quantiles' }>;
      /** The contributors' values, ascending. */
      readonly sorted: Float64Array;
      readonly contributors: Int32Array;
    }
  | {
      readonly kind: 'counts';
      readonly plan: Extract<LeafPlan, { kind: 'distribution' | 'stages' }>;
      /** Count per category. */
      readonly counts: Float64Array;
      /** Rows with a category. */
      readonly contributors: Int32Array;
      /** Category of every row of the group (-1: none), in the group's order. */
      readonly categoryOfMember: Int32Array;
    };

export function evaluateFigure(table: UnitTable, rows: ArrayLike<number>, plan: FigurePlan): RawLeaf[] {
  return plan.leaves.map((leaf) => evaluateLeaf(table, rows, leaf));
}

// Contributors and parts are written into typed arrays of the group's size and cut to length:
// a release evaluates every leaf over groups of a hundred thousand organisations, and the
// number[] these once went through was much of its time and garbage.
export function evaluateLeaf(table: UnitTable, rows: ArrayLike<number>, leaf: LeafPlan): RawLeaf {
  const size = rows.length;
  switch (leaf.kind) {
    case 'mean': {
      const c = table.column(leaf.ref);
      const needs = (leaf.requires ?? []).map((r) => table.column(r));
      const contributors = new Int32Array(size);
      let n = 0;
      let sum = 0;
      rows: for (let i = 0; i < size; i++) {
        const row = rows[i]!;
        const v = c[row]!;
        if (Number.isNaN(v)) continue;
        for (let j = 0; j < needs.length; j++) if (!(needs[j]![row]! > 0)) continue rows;
        contributors[n++] = row;
        sum += v;
      }
      return {
        kind: 'mean',
        plan: leaf,
        value: n === 0 ? null : sum / n,
        contributors: contributors.slice(0, n),
      };
    }
    case 'pooled':
    case 'ratio': {
      const num = table.column(leaf.numerator);
      const den = table.column(leaf.denominator);
      const pooled = leaf.kind === 'pooled';
      const contributors = new Int32Array(size);
      const parts = new Float64Array(size);
      let count = 0;
      let n = 0;
      let d = 0;
      for (let i = 0; i < size; i++) {
        const row = rows[i]!;
        const a = num[row]!;
        const b = den[row]!;
        if (Number.isNaN(a) || Number.isNaN(b) || (pooled && !(b > 0))) continue;
        contributors[count] = row;
        parts[count++] = a;
        n += a;
        d += b;
      }
      return {
        kind: leaf.kind,
        plan: leaf,
        value: count === 0 || d === 0 ? null : n / d,
        contributors: contributors.slice(0, count),
        parts: parts.slice(0, count),
      };
    }
    case 'sum': {
      const c = table.column(leaf.ref);
      const contributors = new Int32Array(size);
      const parts = new Float64Array(size);
      let n = 0;
      let sum = 0;
      for (let i = 0; i < size; i++) {
        const v = c[rows[i]!]!;
        if (Number.isNaN(v)) continue;
        contributors[n] = rows[i]!;
        parts[n++] = v;
        sum += v;
      }
      return {
        kind: 'sum',
        plan: leaf,
        value: n === 0 ? null : sum,
        contributors: contributors.slice(0, n),
        parts: parts.slice(0, n),
      };
    }
    case 'quantiles': {
      const c = table.column(leaf.ref);
      const contributors = new Int32Array(size);
      const values = new Float64Array(size);
      let n = 0;
      for (let i = 0; i < size; i++) {
        const v = c[rows[i]!]!;
        if (Number.isNaN(v)) continue;
        contributors[n] = rows[i]!;
        values[n++] = v;
      }
      return {
        kind: 'quantiles',
        plan: leaf,
        sorted: values.slice(0, n).sort(),
        contributors: contributors.slice(0, n),
      };
    }
    case 'distribution':
    case 'stages': {
      const counts = new Float64Array(leaf.categories.length);
      const categoryOfMember = new Int32Array(size).fill(-1);
      const contributors = new Int32Array(size);
      let n = 0;
      const distribution = leaf.kind === 'distribution' ? leaf : null;
      const c = distribution ? table.column(distribution.ref) : null;
      for (let i = 0; i < size; i++) {
        const row = rows[i]!;
        let k = -1;
        if (c) {
          const v = c[row]!;
          if (!Number.isNaN(v)) k = distribution!.categoryOf(v);
        } else {
          const stage = table.stage(row);
          k = stage === null ? -1 : leaf.categories.indexOf(stage);
        }
        categoryOfMember[i] = k;
        if (k >= 0) {
          counts[k]!++;
          contributors[n++] = row;
        }
      }
      return {
        kind: 'counts',
        plan: leaf,
        counts,
        contributors: contributors.slice(0, n),
        categoryOfMember,
      };
    }
  }
}

/**
 * Every figure of a group with nothing held back: the engine's arithmetic on its own, for
 * checking it (tests, the benchmark's cross-check against DuckDB). Never shown to anyone:
 * the edges read releases, and lint keeps them from importing this.
 */
export function unprotectedFigures(
  instrument: Instrument,
  table: UnitTable,
  rows: ArrayLike<number>,
): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const plan of figurePlans(instrument)) {
    const shown = evaluateFigure(table, rows, plan).map((raw): ShownLeaf => {
      if (raw.kind === 'counts')
        return { kind: 'counts', n: raw.contributors.length, counts: [...raw.counts] };
      if (raw.kind === 'quantiles')
        return {
          kind: 'quantiles',
          n: raw.sorted.length,
          exact:
            raw.sorted.length === 0
              ? null
              : {
                  q1: quantile(raw.sorted, 0.25)!,
                  median: quantile(raw.sorted, 0.5)!,
                  q3: quantile(raw.sorted, 0.75)!,
                },
          band: null,
        };
      return { kind: 'value', value: raw.value, n: raw.contributors.length };
    });
    out[plan.figure.id] = figureJson(instrument, plan.figure, plan.leaves, shown);
  }
  return out;
}
