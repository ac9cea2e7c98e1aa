/**
 * The additive attacker: every published mean times its n is a sum over the organisations
 * (versions) that contribute to it, and every publication's `respondents` is a sum too. The
 * unknowns are the versions' values; the attacker looks for any combination of published sums
 * that is a sum over fewer than k organisations — a single organisation's value, the total of a
 * hidden small group, the difference made by a few. An insider also knows their own
 * organisation's values and subtracts them.
 */
import { evaluateLeaf } from '../../../src/core/figures/evaluate.ts';
import { figurePlans } from '../../../src/core/figures/plan.ts';
import { unitTable } from '../../../src/core/release/build.ts';
import type { OrganisationVersion, ReleaseContent } from '../../../src/core/release/types.ts';
import type { Instrument } from '../../../src/core/instrument/types.ts';
import { combinationOf, smallCombination, type Row } from './exact.ts';
import { seenPublications } from './world.ts';

export interface SumRow {
  /** Which publication and figure. */
  readonly what: string;
  /** Contributing versions (indices into `versions`). */
  readonly members: readonly number[];
  /** The published sum (mean × n), for the report. */
  readonly sum: number;
}

export interface SumSystem {
  /** The leaves that share these rows. */
  readonly leaves: string[];
  readonly rows: SumRow[];
  /** Each version's own value in this system (the first leaf's), for the report. */
  readonly valueOf: (version: number) => number;
}

export interface World {
  readonly instrument: Instrument;
  readonly versions: readonly OrganisationVersion[];
  readonly releases: readonly ReleaseContent[];
  readonly k: number;
}

/** The systems of sums the releases publish: one per set of leaves published over the same sets. */
export function sumSystems(w: World): SumSystem[] {
  const seen = seenPublications(w.instrument, w.versions, w.releases);
  const table = unitTable(w.instrument, w.versions);
  const systems = new Map<string, SumSystem>();
  const add = (leaf: string, rows: SumRow[], valueOf: (v: number) => number) => {
    if (rows.length === 0) return;
    const key = rows.map((r) => `${r.what.split(' ')[0]}:${r.members.join(',')}`).join('|');
    const s = systems.get(key);
    if (s) s.leaves.push(leaf);
    else systems.set(key, { leaves: [leaf], rows, valueOf });
  };
  for (const plan of figurePlans(w.instrument))
    plan.leaves.forEach((leaf, j) => {
      if (leaf.kind !== 'mean' && leaf.kind !== 'sum') return;
      const rows: SumRow[] = [];
      let values: Map<number, number> | null = null;
      for (const s of seen) {
        const shown = s.pub.sector?.[plan.figure.id]?.[j];
        if (shown?.kind !== 'value' || shown.value === null) continue;
        const raw = evaluateLeaf(table, Int32Array.from(s.members), leaf);
        if (raw.kind === 'quantiles' || raw.kind === 'counts') continue;
        const members = [...raw.contributors];
        rows.push({
          what: `${s.key} ${plan.figure.id}.${leaf.path.join('.')}`,
          members,
          // An attacker who works out n anyway (the strongest case): the true count.
          sum: shown.value * (leaf.kind === 'sum' ? 1 : members.length),
        });
        if (!values) {
          const ref = leaf.ref;
          const c = table.column(ref);
          values = new Map(w.versions.map((_, i) => [i, c[i]!]));
        }
      }
      const vs = values;
      add(`${plan.figure.id}.${leaf.path.join('.')}`, rows, (v) => vs?.get(v) ?? Number.NaN);
    });
  const respondents = seen.flatMap((s) =>
    s.pub.respondents === null
      ? []
      : [{ what: `${s.key} respondents`, members: s.members, sum: s.pub.respondents }],
  );
  add('respondents', respondents, (v) => w.versions[v]!.respondents);
  return [...systems.values()];
}

