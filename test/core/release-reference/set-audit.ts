/**
 * The audit of additive figures (means, shares, sums): given the groups whose figures are
 * published, can anyone add and subtract them into a figure about fewer than `threshold`
 * units? Every published mean times its published count is a sum over the group, so the
 * attacker knows every linear combination of the groups' indicator vectors; the audit asks
 * whether some non-zero combination touches fewer than `threshold` units.
 *
 * Only atoms with fewer units than the threshold can make up such a combination, so the search
 * runs over the small atoms that the published space can isolate from the big ones. A `base`
 * (figures already visible, or shown by policy whatever their size) is allowed its own small
 * combinations; the audit only reports combinations the candidates add to it.
 */
import { atomsOf, coarsen, type Atoms, type GroupFamily } from './atoms.ts';
import { dimensionWithin, ModBasis, PRIMES } from '../../../src/core/disclosure/linear.ts';

/** More small atoms than this in play, or more subsets than `MAX_SUBSETS`: assume the worst. */
const MAX_SMALL_ATOMS = 22;
const MAX_SUBSETS = 20_000;

export interface SetAuditInput extends GroupFamily {
  /** Indices of groups that form the base (already visible, or exempt). */
  readonly base: ReadonlySet<number>;
  readonly threshold: number;
}

/** True when the groups together allow a combination over fewer than `threshold` units that the base alone does not. */
export function addsSmallCombination(input: SetAuditInput, known?: Atoms): boolean {
  const { threshold } = input;
  const atoms = known ?? atomsOf(input);
  const width = atoms.groupsOf.length;
  const small = new Set<number>();
  atoms.units.forEach((u, a) => {
    if (u.length < threshold) small.add(a);
  });
  if (small.size === 0) return false;
  const rows = atoms.incidence;
  const baseRows = rows.filter((_, g) => input.base.has(g));

  // The small atoms that some vector of the space, zero on every big atom, can touch.
  const reachable = reachableSmallAtoms(rows, width, small);
  if (reachable.length === 0) return false;
  if (reachable.length > MAX_SMALL_ATOMS) return true;

  const unitsOf = (set: readonly number[]) => {
    const u = new Set<number>();
    for (const a of set) for (const x of atoms.units[a]!) u.add(x);
    return u.size;
  };
  // Maximal sets of reachable small atoms with fewer than `threshold` units between them:
  // if no candidate-made vector fits inside a maximal set, none fits inside its subsets.
  let visited = 0;
  let found = false;
  const choose = (start: number, chosen: number[]) => {
    if (found) return;
    if (++visited > MAX_SUBSETS) {
      found = true;
      return;
    }
    let extended = false;
    for (let i = start; i < reachable.length; i++) {
      const next = [...chosen, reachable[i]!];
      if (unitsOf(next) < threshold) {
        extended = true;
        choose(i + 1, next);
        if (found) return;
      }
    }
    if (!extended && chosen.length > 0 && !isExtendable(chosen)) {
      const keep = new Set(chosen);
      if (dimensionWithin(rows, width, keep) > dimensionWithin(baseRows, width, keep)) found = true;
    }
  };
  // A set is maximal when no reachable atom outside it can join under the threshold.
  const isExtendable = (chosen: number[]) =>
    reachable.some((a) => !chosen.includes(a) && unitsOf([...chosen, a]) < threshold);
  choose(0, []);
  return found;
}

/**
 * Columns ordered big atoms first: in a fully reduced echelon form, the rows whose pivot is a
 * small atom vanish on every big atom, and they span exactly the vectors that do.
 */
function reachableSmallAtoms(
  rows: readonly Float64Array[],
  width: number,
  small: ReadonlySet<number>,
): number[] {
  const order = [...Array(width).keys()].sort((a, b) => Number(small.has(a)) - Number(small.has(b)));
  const firstSmall = order.findIndex((a) => small.has(a));
  const reached = new Set<number>();
  for (const p of PRIMES) {
    const basis = new ModBasis(p, width);
    for (const r of rows) basis.add(Float64Array.from(order, (a) => r[a]!));
    const { rows: echelon, pivots } = basis.echelon();
    echelon.forEach((row, i) => {
      if (pivots[i]! < firstSmall) return;
      for (let j = firstSmall; j < width; j++) if (row[j] !== 0) reached.add(order[j]!);
    });
  }
  return [...reached].sort((a, b) => a - b);
}

/**
 * Accepts candidates one at a time, in the order given (most wanted first): a candidate is
 * published when, together with everything already visible and everything accepted before it,
 * it adds no small combination. Returns the accepted candidates' indices.
 */
export function acceptAdditive(
  family: GroupFamily,
  visible: readonly number[],
  candidates: readonly number[],
  threshold: number,
): number[] {
  const accepted: number[] = [];
  // The atoms of the whole family once; each trial only merges them.
  const fine = atomsOf(family);
  for (const c of candidates) {
    const before = [...visible, ...accepted];
    const subset = [...before, c];
    const added = addsSmallCombination(
      {
        unitOf: family.unitOf,
        groups: subset.map((g) => family.groups[g]!),
        base: new Set(before.keys()),
        threshold,
      },
      coarsen(fine, subset),
    );
    if (!added) accepted.push(c);
  }
  return accepted;
}
