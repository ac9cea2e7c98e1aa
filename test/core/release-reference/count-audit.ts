/**
 * The audit of frequency tables: counts of units per category (a distribution, the stages,
 * who answered at all). Unlike a mean, a count is sensitive by its own value: a cell of 1 to
 * threshold − 1 says that a handful of units answered that way, so it must not be published
 * and must not be derivable from what is published — by subtraction within a table, across
 * tables that share margins, between two releases, or by reasoning that no count is negative.
 *
 * The attacker is assumed to know who is in every group, so the size of every atom (the units
 * that every group treats alike). The unknowns are the counts per atom and category.
 * Published cells and answer counts are rows over them. On top of adding and subtracting rows,
 * the attacker uses that counts are never negative: a derivable sum of 0 empties every cell
 * under it, and a derivable sum equal to the units under it empties every other category of
 * those atoms. A sensitive number — any count of 1 … threshold − 1 over an atom, a group, the
 * difference or overlap of two groups, or the change of a group between releases, and any cell
 * that holds all of the units under it (then it says what each of them answered) — is safe
 * while its row stays outside what the attacker can derive.
 *
 * Cells of the candidate groups are published greedily, the answer count first and then the
 * largest cells, each only if it makes no sensitive number derivable (complementary
 * suppression). Then every line (a group's categories, the parts of a partition for one
 * category) whose hidden cells hold 1 … threshold − 1 units together makes that pooled count
 * sensitive too, and the greedy pass runs again, until nothing changes.
 */
import { atomsOf, type Atoms } from './atoms.ts';
import { ModBasis, PRIMES } from '../../../src/core/disclosure/linear.ts';

export interface CountTableInput {
  /** Every contribution's unit and category (0 … categories − 1). */
  readonly unitOf: ArrayLike<number>;
  readonly categoryOf: ArrayLike<number>;
  readonly categories: number;
  /**
   * Categories that are not answers ("no answer"): never published as cells, but counted like
   * any other (that one organisation did not answer is a count of one too).
   */
  readonly quiet?: ReadonlySet<number>;
  /**
   * Categories that are answers someone gave (default: every category that is not quiet). A
   * cell that holds every unit under it says what each of them answered, however many they
   * are, so such "full" cells are sensitive too; not so for bookkeeping tables such as who
   * answered at all.
   */
  readonly answerCategories?: ReadonlySet<number>;
  /** All groups: visible ones, candidates, and current groups that are not published. */
  readonly groups: readonly ArrayLike<number>[];
  /** Visible groups (earlier releases), with the categories they showed. */
  readonly visible: ReadonlyMap<number, ReadonlySet<number>>;
  /** Visible groups whose answer count was shown. */
  readonly visibleAnswered?: ReadonlySet<number>;
  /** Groups to decide, most wanted first. */
  readonly candidates: readonly number[];
  /** Current groups that publish nothing (too small, or hidden by the group rules). */
  readonly hidden: readonly number[];
  /** Versions of one group across releases: the change of each cell is a count too. */
  readonly versions: readonly (readonly number[])[];
  /** Partitions: `whole` is the sum of `parts` (in one release). */
  readonly partitions: readonly { readonly whole: number; readonly parts: readonly number[] }[];
  readonly threshold: number;
}

export interface CountTableResult {
  /** For each candidate, the categories whose counts may be published. */
  readonly shown: ReadonlyMap<number, ReadonlySet<number>>;
  /** The candidates whose answer count (units in a category that is not quiet) may be published. */
  readonly answered: ReadonlySet<number>;
}

/** Width above which the audit does not try and publishes no candidate cell. */
const MAX_WIDTH = 6_000;

/** A 0/1 (or ±1) row over atom × category columns. */
interface Row {
  readonly dense: Float64Array;
  readonly value: number;
}