export interface AdditiveFinding {
  readonly leaves: string;
  /** The organisations the combination is over (insider excluded). */
  readonly organisations: number[];
  /** The combination of published sums, and what it equals. */
  readonly recipe: string;
  readonly derived: number;
  readonly truth: number;
}

/**
 * A combination of the system's published sums that is a sum over fewer than `threshold`
 * organisations (other than `insider`, whose versions the attacker knows), or null.
 */
export function attackSystem(
  w: World,
  system: SumSystem,
  options: { insider?: number; threshold?: number; budget?: number } = {},
): AdditiveFinding | null | 'budget' {
  const insider = options.insider;
  const threshold = options.threshold ?? (insider === undefined ? w.k : w.k - 1);
  const own = (v: number) => insider !== undefined && w.versions[v]!.organisation === insider;
  // Atoms: versions in exactly the same rows (the insider's own versions are known: left out).
  const signature = new Map<number, number[]>();
  system.rows.forEach((r, i) => {
    for (const m of r.members) if (!own(m)) signature.set(m, [...(signature.get(m) ?? []), i]);
  });
  const atoms = new Map<string, number[]>();
  for (const [m, sig] of signature) atoms.set(sig.join(','), [...(atoms.get(sig.join(',')) ?? []), m]);
  const cols = [...atoms.values()];
  const colOf = new Map<number, number>();
  cols.forEach((ms, j) => ms.forEach((m) => colOf.set(m, j)));
  const rows: Row[] = system.rows.map((r) => {
    const row = new Array<bigint>(cols.length).fill(0n);
    for (const m of r.members) if (!own(m)) row[colOf.get(m)!] = 1n;
    return row;
  });
  const units = cols.map((ms) => [...new Set(ms.map((m) => w.versions[m]!.organisation))]);
  const found = smallCombination(rows, units, threshold, options.budget);
  if (found === null || found === 'budget') return found;
  // The recipe over the published rows, and the value it gives against the truth.
  const lambda = combinationOf(rows, found.vector)!;
  const ownSum = (r: SumRow) => r.members.filter(own).reduce((s, m) => s + system.valueOf(m), 0);
  let derived = 0;
  const parts: string[] = [];
  lambda.forEach(([num, den], i) => {
    if (num === 0n) return;
    const f = Number(num) / Number(den);
    derived += f * (system.rows[i]!.sum - ownSum(system.rows[i]!));
    parts.push(`${num}${den === 1n ? '' : `/${den}`} × [${system.rows[i]!.what} = ${system.rows[i]!.sum}]`);
  });
  let truth = 0;
  const organisations = new Set<number>();
  found.columns.forEach((j) => {
    const coef = Number(found.vector[j]!);
    for (const m of cols[j]!) {
      truth += coef * system.valueOf(m);
      organisations.add(w.versions[m]!.organisation);
    }
  });
  // Scale the combination to the found vector (λ may be any multiple of the recipe).
  const vec = found.columns.map((j) => `${found.vector[j]} × {${units[j]!.join(',')}}`).join(' + ');
  return {
    leaves: system.leaves.join(', '),
    organisations: [...organisations].sort((a, b) => a - b),
    recipe: `${parts.join(' + ')}${insider !== undefined ? ` (minus insider ${insider}'s own values)` : ''} = ${vec}`,
    derived,
    truth,
  };
}

/** Every system attacked by an outsider and by each given insider. */
export function additiveAttack(
  w: World,
  insiders: readonly number[] = [],
  budget?: number,
): (AdditiveFinding | string)[] {
  const out: (AdditiveFinding | string)[] = [];
  for (const s of sumSystems(w))
    // An insider is only asked when the outsider found nothing: it can only do better.
    for (const insider of [undefined, ...insiders]) {
      const f = attackSystem(w, s, { insider, budget });
      if (f === 'budget')
        out.push(
          `search budget exhausted on ${s.leaves.join(', ')}${insider === undefined ? '' : ` (insider ${insider})`}`,
        );
      else if (f) out.push(f);
      if (f) break;
    }
  return out;
}
