/**
 * Attackers of count tables (distributions, stages). The unknowns are, per atom (versions that
 * every group the attacker knows of treats alike) and category, how many versions fall there.
 * What the attacker knows: every atom's size (membership is public), and every published cell
 * and answer count n of every publication anyone has seen.
 *
 * - The linear attacker adds and subtracts published numbers (exact rationals) and uses that a
 *   count is never negative: a published 0 empties every atom under it, a cell equal to its
 *   group's size fills every atom under it.
 * - The integer attacker enumerates every table of non-negative integers consistent with what
 *   is published (and, optionally, with published quartiles of the same values), and reads off
 *   every sum over a set of atoms that all of them agree on.
 */
import { figurePlans } from '../../../src/core/figures/plan.ts';
import type { OrganisationVersion, ReleaseContent } from '../../../src/core/release/types.ts';
import type { Instrument } from '../../../src/core/instrument/types.ts';
import { ExactSpace } from './exact.ts';
import { type7 as quantile } from './quantile.ts';
import { definedGroups, membersAt, seenPublications, valueOf, type Seen } from './world.ts';

export interface CountLeaf {
  readonly figure: string;
  readonly leaf: number;
  readonly categories: readonly string[];
  /** Category of a version, -1 for none (a "no answer": the quiet category). */
  readonly categoryOf: (v: OrganisationVersion) => number;
}

export function countLeaf(instrument: Instrument, figure: string): CountLeaf {
  const plan = figurePlans(instrument).find((p) => p.figure.id === figure)!;
  const leaf = plan.leaves[0]!;
  if (leaf.kind === 'distribution')
    return {
      figure,
      leaf: 0,
      categories: leaf.categories,
      categoryOf: (v) => {
        const x = valueOf(instrument, v, leaf.ref);
        return x === null ? -1 : leaf.categoryOf(x);
      },
    };
  if (leaf.kind === 'stages')
    return {
      figure,
      leaf: 0,
      categories: leaf.categories,
      categoryOf: (v) => (v.stage ? leaf.categories.indexOf(v.stage) : -1),
    };
  throw new Error(`${figure} is not a count figure`);
}

export interface CountFinding {
  /** How it was found: published as such, or derived. */
  readonly how: 'published' | 'published line' | 'linear' | 'integer';
  readonly what: string;
  readonly value: number;
}

export interface CountWorld {
  readonly instrument: Instrument;
  readonly versions: readonly OrganisationVersion[];
  readonly releases: readonly ReleaseContent[];
  readonly k: number;
}

interface Atom {
  readonly members: number[];
  readonly units: Set<number>;
}

interface Setup {
  readonly pubs: Seen[];
  readonly groups: { name: string; members: number[] }[];
  readonly atoms: Atom[];
  readonly atomOf: Map<number, number>;
  /** Categories per atom: the leaf's categories and the quiet one last. */
  readonly C: number;
  readonly truth: number[];
  /** Published equations: columns (atom × category) with coefficient 1, and the value. */
  readonly equations: { cols: number[]; value: number; what: string }[];
}

const col = (C: number, a: number, c: number) => a * (C + 1) + c;

