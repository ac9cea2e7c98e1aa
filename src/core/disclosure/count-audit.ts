/**
 * The audit of frequency tables: counts of units per category (a distribution, the stages,
 * group sizes). Unlike a mean, a count is sensitive by its own value: a cell of 1 to
 * threshold − 1 says that a handful of units answered that way, so it must not be published
 * and must not be derivable from what is published — by subtraction within a table, across
 * tables that share margins, or between two releases.
 *
 * The unknowns are the counts per atom and category. Published cells, group sizes and answer
 * counts are rows over them; a sensitive number is safe while its row stays outside their
 * span. Cells of the candidate groups are published greedily, most informative first, each
 * only if it makes no sensitive number derivable (complementary suppression). Then every line
 * (a group's categories, the parts of a partition for one category) whose hidden cells hold
 * between 1 and threshold − 1 units in total makes that total sensitive too, and the greedy
 * pass runs again, until nothing changes.
 */
import { atomsOf } from './atoms.ts';
import { PRIMES, ModBasis } from './linear.ts';

export interface CountTableInput {
  /** Every contribution's unit and category (0 … categories − 1). */
  readonly unitOf: ArrayLike<number>;
  readonly categoryOf: ArrayLike<number>;
  readonly categories: number;
  /** Categories that are not answers (e.g. "no answer"): never sensitive themselves. */
  readonly quiet?: ReadonlySet<number>;
  /** All groups: visible ones, candidates, and small groups that are never published. */
  readonly groups: readonly ArrayLike<number>[];
  /** Visible groups (earlier releases, or already decided), with the categories they showed. */
  readonly visible: ReadonlyMap<number, ReadonlySet<number>>;
  /** Groups to decide, most wanted first. Their size and answer count are published. */
  readonly candidates: readonly number[];
  /** Groups too small to publish: every cell of theirs is sensitive. */
  readonly small: readonly number[];
  /** Versions of one group across releases: the change of each cell is a count too. */
  readonly versions: readonly (readonly number[])[];
  /** Partitions: `whole` is the sum of `parts` (in one release). */
  readonly partitions: readonly { readonly whole: number; readonly parts: readonly number[] }[];
  readonly threshold: number;
}

export interface CountTableResult {
  /** For each candidate, the categories whose counts may be published. */
  readonly shown: ReadonlyMap<number, ReadonlySet<number>>;
}

/** Width above which the audit does not try and publishes no candidate cell. */
const MAX_WIDTH = 6_000;

