/**
 * Exact linear algebra over the rationals for the attacker, written independently of
 * src/core/disclosure/linear.ts (which works modulo primes): an attack found here is real, not
 * an artefact of modular arithmetic. Rows are kept as primitive BigInt vectors (fraction-free
 * elimination), so no fraction is ever normalised entry by entry.
 */

export type Row = bigint[];

const abs = (x: bigint) => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Divides a row by the gcd of its entries, sign so that the first non-zero entry is positive. */
function primitive(v: Row): Row {
  let g = 0n;
  let first = 0n;
  for (const x of v) {
    if (x === 0n) continue;
    if (first === 0n) first = x;
    g = gcd(g, x);
    if (g === 1n) break;
  }
  if (g === 0n) return v;
  if (first < 0n) g = -g;
  if (g === 1n) return v;
  return v.map((x) => x / g);
}

export const toRow = (v: ArrayLike<number | bigint>): Row => Array.from(v, (x) => BigInt(x));

/**
 * A row space kept in fully reduced echelon form: every basis row is zero at every other row's
 * pivot, and a row's pivot is its first non-zero column.
 */
export class ExactSpace {
  readonly rows: Row[] = [];
  readonly pivots: number[] = [];

  constructor(readonly width: number) {}

  get rank(): number {
    return this.rows.length;
  }

  /** `v` minus its part in the span, scaled to a primitive integer vector (zero iff in the span). */
  reduce(v: ArrayLike<number | bigint>): Row {
    let out = toRow(v);
    for (let r = 0; r < this.rows.length; r++) {
      const p = this.pivots[r]!;
      const c = out[p]!;
      if (c === 0n) continue;
      const row = this.rows[r]!;
      const a = row[p]!;
      out = primitive(out.map((x, j) => x * a - c * row[j]!));
    }
    return out;
  }

  add(v: ArrayLike<number | bigint>): boolean {
    const r = this.reduce(v);
    const pivot = r.findIndex((x) => x !== 0n);
    if (pivot < 0) return false;
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i]!;
      const c = row[pivot]!;
      if (c === 0n) continue;
      const a = r[pivot]!;
      this.rows[i] = primitive(row.map((x, j) => x * a - c * r[j]!));
    }
    this.rows.push(r);
    this.pivots.push(pivot);
    return true;
  }

  contains(v: ArrayLike<number | bigint>): boolean {
    return this.reduce(v).every((x) => x === 0n);
  }
}

export function spaceOf(rows: readonly ArrayLike<number | bigint>[], width: number): ExactSpace {
  const s = new ExactSpace(width);
  for (const r of rows) s.add(r);
  return s;
}

/**
 * A basis of the vectors in the span of `rows` that vanish on every column in `zero`, as rows
 * over all columns. Eliminating the `zero` columns first: the echelon rows whose pivot lies
 * after them are zero on them, and they span exactly such vectors.
 */
export function vanishingOn(rows: readonly Row[], width: number, zero: ReadonlySet<number>): Row[] {
  const order = [...Array(width).keys()].sort((a, b) => Number(!zero.has(a)) - Number(!zero.has(b)));
  const first = order.findIndex((j) => !zero.has(j));
  if (first < 0) return [];
  const s = new ExactSpace(width);
  for (const r of rows) s.add(order.map((j) => r[j]!));
  const back = new Array<number>(width);
  order.forEach((j, i) => (back[j] = i));
  return s.rows
    .filter((_, i) => s.pivots[i]! >= first)
    .map((row) => Array.from({ length: width }, (_, j) => row[back[j]!]!));
}

/** Rank of the rows restricted to the given columns. */
export function rankOn(rows: readonly Row[], columns: readonly number[]): number {
  const s = new ExactSpace(columns.length);
  for (const r of rows) s.add(columns.map((j) => r[j]!));
  return s.rank;
}

export interface SmallCombination {
  /** The columns of a non-zero vector of the span with that support. */
  readonly columns: number[];
  /** The vector itself (over all columns). */
  readonly vector: Row;
  /** How many units it touches. */
  readonly units: number;
}

/**
 * The search of an attacker who adds and subtracts published rows: is there a non-zero vector
 * in their span that touches fewer than `threshold` units? Each column is a set of units (an
 * atom: contributions no published row tells apart); a column with `threshold` units or more
 * can never be part of such a vector, so the search runs over the space that vanishes on them,
 * through every set of the remaining columns that stays under the threshold.
 */
