/**
 * Linear algebra for the disclosure audits: is a figure derivable from published ones by
 * adding and subtracting them? Every published number is a linear function of the
 * organisations' (or respondents') data, so "derivable" means "in the span of the published
 * rows". Exact rational arithmetic would be slow; instead every computation runs modulo two
 * primes below 2^26 (so that products stay exact in doubles) and a vector counts as derivable
 * when either prime says so. A rank can only drop modulo a prime, never rise, so the two
 * together err, if ever, towards "derivable": towards suppressing more, never less.
 */

export const PRIMES = [67_108_859, 67_108_837] as const;

export type Vector = Float64Array;

function inverse(a: number, p: number): number {
  // Extended Euclid; a is never 0 mod p here.
  let [r0, r1] = [a % p, p];
  let [s0, s1] = [1, 0];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % p) + p) % p;
}

const mod = (x: number, p: number) => {
  const r = x % p;
  return r < 0 ? r + p : r;
};

/**
 * An echelon basis of a row space modulo one prime, grown one row at a time. Rows are kept
 * fully reduced (each is zero at every other row's pivot), and a row's pivot is its first
 * non-zero column, so rows whose pivot lies after column c vanish on every column up to c.
 */
export class ModBasis {
  /** Rows kept fully reduced: each is zero at every other row's pivot. */
  private readonly rows: Vector[] = [];
  private readonly pivots: number[] = [];

  constructor(
    readonly p: number,
    readonly width: number,
  ) {}

  get rank(): number {
    return this.rows.length;
  }

  /** `v` reduced against the basis (a new vector; zero when `v` is in the span). */
  reduce(v: ArrayLike<number>): Vector {
    const { p } = this;
    const out = new Float64Array(this.width);
    for (let j = 0; j < this.width; j++) out[j] = mod(v[j] ?? 0, p);
    for (let r = 0; r < this.rows.length; r++) {
      const c = out[this.pivots[r]!]!;
      if (c === 0) continue;
      const row = this.rows[r]!;
      for (let j = 0; j < this.width; j++) {
        const x = row[j]!;
        if (x !== 0) out[j] = mod(out[j]! - c * x, p);
      }
    }
    return out;
  }

  /** Adds `v` (already reduced or not); returns false when it was in the span. */
  add(v: ArrayLike<number>): boolean {
    const r = this.reduce(v);
    const pivot = r.findIndex((x) => x !== 0);
    if (pivot < 0) return false;
    const inv = inverse(r[pivot]!, this.p);
    for (let j = 0; j < this.width; j++) if (r[j] !== 0) r[j] = (r[j]! * inv) % this.p;
    // Keep the others reduced against the new row.
    for (const row of this.rows) {
      const c = row[pivot]!;
      if (c === 0) continue;
      for (let j = 0; j < this.width; j++) {
        const x = r[j]!;
        if (x !== 0) row[j] = mod(row[j]! - c * x, this.p);
      }
    }
    this.rows.push(r);
    this.pivots.push(pivot);
    return true;
  }

  contains(v: ArrayLike<number>): boolean {
    return this.reduce(v).every((x) => x === 0);
  }

  clone(): ModBasis {
    const copy = new ModBasis(this.p, this.width);
    for (const row of this.rows) copy.rows.push(Float64Array.from(row));
    copy.pivots.push(...this.pivots);
    return copy;
  }

  /** The basis rows and their pivot columns (for callers that need the echelon form). */
  echelon(): { rows: readonly Vector[]; pivots: readonly number[] } {
    return { rows: this.rows, pivots: this.pivots };
  }
}

/** A row space kept modulo both primes. */
export class RowSpace {
  private readonly bases: ModBasis[];

  constructor(readonly width: number) {
    this.bases = PRIMES.map((p) => new ModBasis(p, width));
  }

  /** Adds a row; true when it enlarged the space (under either prime). */
  add(row: ArrayLike<number>): boolean {
    let grew = false;
    for (const b of this.bases) if (b.add(row)) grew = true;
    return grew;
  }

  /** Derivable from the rows added so far: true when either prime says so (the safe side). */
  contains(row: ArrayLike<number>): boolean {
    return this.bases.some((b) => b.contains(row));
  }

  /** The rank over the rationals is at least this (the larger of the two modular ranks). */
  get rank(): number {
    return Math.max(...this.bases.map((b) => b.rank));
  }

  clone(): RowSpace {
    const copy = new RowSpace(this.width);
    this.bases.forEach((b, i) => (copy.bases[i] = b.clone()));
    return copy;
  }
}

/**
 * The dimension of the part of the row space of `rows` that vanishes outside `keep` (a set of
 * column indices): rank(rows) − rank(rows restricted to the other columns). Computed under
 * both primes; the larger value is returned (the safe side: "there is such a vector").
 */
export function dimensionWithin(
  rows: readonly ArrayLike<number>[],
  width: number,
  keep: ReadonlySet<number>,
) {
  const outside: number[] = [];
  for (let j = 0; j < width; j++) if (!keep.has(j)) outside.push(j);
  let best = 0;
  for (const p of PRIMES) {
    const full = new ModBasis(p, width);
    const rest = new ModBasis(p, outside.length);
    for (const row of rows) {
      full.add(row);
      rest.add(outside.map((j) => row[j] ?? 0));
    }
    best = Math.max(best, full.rank - rest.rank);
  }
  return best;
}