export function auditCounts(input: CountTableInput): CountTableResult {
  const { categories: C, threshold: t } = input;
  const quiet = input.quiet ?? new Set<number>();
  const atoms = atomsOf(input);
  const A = atoms.groupsOf.length;
  const width = A * C;
  const none: CountTableResult = { shown: new Map(input.candidates.map((g) => [g, new Set<number>()])) };
  if (width === 0) return none;
  if (width > MAX_WIDTH) return none;

  // Counts per atom and category, and per group and category.
  const z = new Float64Array(width);
  for (let c = 0; c < input.unitOf.length; c++) {
    const a = atoms.atomOf[c]!;
    if (a >= 0) z[a * C + input.categoryOf[c]!]! += 1;
  }
  const cellRow = (g: number, cat: number) => {
    const row = new Float64Array(width);
    const inc = atoms.incidence[g]!;
    for (let a = 0; a < A; a++) if (inc[a] === 1) row[a * C + cat] = 1;
    return row;
  };
  const sumRow = (g: number, cats: (cat: number) => boolean) => {
    const row = new Float64Array(width);
    const inc = atoms.incidence[g]!;
    for (let a = 0; a < A; a++) if (inc[a] === 1) for (let k = 0; k < C; k++) if (cats(k)) row[a * C + k] = 1;
    return row;
  };
  const valueOf = (row: Float64Array) => {
    let v = 0;
    for (let j = 0; j < width; j++) if (row[j] !== 0) v += row[j]! * z[j]!;
    return v;
  };
  const isSmallCount = (v: number) => Math.abs(v) > 1e-9 && Math.abs(v) < t;
  const answers = [...Array(C).keys()].filter((k) => !quiet.has(k));

  // Rows published whatever the cells: earlier releases, and the candidates' sizes and answer counts.
  const fixed: Float64Array[] = [];
  for (const [g, cats] of input.visible) {
    fixed.push(
      sumRow(g, () => true),
      sumRow(g, (k) => !quiet.has(k)),
    );
    for (const k of cats) fixed.push(cellRow(g, k));
  }
  for (const g of input.candidates)
    fixed.push(
      sumRow(g, () => true),
      sumRow(g, (k) => !quiet.has(k)),
    );

  // Sensitive numbers that do not depend on the outcome.
  const sensitive: Float64Array[] = [];
  for (let a = 0; a < A; a++) {
    if (atoms.units[a]!.length >= t) continue;
    for (const k of answers) {
      const row = new Float64Array(width);
      row[a * C + k] = 1;
      sensitive.push(row);
    }
  }
  for (const g of input.small) for (const k of answers) sensitive.push(cellRow(g, k));
  for (const g of [...input.visible.keys(), ...input.candidates])
    for (const k of answers) {
      const row = cellRow(g, k);
      if (isSmallCount(valueOf(row))) sensitive.push(row);
    }
  for (const versions of input.versions)
    for (let i = 0; i < versions.length; i++)
      for (let j = i + 1; j < versions.length; j++)
        for (const k of answers) {
          const row = cellRow(versions[j]!, k);
          const old = cellRow(versions[i]!, k);
          for (let x = 0; x < width; x++) row[x] = row[x]! - old[x]!;
          if (isSmallCount(valueOf(row))) sensitive.push(row);
        }

  const candidateCells = input.candidates.flatMap((g) =>
    answers
      .map((k) => ({ g, k, row: cellRow(g, k), value: 0 }))
      .map((cell) => ({ ...cell, value: valueOf(cell.row) }))
      .sort((x, y) => y.value - x.value),
  );

  const lineSums: Float64Array[] = [];
  for (;;) {
    const shown = greedy(fixed, [...sensitive, ...lineSums], candidateCells, width);
    const hiddenSum = (cells: { g: number; k: number }[]) => {
      const row = new Float64Array(width);
      for (const { g, k } of cells) {
        if (shown.get(g)?.has(k)) continue;
        const r = cellRow(g, k);
        for (let x = 0; x < width; x++) row[x] = row[x]! + r[x]!;
      }
      return row;
    };
    const added: Float64Array[] = [];
    for (const g of input.candidates) {
      const row = hiddenSum(answers.map((k) => ({ g, k })));
      if (isSmallCount(valueOf(row))) added.push(row);
    }
    for (const { whole, parts } of input.partitions) {
      if (!input.candidates.includes(whole) && !input.visible.has(whole)) continue;
      for (const k of answers) {
        const row = hiddenSum(parts.map((g) => ({ g, k })));
        if (isSmallCount(valueOf(row))) added.push(row);
      }
    }
    const fresh = added.filter((r) => !lineSums.some((l) => l.every((x, i) => x === r[i])));
    if (fresh.length === 0) return { shown };
    lineSums.push(...fresh);
  }
}

/** Publishes candidate cells in order while no sensitive row becomes derivable. */
function greedy(
  fixed: readonly Float64Array[],
  sensitive: readonly Float64Array[],
  cells: readonly { g: number; k: number; row: Float64Array }[],
  width: number,
): Map<number, Set<number>> {
  const shown = new Map<number, Set<number>>();
  for (const { g } of cells) shown.set(g, new Set());
  const spaces = PRIMES.map((p) => {
    const basis = new ModBasis(p, width);
    for (const row of fixed) basis.add(row);
    return basis;
  });
  // A sensitive row already derivable from what must be published cannot be helped by
  // hiding cells; it is left to the callers' group-level rules (sizes), and skipped here.
  let watch = sensitive.map((row) => spaces.map((b) => b.reduce(row)));
  watch = watch.filter((forms) => forms.every((f) => f.some((x) => x !== 0)));
  for (const cell of cells) {
    const reduced = spaces.map((b) => b.reduce(cell.row));
    if (reduced.every((r) => r.every((x) => x === 0))) {
      shown.get(cell.g)!.add(cell.k); // Already derivable: showing it tells nothing new.
      continue;
    }
    const exposes = watch.some((forms) => forms.some((f, i) => proportional(f, reduced[i]!, PRIMES[i]!)));
    if (exposes) continue;
    shown.get(cell.g)!.add(cell.k);
    spaces.forEach((b, i) => b.add(reduced[i]!));
    watch = watch.map((forms) => forms.map((f, i) => spaces[i]!.reduce(f)));
  }
  return shown;
}

