/**
 * Non-additive figures (quartiles, medians, percentiles) cannot be added and subtracted, but
 * two of them about groups that differ by a few units can be compared: a median that moves when
 * one organisation joins tells which side of it that organisation lies. So any two groups whose
 * figures anyone can see — in one release or across releases — must be identical or differ by
 * at least the threshold in units: those only in one, plus those in both with another version.
 */

/** A group's members: unit ids ascending, and each unit's version (same order). */
export interface Membership {
  readonly units: Int32Array;
  readonly versions: Float64Array;
}

export function membership(members: readonly { unit: number; version: number }[]): Membership {
  const sorted = [...members].sort((a, b) => a.unit - b.unit);
  return {
    units: Int32Array.from(sorted, (m) => m.unit),
    versions: Float64Array.from(sorted, (m) => m.version),
  };
}

/** Units that differ between two memberships, counted up to `cap` (enough to decide). */
export function differingUnits(a: Membership, b: Membership, cap = Infinity): number {
  // Each unit only in one group differs, so a size gap of `cap` settles it at once.
  if (Math.abs(a.units.length - b.units.length) >= cap) return cap;
  let i = 0;
  let j = 0;
  let d = 0;
  while ((i < a.units.length || j < b.units.length) && d < cap) {
    const x = i < a.units.length ? a.units[i]! : Infinity;
    const y = j < b.units.length ? b.units[j]! : Infinity;
    if (x === y) {
      if (a.versions[i] !== b.versions[j]) d++;
      i++;
      j++;
    } else if (x < y) {
      d++;
      i++;
    } else {
      d++;
      j++;
    }
  }
  return Math.min(d, cap);
}

/** Whether two groups may both be seen: identical, or at least `threshold` units apart. */
export function safelyApart(a: Membership, b: Membership, threshold: number): boolean {
  const d = differingUnits(a, b, threshold);
  return d === 0 || d >= threshold;
}
