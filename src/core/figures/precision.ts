/**
 * The precision a value is shown with, and rounding to it. Rules compare values as people see
 * them: an index of 44.999… is shown as 45 and must meet "at least 45" (see stages/place.ts).
 * The display layer formats the already rounded number, so the two can never disagree.
 */
import type { Instrument } from '../instrument/types.ts';

/** Decimals a value is shown with: a measure's own, one for answers (means of 1–5 and ranks). */
export function decimalsOf(instrument: Instrument, ref: string): number {
  return instrument.measureById.get(ref)?.decimals ?? 1;
}

/**
 * Decimals quartiles and medians are shown with: one more than the value's own, since they lie
 * between members' values (and a quartile read as a member's own value is not shown).
 */
export const quantileDecimalsOf = (instrument: Instrument, ref: string) => decimalsOf(instrument, ref) + 1;

/**
 * Rounds half away from zero at `decimals`, on the decimal value a person reads: binary noise
 * (2.675 stored as 2.67499…, 44.99999999999999) is removed first.
 */
export function roundShown(value: number, decimals: number): number {
  const scaled = Number((Math.abs(value) * 10 ** decimals).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / 10 ** decimals;
}