/** Whether `f` is a multiple of `r` modulo p (both reduced against the same basis, r ≠ 0). */
function proportional(f: Float64Array, r: Float64Array, p: number): boolean {
  const pivot = r.findIndex((x) => x !== 0);
  if (pivot < 0) return false;
  // f = c · r with c = f[pivot] / r[pivot]; check every column.
  const inv = modPow(r[pivot]!, p - 2, p);
  const c = (f[pivot]! * inv) % p;
  for (let j = 0; j < f.length; j++) {
    const expected = (c * r[j]!) % p;
    if (((f[j]! % p) + p) % p !== expected) return false;
  }
  return true;
}

function modPow(base: number, exp: number, p: number): number {
  let result = 1;
  let b = base % p;
  let e = exp;
  while (e > 0) {
    if (e & 1) result = mulMod(result, b, p);
    b = mulMod(b, b, p);
    e = Math.floor(e / 2);
  }
  return result;
}

const mulMod = (a: number, b: number, p: number) => (a * b) % p;

export interface SizeAuditInput {
  /** Every contribution's unit. */
  readonly unitOf: ArrayLike<number>;
  /** All groups: visible ones (sizes shown), candidates, and small groups never published. */
  readonly groups: readonly ArrayLike<number>[];
  readonly visible: readonly number[];
  /** Groups whose size (and so whose figures) to decide, most wanted first. */
  readonly candidates: readonly number[];
  readonly small: readonly number[];
  readonly partitions: readonly { readonly whole: number; readonly parts: readonly number[] }[];
  readonly threshold: number;
}

/**
 * Group sizes are counts too: "all" minus every sector but one is the size of that one. The
 * candidates whose size may be shown (the others are not published at all).
 */
export function auditSizes(input: SizeAuditInput): Set<number> {
  const t = input.threshold;
  const atoms = atomsOf(input);
  const A = atoms.groupsOf.length;
  if (A === 0 || A > MAX_WIDTH) return new Set();
  const sizeOf = (row: Float64Array) => {
    let v = 0;
    for (let a = 0; a < A; a++) if (row[a] !== 0) v += row[a]! * atoms.units[a]!.length;
    return v;
  };
  const small = (v: number) => v > 0 && v < t;
  const fixed = input.visible.map((g) => atoms.incidence[g]!);
  const sensitive: Float64Array[] = [];
  for (let a = 0; a < A; a++)
    if (atoms.units[a]!.length < t) {
      const row = new Float64Array(A);
      row[a] = 1;
      sensitive.push(row);
    }
  for (const g of input.small) sensitive.push(atoms.incidence[g]!);
  const cells = input.candidates.map((g) => ({ g, k: 0, row: atoms.incidence[g]! }));
  for (;;) {
    const shown = new Set(
      [...greedy(fixed, sensitive, cells, A)].filter(([, ks]) => ks.has(0)).map(([g]) => g),
    );
    const added: Float64Array[] = [];
    for (const { whole, parts } of input.partitions) {
      if (!shown.has(whole) && !input.visible.includes(whole)) continue;
      const row = new Float64Array(A);
      for (const g of parts)
        if (!shown.has(g) && !input.visible.includes(g))
          atoms.incidence[g]!.forEach((x, a) => (row[a] = row[a]! + x));
      if (small(sizeOf(row)) && !sensitive.some((s) => s.every((x, i) => x === row[i]))) added.push(row);
    }
    if (added.length === 0) return shown;
    sensitive.push(...added);
  }
}