export function auditCounts(input: CountTableInput): CountTableResult {
  const { categories: C, threshold: t } = input;
  const quiet = input.quiet ?? new Set<number>();
  const atoms = atomsOf(input);
  const A = atoms.groupsOf.length;
  const width = A * C;
  const nothing: CountTableResult = {
    shown: new Map(input.candidates.map((g) => [g, new Set<number>()])),
    answered: new Set(),
  };
  if (width === 0 || width > MAX_WIDTH) return nothing;

  const z = new Float64Array(width);
  const atomSize = new Float64Array(A);
  for (let c = 0; c < input.unitOf.length; c++) {
    const a = atoms.atomOf[c]!;
    if (a < 0) continue;
    z[a * C + input.categoryOf[c]!]! += 1;
    atomSize[a]! += 1;
  }
  const rows = new RowMaker(atoms, C, z);
  const answers = [...Array(C).keys()].filter((k) => !quiet.has(k));
  const everyCategory = [...Array(C).keys()];
  const isSmall = (v: number) => Math.abs(v) > 1e-9 && Math.abs(v) < t;

  // What anyone knows whatever is decided: atom sizes, and what earlier releases showed.
  const fixed: Float64Array[] = [];
  for (let a = 0; a < A; a++) {
    const row = new Float64Array(width);
    for (let k = 0; k < C; k++) row[a * C + k] = 1;
    fixed.push(row);
  }
  for (const [g, cats] of input.visible) {
    if (input.visibleAnswered?.has(g)) fixed.push(rows.group(g, answers).dense);
    for (const k of cats) fixed.push(rows.group(g, [k]).dense);
  }

  // The family of sums the attacker looks at: atoms, groups, and differences and overlaps of
  // two groups of the same release, per category (the "no answer" category included). Only
  // their values are needed to sort them; rows are built for the few that matter.
  const answerCats = input.answerCategories ?? new Set(answers);
  const sensitive: Row[] = [];
  const openers: Opener[] = [];
  const seen = new Set<string>();
  const consider = (list: readonly number[], k: number) => {
    if (list.length === 0) return;
    let value = 0;
    let capacity = 0;
    for (const a of list) {
      value += z[a * C + k]!;
      capacity += atomSize[a]!;
    }
    const small = isSmall(value);
    const full = value > 0 && value === capacity && answerCats.has(k);
    const opens = value === 0 || value === capacity;
    if (!small && !full && !opens) return;
    const key = `${k}:${list.join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    const row = rows.over(list, k);
    if (small || full) sensitive.push(row);
    if (opens) {
      const zeros = zerosOpenedBy(row, C, atomSize, z);
      if (zeros.length > 0) openers.push({ row: row.dense, zeros });
    }
  };
  const atomsOfGroup = (g: number) => {
    const inc = atoms.incidence[g]!;
    const out: number[] = [];
    for (let a = 0; a < A; a++) if (inc[a] === 1) out.push(a);
    return out;
  };
  // Groups of earlier releases too: the part of the round of release 1 outside the kommuner of
  // release 3 is a set like any other.
  const inPlay = [...new Set([...input.candidates, ...input.hidden, ...input.visible.keys()])];
  for (let a = 0; a < A; a++) for (const k of everyCategory) consider([a], k);
  for (const g of inPlay) for (const k of everyCategory) consider(atomsOfGroup(g), k);
  for (let i = 0; i < inPlay.length; i++)
    for (let j = 0; j < inPlay.length; j++) {
      if (i === j) continue;
      const inI = atoms.incidence[inPlay[i]!]!;
      const inJ = atoms.incidence[inPlay[j]!]!;
      const minus: number[] = [];
      const both: number[] = [];
      for (let a = 0; a < A; a++) {
        if (inI[a] === 1 && inJ[a] !== 1) minus.push(a);
        if (inI[a] === 1 && inJ[a] === 1 && i < j) both.push(a);
      }
      for (const k of everyCategory) {
        consider(minus, k);
        consider(both, k);
      }
    }
  for (const versions of input.versions)
    for (let i = 0; i < versions.length; i++)
      for (let j = i + 1; j < versions.length; j++)
        for (const k of everyCategory) {
          const now = rows.group(versions[j]!, [k]);
          const then = rows.group(versions[i]!, [k]);
          if (!isSmall(now.value - then.value)) continue;
          const dense = Float64Array.from(now.dense, (x, c) => x - then.dense[c]!);
          sensitive.push({ dense, value: now.value - then.value });
        }

  const candidateRows = input.candidates.flatMap((g) => [
    { g, k: -1, row: rows.group(g, answers) },
    ...answers.map((k) => ({ g, k, row: rows.group(g, [k]) })).sort((x, y) => y.row.value - x.row.value),
  ]);

  const pooled: Row[] = [];
  for (;;) {
    const decided = greedy(width, fixed, [...sensitive, ...pooled], openers, candidateRows);
    const isShown = (g: number, k: number) => decided.shown.get(g)?.has(k) ?? false;
    const hiddenSum = (cells: { g: number; k: number }[]): Row => {
      const dense = new Float64Array(width);
      let value = 0;
      for (const { g, k } of cells) {
        if (isShown(g, k)) continue;
        const r = rows.group(g, [k]);
        for (let x = 0; x < width; x++) dense[x] = dense[x]! + r.dense[x]!;
        value += r.value;
      }
      return { dense, value };
    };
    const added: Row[] = [];
    // A group's line, with and without "no answer" (its size is known; its n may be).
    for (const g of input.candidates) {
      added.push(hiddenSum(answers.map((k) => ({ g, k }))));
      added.push(hiddenSum(everyCategory.map((k) => ({ g, k }))));
    }
    for (const { whole, parts } of input.partitions) {
      if (!input.candidates.includes(whole) && !input.visible.has(whole)) continue;
      for (const k of answers) added.push(hiddenSum(parts.map((g) => ({ g, k }))));
    }
    const known = new Set([...sensitive, ...pooled].map(keyOf));
    const fresh = dedupe(added.filter((r) => isSmall(r.value) && !known.has(keyOf(r))));
    if (fresh.length === 0) return decided;
    pooled.push(...fresh);
  }
}

class RowMaker {
  private readonly width: number;
  constructor(
    private readonly atoms: Atoms,
    private readonly C: number,
    private readonly z: Float64Array,
  ) {
    this.width = atoms.groupsOf.length * C;
  }

  over(list: readonly number[], k: number): Row {
    const dense = new Float64Array(this.width);
    let value = 0;
    for (const a of list) {
      dense[a * this.C + k] = 1;
      value += this.z[a * this.C + k]!;
    }
    return { dense, value };
  }

  group(g: number, cats: readonly number[]): Row {
    const dense = new Float64Array(this.width);
    let value = 0;
    const inc = this.atoms.incidence[g]!;
    for (let a = 0; a < inc.length; a++) {
      if (inc[a] !== 1) continue;
      for (const k of cats) {
        dense[a * this.C + k] = 1;
        value += this.z[a * this.C + k]!;
      }
    }
    return { dense, value };
  }
}

const keyOf = (r: Row) => {
  const parts: string[] = [];
  r.dense.forEach((x, j) => x !== 0 && parts.push(`${j}:${x}`));
  return parts.join(',');
};

function dedupe(list: readonly Row[]): Row[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const key = keyOf(r);
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Columns a derivable sum of 0 (or a full one) shows to be empty; only those that are empty. */
function zerosOpenedBy(r: Row, C: number, atomSize: Float64Array, z: Float64Array): number[] {
  const out: number[] = [];
  for (let a = 0; a < atomSize.length; a++) {
    const cols = [...Array(C).keys()].map((k) => a * C + k);
    if (!cols.some((j) => r.dense[j] !== 0)) continue;
    for (const j of cols) {
      const opened = r.value === 0 ? r.dense[j] !== 0 : r.dense[j] === 0;
      if (opened && z[j] === 0) out.push(j);
    }
  }
  return out;
}

interface Opener {
  readonly row: Float64Array;
  readonly zeros: readonly number[];
}

/**
 * The attacker's knowledge: a row space modulo both primes (derivable when either prime says
 * so: the safe side), closed under the zeros that non-negativity gives away.
 */
class Knowledge {
  private constructor(
    readonly bases: ModBasis[],
    readonly opened: Set<number>,
  ) {}

  static of(width: number, rows: readonly ArrayLike<number>[]): Knowledge {
    const k = new Knowledge(
      PRIMES.map((p) => new ModBasis(p, width)),
      new Set(),
    );
    for (const r of rows) k.add(r);
    return k;
  }

  clone(): Knowledge {
    return new Knowledge(
      this.bases.map((b) => b.clone()),
      new Set(this.opened),
    );
  }

  add(row: ArrayLike<number>): void {
    for (const b of this.bases) b.add(row);
  }

  derivable(row: ArrayLike<number>): boolean {
    return this.bases.some((b) => b.contains(row));
  }

  /** Adds the zeros of every opener that has become derivable, until none is left. */
  close(openers: readonly Opener[]): void {
    const width = this.bases[0]!.width;
    for (let changed = true; changed;) {
      changed = false;
      for (let i = 0; i < openers.length; i++) {
        const o = openers[i]!;
        if (this.opened.has(i) || !this.derivable(o.row)) continue;
        this.opened.add(i);
        for (const j of o.zeros) {
          const unit = new Float64Array(width);
          unit[j] = 1;
          this.add(unit);
        }
        changed = true;
      }
    }
  }
}

/**
 * Rows reduced against a growing basis, kept up to date cheaply: adding one reduced row r
 * with pivot q changes a reduced f into f − f[q] · r / r[q].
 */
class Watched {
  forms: Float64Array[][];
  constructor(
    readonly rows: readonly Float64Array[],
    knowledge: Knowledge,
  ) {
    this.forms = rows.map((r) => knowledge.bases.map((b) => b.reduce(r)));
  }

  /** Rows that adding `reduced` (one form per prime) would make derivable, by index. */
  /** Whether adding `reduced` (one form per prime) would make some watched row derivable. */
  anyBecoming(reduced: readonly Float64Array[]): boolean {
    for (const forms of this.forms)
      for (let p = 0; p < forms.length; p++)
        if (proportional(forms[p]!, reduced[p]!, PRIMES[p]!)) return true;
    return false;
  }

  update(reduced: readonly Float64Array[]): void {
    for (let p = 0; p < reduced.length; p++) {
      const r = reduced[p]!;
      const q = r.findIndex((x) => x !== 0);
      if (q < 0) continue;
      const prime = PRIMES[p]!;
      const inv = modPow(r[q]!, prime - 2, prime);
      // The non-zero columns of r, once.
      const cols: number[] = [];
      for (let j = 0; j < r.length; j++) if (r[j] !== 0) cols.push(j);
      for (const forms of this.forms) {
        const f = forms[p]!;
        if (f[q] === 0) continue;
        const c = mulMod(f[q]!, inv, prime);
        for (const j of cols) f[j] = mod(f[j]! - mulMod(c, r[j]!, prime), prime);
      }
    }
  }
}

/** Publishes candidate rows in order while no sensitive row becomes derivable. */
function greedy(
  width: number,
  fixed: readonly Float64Array[],
  sensitiveRows: readonly Row[],
  openers: readonly Opener[],
  cells: readonly { g: number; k: number; row: Row }[],
): CountTableResult {
  const shown = new Map<number, Set<number>>();
  const answered = new Set<number>();
  for (const { g } of cells) shown.set(g, new Set());
  const publish = (g: number, k: number) => (k < 0 ? answered.add(g) : shown.get(g)!.add(k));

  let knowledge = Knowledge.of(width, fixed);
  knowledge.close(openers);
  // A sensitive row derivable from what was published before cannot be helped by hiding
  // cells now (the refresh rules keep that from happening); it is left out of the watch.
  const watchedSensitive = () =>
    new Watched(
      sensitiveRows.map((r) => r.dense).filter((r) => !knowledge.derivable(r)),
      knowledge,
    );
  const watchedOpeners = () =>
    new Watched(
      openers.filter((_, i) => !knowledge.opened.has(i)).map((o) => o.row),
      knowledge,
    );
  let sensitive = watchedSensitive();
  let pending = watchedOpeners();

  for (const cell of cells) {
    const reduced = knowledge.bases.map((b) => b.reduce(cell.row.dense));
    if (reduced.some((r) => r.every((x) => x === 0))) {
      publish(cell.g, cell.k); // Already derivable: showing it tells nothing new.
      continue;
    }
    if (!pending.anyBecoming(reduced)) {
      if (sensitive.anyBecoming(reduced)) continue;
      publish(cell.g, cell.k);
      knowledge.add(cell.row.dense);
      sensitive.update(reduced);
      pending.update(reduced);
      continue;
    }
    // The cell would give zeros away: try it on a copy, zeros included.
    const trial = knowledge.clone();
    trial.add(cell.row.dense);
    trial.close(openers);
    if (sensitive.rows.some((r) => trial.derivable(r))) continue;
    publish(cell.g, cell.k);
    knowledge = trial;
    sensitive = watchedSensitive();
    pending = watchedOpeners();
  }
  return { shown, answered };
}

const mod = (x: number, p: number) => {
  const r = x % p;
  return r < 0 ? r + p : r;
};

/** Exact in doubles: 0 ≤ a, b < p < 2^26, so a · b < 2^52. */
const mulMod = (a: number, b: number, p: number) => (a * b) % p;

function modPow(base: number, exp: number, p: number): number {
  let result = 1;
  let b = mod(base, p);
  let e = exp;
  while (e > 0) {
    if (e & 1) result = mulMod(result, b, p);
    b = mulMod(b, b, p);
    e = Math.floor(e / 2);
  }
  return result;
}

/** Whether `f` is a multiple of `r` modulo p (both reduced against the same basis, r ≠ 0). */
function proportional(f: Float64Array, r: Float64Array, p: number): boolean {
  const pivot = r.findIndex((x) => x !== 0);
  if (pivot < 0) return false;
  const c = mulMod(f[pivot]!, modPow(r[pivot]!, p - 2, p), p);
  for (let j = 0; j < f.length; j++) if (mod(f[j]!, p) !== mulMod(c, r[j]!, p)) return false;
  return true;
}

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
 * candidates whose size may be shown (the others are not published at all). Sizes are a table
 * of one category, audited the same way (atom sizes are not assumed known here: they are what
 * is being protected).
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
  const asRow = (dense: Float64Array): Row => ({ dense, value: sizeOf(dense) });
  const small = (v: number) => v > 0 && v < t;
  const fixed = input.visible.map((g) => atoms.incidence[g]!);
  const sensitive: Row[] = [];
  for (let a = 0; a < A; a++)
    if (atoms.units[a]!.length < t) {
      const row = new Float64Array(A);
      row[a] = 1;
      sensitive.push(asRow(row));
    }
  for (const g of input.small) sensitive.push(asRow(atoms.incidence[g]!));
  const cells = input.candidates.map((g) => ({ g, k: 0, row: asRow(atoms.incidence[g]!) }));
  for (;;) {
    const decided = greedy(A, fixed, sensitive, [], cells);
    const shown = new Set([...decided.shown].filter(([, ks]) => ks.has(0)).map(([g]) => g));
    const added: Row[] = [];
    for (const { whole, parts } of input.partitions) {
      if (!shown.has(whole) && !input.visible.includes(whole)) continue;
      const row = new Float64Array(A);
      for (const g of parts)
        if (!shown.has(g) && !input.visible.includes(g))
          atoms.incidence[g]!.forEach((x, a) => (row[a] = row[a]! + x));
      const r = asRow(row);
      if (small(r.value) && !sensitive.some((s) => keyOf(s) === keyOf(r))) added.push(r);
    }
    if (added.length === 0) return shown;
    sensitive.push(...added);
  }
}