function setup(
  w: CountWorld,
  leaf: CountLeaf,
  extraGroups: { name: string; members: number[] }[] = [],
): Setup {
  const pubs = seenPublications(w.instrument, w.versions, w.releases).filter(
    (s) => s.pub.sector?.[leaf.figure]?.[leaf.leaf]?.kind === 'counts',
  );
  const groups = new Map<string, { name: string; members: number[] }>();
  for (const s of pubs) groups.set(s.members.join(','), { name: s.key, members: s.members });
  for (const g of definedGroups(w.instrument, w.versions, w.releases))
    if (!groups.has(g.members.join(',')))
      groups.set(g.members.join(','), { name: g.key, members: g.members });
  for (const g of extraGroups)
    if (!groups.has(g.members.join(',')))
      groups.set(g.members.join(','), { name: g.name, members: g.members });
  const list = [...groups.values()];
  const signature = new Map<number, number[]>();
  list.forEach((g, gi) => {
    for (const m of g.members) signature.set(m, [...(signature.get(m) ?? []), gi]);
  });
  const bySig = new Map<string, Atom>();
  const atomOf = new Map<number, number>();
  const atoms: Atom[] = [];
  for (const [m, sig] of [...signature].sort((a, b) => a[0] - b[0])) {
    const key = sig.join(',');
    let atom = bySig.get(key);
    if (!atom) {
      atom = { members: [], units: new Set() };
      bySig.set(key, atom);
      atoms.push(atom);
    }
    atom.members.push(m);
    atom.units.add(w.versions[m]!.organisation);
    atomOf.set(m, atoms.indexOf(atom));
  }
  const C = leaf.categories.length;
  const truth = new Array<number>(atoms.length * (C + 1)).fill(0);
  for (const [m, a] of atomOf) {
    const c = leaf.categoryOf(w.versions[m]!);
    truth[col(C, a, c < 0 ? C : c)]!++;
  }
  const equations: Setup['equations'] = [];
  atoms.forEach((atom, a) =>
    equations.push({
      cols: [...Array(C + 1).keys()].map((c) => col(C, a, c)),
      value: atom.members.length,
      what: `size of atom ${a}`,
    }),
  );
  const colsOf = (members: readonly number[], cats: readonly number[]) => {
    const as = [...new Set(members.map((m) => atomOf.get(m)!))];
    return as.flatMap((a) => cats.map((c) => col(C, a, c)));
  };
  for (const s of pubs) {
    const shown = s.pub.sector![leaf.figure]![leaf.leaf]!;
    if (shown.kind !== 'counts') continue;
    if (shown.n !== null)
      equations.push({ cols: colsOf(s.members, [...Array(C).keys()]), value: shown.n, what: `${s.key} n` });
    shown.counts.forEach((x, c) => {
      if (x !== null)
        equations.push({ cols: colsOf(s.members, [c]), value: x, what: `${s.key} ${leaf.categories[c]}` });
    });
  }
  return { pubs, groups: list, atoms, atomOf, C, truth, equations };
}

const valueAt = (truth: readonly number[], cols: readonly number[]) =>
  cols.reduce((s, j) => s + truth[j]!, 0);

/** Published cells and lines that break the rule as they stand. */
export function publishedCountProblems(w: CountWorld, leaf: CountLeaf): CountFinding[] {
  const { k } = w;
  const out: CountFinding[] = [];
  const small = (v: number) => v >= 1 && v < k;
  const pubs = seenPublications(w.instrument, w.versions, w.releases);
  for (const s of pubs) {
    const shown = s.pub.sector?.[leaf.figure]?.[leaf.leaf];
    if (shown?.kind !== 'counts') continue;
    // Without n, the line runs through "no answer" too: only the whole of it is size − Σ shown.
    let hidden = shown.n === null ? s.members.filter((m) => leaf.categoryOf(w.versions[m]!) < 0).length : 0;
    shown.counts.forEach((x, c) => {
      if (x !== null && small(x))
        out.push({ how: 'published', what: `${s.key} ${leaf.categories[c]}`, value: x });
      if (x === null) hidden += s.members.filter((m) => leaf.categoryOf(w.versions[m]!) === c).length;
    });
    if (small(hidden))
      out.push({ how: 'published line', what: `${s.key}: hidden cells together`, value: hidden });
  }
  // The parts of a partition, per category: the whole published, parts hidden or not published.
  for (const r of w.releases) {
    const whole = r.groups.find((g) => g.group === 'all')?.publication;
    if (whole?.release !== r.number || whole.sector?.[leaf.figure]?.[leaf.leaf]?.kind !== 'counts') continue;
    for (const kinds of [['sector'], ['best', 'rest']]) {
      const states = r.groups.filter((g) => kinds.includes(g.kind));
      leaf.categories.forEach((name, c) => {
        const wholeShown = whole.sector?.[leaf.figure]?.[leaf.leaf];
        if (wholeShown?.kind !== 'counts' || wholeShown.counts[c] === null) return;
        let hidden = 0;
        for (const g of states) {
          const shown =
            g.publication?.release === r.number
              ? g.publication.sector?.[leaf.figure]?.[leaf.leaf]
              : undefined;
          if (shown?.kind === 'counts' && shown.counts[c] !== null) continue;
          hidden += membersAt(w.instrument, w.versions, r.number, g.predicate).filter(
            (x) => leaf.categoryOf(w.versions[x]!) === c,
          ).length;
        }
        if (states.length > 0 && small(hidden))
          out.push({
            how: 'published line',
            what: `release ${r.number}: ${kinds.join('/')} parts in ${name}, hidden together`,
            value: hidden,
          });
      });
    }
  }
  return out;
}

