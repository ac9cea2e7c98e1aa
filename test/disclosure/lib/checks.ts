/**
 * Checks on everything the releases show, independent of how src decided it: pairs of visible
 * publications, and the primary rules for single published numbers.
 */
import type { ShownLeaf } from '../../../src/core/figures/assemble.ts';
import type { OrganisationVersion, ReleaseContent } from '../../../src/core/release/types.ts';
import type { Instrument } from '../../../src/core/instrument/types.ts';
import { evaluateLeaf } from '../../../src/core/figures/evaluate.ts';
import { figurePlans } from '../../../src/core/figures/plan.ts';
import { unitTable } from '../../../src/core/release/build.ts';
import { seenPublications, type Seen } from './world.ts';

export interface World {
  readonly instrument: Instrument;
  readonly versions: readonly OrganisationVersion[];
  readonly releases: readonly ReleaseContent[];
  readonly k: number;
}

/** Organisations only in one of the two, plus those in both with another version. */
export function difference(versions: readonly OrganisationVersion[], a: Seen, b: Seen): number {
  const of = (s: Seen) => new Map(s.members.map((m) => [versions[m]!.organisation, versions[m]!.id]));
  const x = of(a);
  const y = of(b);
  let d = 0;
  for (const [o, v] of x) if (y.get(o) !== v) d++;
  for (const o of y.keys()) if (!x.has(o)) d++;
  return d;
}

/** Every pair of visible publications (any groups, any releases) that differ by 1..k−1 organisations. */
export function overlapProblems(w: World): string[] {
  const seen = seenPublications(w.instrument, w.versions, w.releases);
  const out: string[] = [];
  for (let i = 0; i < seen.length; i++)
    for (let j = i + 1; j < seen.length; j++) {
      const d = difference(w.versions, seen[i]!, seen[j]!);
      if (d > 0 && d < w.k)
        out.push(
          `${seen[i]!.key} (${seen[i]!.members.length}) and ${seen[j]!.key} (${seen[j]!.members.length}) differ by ${d}`,
        );
    }
  return out;
}

const exactMin = (k: number) => 3 * k;

function leafProblems(
  where: string,
  leaf: ShownLeaf,
  k: number,
  size: number,
  trueN: number | null = null,
): string[] {
  const out: string[] = [];
  // The true n is checked (a hidden n does not make a small group large).
  const n = trueN ?? leaf.n ?? 0;
  if (leaf.kind === 'value' && leaf.value !== null && n < k)
    out.push(`${where}: a value over ${n} organisations`);
  if (leaf.kind === 'quantiles') {
    if (leaf.exact && n < exactMin(k)) out.push(`${where}: exact quartiles over ${n} organisations`);
    if (leaf.band && n < k) out.push(`${where}: a median band over ${n} organisations`);
  }
  if (leaf.kind === 'counts') {
    leaf.counts.forEach((c, i) => {
      if (c !== null && c > 0 && c < k) out.push(`${where}: count ${c} in category ${i}`);
    });
    // Cells that are all shown add up to n; what is left of the group's size is "no answer".
    const total = leaf.counts.every((c) => c !== null)
      ? leaf.counts.reduce((t: number, c) => t + c!, 0)
      : leaf.n;
    if (total !== null && size - total > 0 && size - total < k)
      out.push(`${where}: ${size - total} organisations without an answer (size − Σ cells or n)`);
  }
  return out;
}

/** Primary rules on every published number: no value from fewer than k, quartiles by the 3k rule. */
export function primaryProblems(w: World, options: { quiet?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const s of seenPublications(w.instrument, w.versions, w.releases)) {
    if (s.pub.size < w.k) out.push(`${s.key}: published with ${s.pub.size} organisations`);
    if (s.members.length !== s.pub.size)
      out.push(`${s.key}: size ${s.pub.size}, members ${s.members.length}`);
    const table = unitTable(w.instrument, w.versions);
    const members = Int32Array.from(s.members);
    for (const [ref, leaf] of Object.entries(s.pub.peer ?? {})) {
      const c = table.column(ref);
      const n = s.members.filter((m) => !Number.isNaN(c[m]!)).length;
      out.push(...leafProblems(`${s.key} peer ${ref}`, leaf, w.k, s.pub.size, n));
    }
    for (const [figure, leaves] of Object.entries(s.pub.sector ?? {})) {
      const plan = figurePlans(w.instrument).find((p) => p.figure.id === figure)!;
      leaves.forEach((leaf, i) => {
        const n = evaluateLeaf(table, members, plan.leaves[i]!).contributors.length;
        out.push(...leafProblems(`${s.key} ${figure}[${i}]`, leaf, w.k, s.pub.size, n));
      });
    }
  }
  return options.quiet === false ? out : out.filter((p) => !p.includes('without an answer'));
}

/**
 * Small counts the release content shows outside the figures: any whole number in a group
 * state besides its publication (members, changes pending), and publication sizes below k.
 */
export function stateCountProblems(w: World): string[] {
  const out: string[] = [];
  for (const r of w.releases)
    for (const g of r.groups) {
      for (const [field, value] of Object.entries(g)) {
        if (field === 'publication' || field === 'predicate') continue;
        if (typeof value === 'number' && value > 0 && value < w.k)
          out.push(`release ${r.number} ${g.group}: ${field} = ${value}`);
      }
      const size = g.publication?.size ?? 0;
      if (size > 0 && size < w.k) out.push(`release ${r.number} ${g.group}: size = ${size}`);
    }
  return out;
}

/** Shown leaf n values of 1..k−1 (the number of contributors, published even when the value is not). */
export function contributorCountProblems(w: World): string[] {
  const out: string[] = [];
  for (const s of seenPublications(w.instrument, w.versions, w.releases)) {
    for (const [figure, leaves] of Object.entries(s.pub.sector ?? {}))
      leaves.forEach((leaf, i) => {
        if (leaf.n !== null && leaf.n > 0 && leaf.n < w.k)
          out.push(`${s.key} ${figure}[${i}]: n = ${leaf.n}`);
      });
    for (const [ref, leaf] of Object.entries(s.pub.peer ?? {}))
      if (leaf.n !== null && leaf.n > 0 && leaf.n < w.k) out.push(`${s.key} peer ${ref}: n = ${leaf.n}`);
  }
  return out;
}
