/**
 * Checks on everything the releases show, independent of how src decided it: pairs of visible
 * publications, and the primary rules for single published numbers.
 */
import type { ShownLeaf } from '../../../src/core/figures/assemble.ts';
import type { OrganisationVersion, ReleaseContent } from '../../../src/core/release/types.ts';
import type { Instrument } from '../../../src/core/instrument/types.ts';
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

function leafProblems(where: string, leaf: ShownLeaf, k: number, size: number): string[] {
  const out: string[] = [];
  if (leaf.kind === 'value' && leaf.value !== null && leaf.n < k)
    out.push(`${where}: a value over ${leaf.n} organisations`);
  if (leaf.kind === 'quantiles') {
    if (leaf.exact && leaf.n < exactMin(k))
      out.push(`${where}: exact quartiles over ${leaf.n} organisations`);
    if (leaf.band && leaf.n < k) out.push(`${where}: a median band over ${leaf.n} organisations`);
  }
  if (leaf.kind === 'counts') {
    leaf.counts.forEach((c, i) => {
      if (c !== null && c > 0 && c < k) out.push(`${where}: count ${c} in category ${i}`);
    });
    // Cells that are all shown add up to n; what is left of the group's size is "no answer".
    if (leaf.counts.every((c) => c !== null) && size - leaf.n > 0 && size - leaf.n < k)
      out.push(`${where}: ${size - leaf.n} organisations without an answer (size − Σ cells)`);
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
    for (const [ref, leaf] of Object.entries(s.pub.peer ?? {}))
      out.push(...leafProblems(`${s.key} peer ${ref}`, leaf, w.k, s.pub.size));
    for (const [figure, leaves] of Object.entries(s.pub.sector ?? {}))
      leaves.forEach((leaf, i) =>
        out.push(...leafProblems(`${s.key} ${figure}[${i}]`, leaf, w.k, s.pub.size)),
      );
  }
  return options.quiet === false ? out : out.filter((p) => !p.includes('without an answer'));
}

/** Small counts the release content shows outside the figures: group states' members and pending. */
export function stateCountProblems(w: World): string[] {
  const out: string[] = [];
  for (const r of w.releases)
    for (const g of r.groups) {
      if (g.members > 0 && g.members < w.k)
        out.push(`release ${r.number} ${g.group}: members = ${g.members}`);
      if (g.pending > 0 && g.pending < w.k)
        out.push(`release ${r.number} ${g.group}: pending = ${g.pending}`);
    }
  return out;
}

/** Shown leaf n values of 1..k−1 (the number of contributors, published even when the value is not). */
export function contributorCountProblems(w: World): string[] {
  const out: string[] = [];
  for (const s of seenPublications(w.instrument, w.versions, w.releases)) {
    for (const [figure, leaves] of Object.entries(s.pub.sector ?? {}))
      leaves.forEach((leaf, i) => {
        if (leaf.n > 0 && leaf.n < w.k) out.push(`${s.key} ${figure}[${i}]: n = ${leaf.n}`);
      });
    for (const [ref, leaf] of Object.entries(s.pub.peer ?? {}))
      if (leaf.n > 0 && leaf.n < w.k) out.push(`${s.key} peer ${ref}: n = ${leaf.n}`);
  }
  return out;
}