/** The linear attacker, with non-negativity: every small count it can pin down. */
export function linearCountAttack(w: CountWorld, leaf: CountLeaf): CountFinding[] {
  const st = setup(w, leaf);
  const { C, atoms, truth } = st;
  const width = atoms.length * (C + 1);
  const space = new ExactSpace(width);
  const unit = (j: number) => {
    const row = new Array<number>(width).fill(0);
    row[j] = 1;
    return row;
  };
  const rowOf = (cols: readonly number[]) => {
    const row = new Array<number>(width).fill(0);
    for (const j of cols) row[j] = 1;
    return row;
  };
  const capacity = (j: number) => atoms[Math.floor(j / (C + 1))]!.members.length;
  for (const e of st.equations) {
    space.add(rowOf(e.cols));
    // Non-negativity: a sum of 0 is 0 everywhere; a sum at its maximum is full everywhere.
    if (e.value === 0 || e.value === e.cols.reduce((s, j) => s + capacity(j), 0))
      for (const j of e.cols) space.add(unit(j));
  }
  const colsOf = (members: readonly number[], cats: readonly number[]) => {
    const as = [...new Set(members.map((m) => st.atomOf.get(m)!))];
    return as.flatMap((a) => cats.map((c) => col(C, a, c)));
  };
  const targets: { what: string; cols: number[] }[] = [];
  atoms.forEach((atom, a) => {
    for (let c = 0; c < C; c++)
      targets.push({
        what: `atom ${a} (organisations ${[...atom.units].join(',')}) ${leaf.categories[c]}`,
        cols: [col(C, a, c)],
      });
  });
  const sets: { name: string; members: number[] }[] = [...st.groups];
  for (const g of st.groups)
    for (const h of st.groups) {
      if (g === h) continue;
      const hs = new Set(h.members);
      const minus = g.members.filter((m) => !hs.has(m));
      const both = g.members.filter((m) => hs.has(m));
      if (minus.length > 0 && minus.length < g.members.length)
        sets.push({ name: `${g.name} minus ${h.name}`, members: minus });
      if (both.length > 0 && both.length < g.members.length)
        sets.push({ name: `${g.name} and ${h.name}`, members: both });
    }
  for (const s of sets)
    for (let c = 0; c < C; c++)
      targets.push({ what: `${s.name} ${leaf.categories[c]}`, cols: colsOf(s.members, [c]) });

  // Zeros the attacker works out empty the atoms under them too (until nothing changes).
  for (let changed = true; changed;) {
    changed = false;
    for (const t of targets) {
      if (valueAt(truth, t.cols) !== 0 || t.cols.length < 2) continue;
      if (t.cols.every((j) => space.contains(unit(j)))) continue;
      if (space.contains(rowOf(t.cols))) {
        for (const j of t.cols) space.add(unit(j));
        changed = true;
      }
    }
  }
  const out: CountFinding[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
    const v = valueAt(truth, t.cols);
    if (v < 1 || v >= w.k) continue;
    const key = [...t.cols].sort((a, b) => a - b).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    if (space.contains(rowOf(t.cols))) out.push({ how: 'linear', what: t.what, value: v });
  }
  return out;
}

/** A published quartile the integer attacker may use (the values are whole category points). */
export interface QuartileFact {
  readonly name: string;
  readonly members: number[];
  readonly exact: { q1: number; median: number; q3: number } | null;
  readonly band: readonly [number, number] | null;
  /** The value of category c (e.g. c + 1 on a 1–5 scale). */
  readonly pointOf: (c: number) => number;
}

/**
 * The integer attacker. Enumerates every table consistent with what is published (up to
 * `limit` tables) and returns the sums over sets of atoms, per category, that are the same in
 * all of them and hold between 1 and k − 1 versions.
 */