export function smallCombination(
  rows: readonly Row[],
  columnUnits: readonly (readonly number[])[],
  threshold: number,
  budget = 200_000,
  /** Rows shown whatever (their own small combinations are allowed): only new ones count. */
  base: readonly Row[] = [],
): SmallCombination | null | 'budget' {
  const width = columnUnits.length;
  const big = new Set<number>();
  columnUnits.forEach((u, j) => {
    if (new Set(u).size >= threshold) big.add(j);
  });
  const w = vanishingOn(rows, width, big);
  if (w.length === 0) return null;
  const reach = [...Array(width).keys()].filter((j) => !big.has(j) && w.some((r) => r[j] !== 0n));
  const unitsOf = (cols: readonly number[]) => new Set(cols.flatMap((j) => columnUnits[j]!)).size;
  let visited = 0;
  let found: SmallCombination | null = null;
  let exhausted = false;
  const dim = w.length;
  const all = [...Array(width).keys()];
  const baseRank = base.length > 0 ? spaceOf(base, width).rank : 0;
  const test = (chosen: number[]) => {
    const inside = new Set(chosen);
    const rest = reach.filter((j) => !inside.has(j));
    if (rankOn(w, rest) >= dim) return;
    const outside = new Set(all.filter((j) => !inside.has(j)));
    const within = vanishingOn(w, width, outside);
    let vector: Row | undefined = within[0];
    if (base.length > 0) {
      // dim(span ∩ S) against dim(base ∩ S): is there a combination the base did not have?
      const outsideCols = all.filter((j) => outside.has(j));
      const baseWithin = baseRank - rankOn(base, outsideCols);
      if (within.length <= baseWithin) return;
      const baseSpace = spaceOf(vanishingOn(base, width, outside), width);
      vector = within.find((v) => !baseSpace.contains(v));
    }
    if (!vector) return;
    const columns = chosen.filter((j) => vector[j] !== 0n);
    found = { columns, vector, units: unitsOf(columns) };
  };
  const choose = (start: number, chosen: number[]) => {
    if (found || exhausted) return;
    if (++visited > budget) {
      exhausted = true;
      return;
    }
    let extended = false;
    for (let i = start; i < reach.length; i++) {
      const next = [...chosen, reach[i]!];
      if (unitsOf(next) < threshold) {
        extended = true;
        choose(i + 1, next);
        if (found || exhausted) return;
      }
    }
    // Only maximal sets need testing: a vector inside a subset is inside the maximal set too.
    if (!extended && chosen.length > 0) {
      const canGrow = reach.some((j) => !chosen.includes(j) && unitsOf([...chosen, j]) < threshold);
      if (!canGrow) test(chosen);
    }
  };
  choose(0, []);
  if (found) return found;
  return exhausted ? 'budget' : null;
}

/**
 * How the attacker gets `target` from the published rows: λ with Σ λᵢ rowsᵢ = target, as exact
 * fractions [numerator, denominator]; null when the target is not in their span.
 */
export function combinationOf(rows: readonly Row[], target: Row): [bigint, bigint][] | null {
  const n = rows.length;
  const width = target.length;
  // Unknowns λ₀ … λₙ₋₁ and μ: Σ λᵢ rowsᵢ − μ · target = 0, one equation per column.
  const s = new ExactSpace(n + 1);
  for (let j = 0; j < width; j++) s.add([...rows.map((r) => r[j]!), -target[j]!]);
  const pivotOf = new Map(s.pivots.map((p, i) => [p, i]));
  const free = [...Array(n + 1).keys()].filter((c) => !pivotOf.has(c));
  for (const f of free) {
    // The null vector with x_f = 1 and every other free variable 0.
    const x = new Array<[bigint, bigint]>(n + 1).fill([0n, 1n]);
    x[f] = [1n, 1n];
    s.rows.forEach((row, i) => {
      const p = s.pivots[i]!;
      x[p] = [-row[f]!, row[p]!];
    });
    const [mu, muDen] = x[n]!;
    if (mu === 0n) continue;
    return x.slice(0, n).map(([a, b]) => {
      let num = a * muDen;
      let den = b * mu;
      if (den < 0n) [num, den] = [-num, -den];
      const g = gcd(num, den) || 1n;
      return [num / g, den / g];
    });
  }
  return null;
}
