/**
 * Every figure the instrument declares, broken into *leaves*: the single numbers a figure is
 * made of (a mean, a count in a category, a median, a sum). A leaf knows how it is computed
 * over a group of organisations and of which kind it is, because the disclosure rules differ
 * by kind: additive numbers (means, shares, sums) can be added and subtracted, counts are
 * sensitive by their own size, quantiles can equal a member's value.
 */
import type { FigureDef, MeansShape } from '../instrument/schema.ts';
import type { Instrument } from '../instrument/types.ts';
import { roundHalfUp } from '../util/stats.ts';
import {
  ALL_RESPONDENTS,
  answeredCountRef,
  chosenCountRef,
  groupMeanRef,
  groupSizeRef,
  rankSumRef,
  shareRef,
} from './layout.ts';
import { bandStep } from './quantiles.ts';

export type LeafPlan =
  /** Mean over organisations with a value (all `requires` sizes > 0). */
  | {
      readonly kind: 'mean';
      readonly path: readonly string[];
      readonly ref: string;
      readonly requires?: readonly string[];
      /**
       * Respondent groups' sizes (`@staff#`) that, summed over the contributing organisations,
       * must each reach the round's respondent minimum (a comparison of two groups across the
       * round speaks of the groups' people pooled: src/core/release/build.ts).
       */
      readonly pooledMinimum?: readonly string[];
    }
  /** Σ numerator ÷ Σ denominator over organisations: respondents pooled across organisations. */
  | {
      readonly kind: 'pooled';
      readonly path: readonly string[];
      readonly numerator: string;
      readonly denominator: string;
    }
  | { readonly kind: 'sum'; readonly path: readonly string[]; readonly ref: string }
  | {
      readonly kind: 'ratio';
      readonly path: readonly string[];
      readonly numerator: string;
      readonly denominator: string;
    }
  | {
      readonly kind: 'quantiles';
      readonly path: readonly string[];
      readonly ref: string;
      readonly scale: Range;
    }
  | {
      readonly kind: 'distribution';
      readonly path: readonly string[];
      readonly ref: string;
      readonly categories: readonly string[];
      readonly categoryOf: (value: number) => number;
    }
  | { readonly kind: 'stages'; readonly path: readonly string[]; readonly categories: readonly string[] };

export interface Range {
  readonly min: number;
  readonly max: number;
  /** Width of the bands small groups are shown in. */
  readonly step: number;
}

export interface FigurePlan {
  readonly figure: FigureDef;
  readonly leaves: readonly LeafPlan[];
}

const plans = new WeakMap<Instrument, readonly FigurePlan[]>();

export function figurePlans(instrument: Instrument): readonly FigurePlan[] {
  let p = plans.get(instrument);
  if (!p)
    plans.set(
      instrument,
      (p = instrument.figures.map((f) => ({ figure: f, leaves: leavesOf(instrument, f) }))),
    );
  return p;
}

function leavesOf(instrument: Instrument, f: FigureDef): LeafPlan[] {
  if (f.distribution !== undefined) {
    const { categories, categoryOf } = distributionCategories(instrument, f.distribution);
    return [{ kind: 'distribution', path: [], ref: f.distribution, categories, categoryOf }];
  }
  if (f.stages) return [{ kind: 'stages', path: [], categories: instrument.def.stages.map((s) => s.id) }];
  if (f.means !== undefined) {
    const out: LeafPlan[] = [];
    const walk = (shape: MeansShape, path: string[]) => {
      if (typeof shape === 'string') out.push({ kind: 'mean', path, ref: shape });
      else for (const [k, v] of Object.entries(shape)) walk(v, [...path, k]);
    };
    walk(f.means, []);
    return out;
  }
  if (f.shares) {
    return f.shares.flatMap((item): LeafPlan[] => {
      const slot = instrument.slotById.get(item);
      const options = slot?.kind === 'choice' ? slot.values : [];
      if (f.per !== 'respondent')
        return options.map((o) => ({ kind: 'mean' as const, path: [item, o], ref: shareRef(item, o) }));
      const groups = f.groups ?? [ALL_RESPONDENTS];
      return groups.flatMap((g) =>
        options.map((o) => ({
          kind: 'pooled' as const,
          path: f.groups ? [item, g, o] : [item, o],
          numerator: chosenCountRef(g, item, o),
          denominator: answeredCountRef(g, item),
        })),
      );
    });
  }
  if (f.quantiles)
    return f.quantiles.map((ref) => ({
      kind: 'quantiles',
      path: [ref],
      ref,
      scale: rangeOf(instrument, ref),
    }));
  if (f.sums) return f.sums.map((ref) => ({ kind: 'sum', path: [ref], ref }));
  if (f.ratio)
    return [{ kind: 'ratio', path: [], numerator: f.ratio.numerator, denominator: f.ratio.denominator }];
  if (f.ranking !== undefined) {
    const item = instrument.itemById.get(f.ranking);
    if (item?.def.type !== 'ranking') return [];
    const partial = item.def.maxRanked !== undefined;
    return item.def.options.flatMap((o) => {
      if (f.per !== 'respondent') {
        const leaves: LeafPlan[] = [{ kind: 'mean', path: [o.value, 'meanRank'], ref: o.answer }];
        if (partial)
          leaves.push({ kind: 'mean', path: [o.value, 'share'], ref: shareRef(o.answer, 'ranked') });
        return leaves;
      }
      const groups = f.groups ?? [ALL_RESPONDENTS];
      return groups.flatMap((g) => {
        const at = f.groups ? [o.value, g] : [o.value];
        return [
          {
            kind: 'pooled' as const,
            path: [...at, 'share'],
            numerator: chosenCountRef(g, o.answer),
            denominator: answeredCountRef(g, f.ranking!),
          },
          {
            kind: 'pooled' as const,
            path: [...at, 'meanRank'],
            numerator: rankSumRef(g, o.answer),
            denominator: chosenCountRef(g, o.answer),
          },
        ];
      });
    });
  }
  if (f.compare !== undefined) {
    const c = instrument.comparisons.find((x) => x.id === f.compare);
    if (!c) return [];
    const requires = c.groups.map(groupSizeRef);
    return comparedRefs(instrument).flatMap((ref) =>
      c.groups.map((g) => ({
        kind: 'mean' as const,
        path: ['rows', ref, g],
        ref: groupMeanRef(g, ref),
        requires,
        pooledMinimum: requires,
      })),
    );
  }
  return [];
}