export function integerCountAttack(
  w: CountWorld,
  leaf: CountLeaf,
  quartiles: readonly QuartileFact[] = [],
  limit = 200_000,
): { findings: CountFinding[]; tables: number; atoms: number } {
  const st = setup(
    w,
    leaf,
    quartiles.map((q) => ({ name: q.name, members: q.members })),
  );
  const { C, atoms, truth } = st;
  const A = atoms.length;
  if (A > 14) throw new Error(`too many atoms for the integer attacker: ${A}`);
  const K = C + 1;
  const eqs = st.equations.filter((e) => !e.what.startsWith('size of atom'));
  const quartileCols = quartiles.map((q) => {
    const as = [...new Set(q.members.map((m) => st.atomOf.get(m)!))];
    return { q, as };
  });
  // Each equation's columns by atom, to check partial sums as atoms are filled in order.
  const lastAtom = eqs.map((e) => Math.max(...e.cols.map((j) => Math.floor(j / K))));
  const cap = eqs.map((e) => e.cols.map((j) => ({ a: Math.floor(j / K), j })));
  const y = new Array<number>(A * K).fill(0);
  const lo: number[] = [];
  const hi: number[] = [];
  const subsets = 1 << A;
  for (let s = 0; s < subsets * C; s++) {
    lo.push(Infinity);
    hi.push(-Infinity);
  }
  let tables = 0;
  const sums = new Float64Array(subsets);
  const record = () => {
    for (const { q, as } of quartileCols) {
      const sorted: number[] = [];
      for (let c = 0; c < C; c++) {
        let n = 0;
        for (const a of as) n += y[a * K + c]!;
        for (let i = 0; i < n; i++) sorted.push(q.pointOf(c));
      }
      if (q.exact) {
        const ok =
          Math.abs(quantile(sorted, 0.25)! - q.exact.q1) < 1e-9 &&
          Math.abs(quantile(sorted, 0.5)! - q.exact.median) < 1e-9 &&
          Math.abs(quantile(sorted, 0.75)! - q.exact.q3) < 1e-9;
        if (!ok) return;
      }
      if (q.band) {
        const m = quantile(sorted, 0.5)!;
        if (m < q.band[0] - 1e-9 || m > q.band[1] + 1e-9) return;
      }
    }
    tables++;
    for (let c = 0; c < C; c++) {
      for (let s = 1; s < subsets; s++) {
        const low = s & -s;
        const a = 31 - Math.clz32(low);
        sums[s] = sums[s ^ low]! + y[a * K + c]!;
        const at = s * C + c;
        if (sums[s]! < lo[at]!) lo[at] = sums[s]!;
        if (sums[s]! > hi[at]!) hi[at] = sums[s]!;
      }
    }
  };
  const consistent = (upTo: number) => {
    for (let e = 0; e < eqs.length; e++) {
      let partial = 0;
      let room = 0;
      for (const { a, j } of cap[e]!) {
        if (a <= upTo) partial += y[j]!;
        else room += atoms[a]!.members.length;
      }
      const v = eqs[e]!.value;
      if (lastAtom[e]! <= upTo ? partial !== v : partial > v || partial + room < v) return false;
    }
    return true;
  };
  const fill = (a: number) => {
    if (tables >= limit) return;
    if (a === A) {
      record();
      return;
    }
    const size = atoms[a]!.members.length;
    const place = (c: number, left: number) => {
      if (c === C) {
        y[a * K + c] = left;
        if (consistent(a)) fill(a + 1);
        return;
      }
      for (let x = 0; x <= left; x++) {
        y[a * K + c] = x;
        place(c + 1, left - x);
      }
      y[a * K + c] = 0;
    };
    place(0, size);
  };
  fill(0);
  const findings: CountFinding[] = [];
  if (tables === 0) throw new Error('the true table was not found: the attacker is wrong');
  for (let s = 1; s < subsets; s++)
    for (let c = 0; c < C; c++) {
      const at = s * C + c;
      if (lo[at] !== hi[at]) continue;
      const v = lo[at]!;
      if (v < 1 || v >= w.k) continue;
      const members = [...Array(A).keys()].filter((a) => s & (1 << a));
      const truthV = members.reduce((t, a) => t + truth[col(C, a, c)]!, 0);
      if (truthV !== v) throw new Error('the attacker derived a wrong value');
      const orgs = [...new Set(members.flatMap((a) => [...atoms[a]!.units]))].sort((p, q) => p - q);
      findings.push({
        how: 'integer',
        what: `organisations ${orgs.join(',')} in ${leaf.categories[c]}`,
        value: v,
      });
    }
  return { findings, tables, atoms: A };
}
