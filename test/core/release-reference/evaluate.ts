/**
 * Computes the leaves of a figure over a group of organisations, before any disclosure rule:
 * the raw numbers and who they come from. Only the release (src/core/release) turns them into
 * what may be shown; nothing outside src/core/figures computes a figure itself.
 */
import type { Instrument } from '../../../src/core/instrument/types.ts';
import { figureJson, type Json, type ShownLeaf } from '../../../src/core/figures/assemble.ts';
import { figurePlans, type FigurePlan, type LeafPlan } from '../../../src/core/figures/plan.ts';
import { quantile } from '../../../src/core/figures/quantiles.ts';
import type { UnitTable } from '../../../src/core/figures/table.ts';

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

export function evaluateLeaf(table: UnitTable, rows: ArrayLike<number>, leaf: LeafPlan): RawLeaf {
  switch (leaf.kind) {
    case 'mean': {
      const c = table.column(leaf.ref);
      const needs = (leaf.requires ?? []).map((r) => table.column(r));
      const contributors: number[] = [];
      let sum = 0;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const v = c[row]!;
        if (Number.isNaN(v) || needs.some((n) => !(n[row]! > 0))) continue;
        contributors.push(row);
        sum += v;
      }
      return {
        kind: 'mean',
        plan: leaf,
        value: contributors.length === 0 ? null : sum / contributors.length,
        contributors: Int32Array.from(contributors),
      };
    }
    case 'pooled':
    case 'ratio': {
      const num = table.column(leaf.numerator);
      const den = table.column(leaf.denominator);
      const contributors: number[] = [];
      const parts: number[] = [];
      let n = 0;
      let d = 0;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const a = num[row]!;
        const b = den[row]!;
        if (Number.isNaN(a) || Number.isNaN(b) || (leaf.kind === 'pooled' && !(b > 0))) continue;
        contributors.push(row);
        parts.push(a);
        n += a;
        d += b;
      }
      return {
        kind: leaf.kind,
        plan: leaf,
        value: contributors.length === 0 || d === 0 ? null : n / d,
        contributors: Int32Array.from(contributors),
        parts: Float64Array.from(parts),
      };
    }
    case 'sum': {
      const c = table.column(leaf.ref);
      const contributors: number[] = [];
      const parts: number[] = [];
      let sum = 0;
      for (let i = 0; i < rows.length; i++) {
        const v = c[rows[i]!]!;
        if (Number.isNaN(v)) continue;
        contributors.push(rows[i]!);
        parts.push(v);
        sum += v;
      }
      return {
        kind: 'sum',
        plan: leaf,
        value: contributors.length === 0 ? null : sum,
        contributors: Int32Array.from(contributors),
        parts: Float64Array.from(parts),
      };
    }
    case 'quantiles': {
      const c = table.column(leaf.ref);
      const contributors: number[] = [];
      for (let i = 0; i < rows.length; i++) if (!Number.isNaN(c[rows[i]!]!)) contributors.push(rows[i]!);
      const sorted = Float64Array.from(contributors, (r) => c[r]!).sort();
      return { kind: 'quantiles', plan: leaf, sorted, contributors: Int32Array.from(contributors) };
    }
    case 'distribution':
    case 'stages': {
      const counts = new Float64Array(leaf.categories.length);
      const categoryOfMember = new Int32Array(rows.length).fill(-1);
      const contributors: number[] = [];
      const distribution = leaf.kind === 'distribution' ? leaf : null;
      const c = distribution ? table.column(distribution.ref) : null;
      for (let i = 0; i < rows.length; i++) {
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
          contributors.push(row);
        }
      }
      return {
        kind: 'counts',
        plan: leaf,
        counts,
        contributors: Int32Array.from(contributors),
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