/** What two groups are compared on: every scale item, every rank, every measure. */
export function comparedRefs(instrument: Instrument): string[] {
  const out: string[] = [];
  for (const [id, slot] of instrument.slotById)
    if (slot.kind === 'scale' || slot.kind === 'rank') out.push(id);
  for (const m of instrument.measures) out.push(m.id);
  return out;
}

/**
 * Categories of a distribution: the points of a scale (values rounded half up), or bands of a
 * readable width across a known range (a rescaled measure such as an index of 0–100).
 */
export function distributionCategories(
  instrument: Instrument,
  ref: string,
): { categories: string[]; categoryOf: (v: number) => number } {
  const range = rangeOf(instrument, ref);
  const slot = instrument.slotById.get(ref);
  const pointScale =
    slot?.kind === 'scale' ||
    (instrument.measureById.has(ref) && !instrument.measureById.get(ref)!.rescale && range.step <= 1);
  if (pointScale) {
    const categories: string[] = [];
    for (let p = Math.ceil(range.min); p <= range.max; p++) categories.push(String(p));
    const first = Math.ceil(range.min);
    return {
      categories,
      categoryOf: (v) => {
        const i = roundHalfUp(v) - first;
        return i >= 0 && i < categories.length ? i : -1;
      },
    };
  }
  const step = range.step;
  const categories: string[] = [];
  for (let lo = range.min; lo < range.max - 1e-9; lo += step)
    categories.push(`${trim(lo)}-${trim(Math.min(lo + step, range.max))}`);
  return {
    categories,
    categoryOf: (v) => {
      if (v < range.min - 1e-9 || v > range.max + 1e-9) return -1;
      return Math.min(categories.length - 1, Math.floor((v - range.min) / step + 1e-9));
    },
  };
}

const trim = (x: number) => String(Number(x.toPrecision(12)));

/** The range a value lives on: its scale, its number limits, a measure's rescale or its items' scale. */
export function rangeOf(instrument: Instrument, ref: string): Range {
  const make = (min: number, max: number): Range => ({ min, max, step: bandStep(min, max) });
  const slot = instrument.slotById.get(ref);
  if (slot?.kind === 'scale') return make(slot.scale.min, slot.scale.max);
  if (slot?.kind === 'rank') return make(1, slot.size);
  if (slot?.kind === 'number') return make(slot.item.min ?? 0, slot.item.max ?? 100);
  const m = instrument.measureById.get(ref);
  if (m?.rescale) return make(Math.min(...m.rescale.to), Math.max(...m.rescale.to));
  if (m?.difference) {
    const a = rangeOf(instrument, m.difference[0]);
    const b = rangeOf(instrument, m.difference[1]);
    return make(a.min - b.max, a.max - b.min);
  }
  const first = m?.mean?.[0] ?? m?.min?.[0] ?? m?.max?.[0] ?? m?.weightedMean?.[0]?.ref;
  return first && first !== ref ? rangeOf(instrument, first) : make(1, 5);
}
