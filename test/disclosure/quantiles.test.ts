/**
 * Attack 2: quartiles that are a member's exact value. Type-7 quantiles of a small group are
 * order statistics whenever (n − 1)p is whole: the median of every odd group, q1 and q3 when
 * (n − 1)/4 is whole. The attacker reads every quartile-like number a release carries and asks
 * whether it is exactly one member's value at the precision it is shown with.
 */
import { describe as suite, expect, it } from 'vitest';
import { decimalsOf, roundShown } from '../../src/core/figures/precision.ts';
import type { ShownLeaf } from '../../src/core/figures/assemble.ts';
import { organisationPeers, prepareRelease } from '../../src/core/release/peers.ts';
import { describe } from './lib/report.ts';
import { currentAt, DT, History, indexed, seenPublications, valueOf, type OrgSpec } from './lib/world.ts';

const SIZES = ['small', 'medium', 'large'];

/** Exact quartiles and thresholds that equal exactly one member's value (values distinct as shown). */
function exactMemberValues(h: History): string[] {
  const out: string[] = [];
  for (const s of seenPublications(DT, h.versions, h.releases)) {
    const leaves: [string, string, ShownLeaf][] = [
      ...Object.entries(s.pub.peer ?? {}).map(([ref, l]): [string, string, ShownLeaf] => [
        `peer ${ref}`,
        ref,
        l,
      ]),
      ...(s.pub.sector?.maturity ?? []).map((l): [string, string, ShownLeaf] => ['maturity', 'index', l]),
      ...(s.pub.sector?.budget ?? []).map((l): [string, string, ShownLeaf] => [
        'budget',
        'reflection.digital.budget.share',
        l,
      ]),
    ];
    for (const [where, ref, leaf] of leaves) {
      if (leaf.kind !== 'quantiles' || !leaf.exact) continue;
      const d = decimalsOf(DT, ref);
      const values = s.members
        .map((m) => valueOf(DT, h.versions[m]!, ref))
        .filter((x): x is number => x !== null)
        .map((x) => roundShown(x, d));
      // Only values no two members share: then a match is one organisation's own value.
      const once = values.filter((x) => values.indexOf(x) === values.lastIndexOf(x));
      for (const [q, x] of Object.entries(leaf.exact))
        if (once.includes(roundShown(x, d)))
          out.push(`${s.key} ${where} ${q} = ${roundShown(x, d)}, one member's own value (n = ${leaf.n})`);
    }
  }
  return out;
}

/** Thresholds of best practice in the release content: quantiles of the index too. */
function thresholdMemberValues(h: History): string[] {
  const out: string[] = [];
  for (const r of h.releases)
    for (const g of r.groups) {
      for (const [where, p] of [
        ['state', g.predicate],
        ['publication', g.publication?.predicate],
      ] as const) {
        if (!p || !('ref' in p)) continue;
        // A threshold is a number in the predicate; a share of the group is not.
        const t = Object.entries(p).find(
          ([key, x]) => key !== 'top' && key !== 'rest' && typeof x === 'number',
        )?.[1];
        if (typeof t !== 'number') continue;
        const values = [...currentAt(h.versions, r.number).values()].map((i) =>
          valueOf(DT, h.versions[i]!, p.ref),
        );
        if (values.includes(t))
          out.push(
            `release ${r.number} ${g.group} (${g.status}) ${where} predicate ${p.ref} at ${t}: a member's exact ${p.ref}`,
          );
      }
    }
  return out;
}

suite('attack 2: exact values as quartiles', () => {
  it('a group of exactly k: no quartile, median or threshold is a member’s value', () => {
    const h = new History();
    // Five organisations: indexes 10, 22.5, 35, 47.5, 60; budgets 3.1, 7.4, …
    const specs: OrgSpec[] = [0, 1, 2, 3, 4].map((i) =>
      indexed('kommune', SIZES[i % 3]!, 4 + 5 * i, 3.1 + 4.3 * i),
    );
    h.join(specs, 1).release();
    const found = [...exactMemberValues(h), ...thresholdMemberValues(h)];
    expect(found, describe('member values published', found)).toEqual([]);
  });

  it('a kommune group of 21 ((n − 1)/4 whole): q1, median and q3 are no member’s value', () => {
    const h = new History();
    const kommuner = Array.from({ length: 21 }, (_, i) => indexed('kommune', SIZES[i % 3]!, i, 3 + 4.3 * i));
    const regions = Array.from({ length: 6 }, (_, i) =>
      indexed('region', SIZES[i % 3]!, 22 + i, 1 + 2.9 * i),
    );
    h.join([...kommuner, ...regions], 1).release();
    const kommune = h.releases[0]!.groups.find((g) => g.group === 'sector:kommune')!;
    expect(kommune.publication?.size).toBe(21);
    const found = exactMemberValues(h);
    expect(found, describe('member values published', found)).toEqual([]);
  });

  it('exact percentiles in two nested groups do not count the few in between', () => {
    // 20 kommuner (index 2.5 · s, s = 0–20 without 3) and 5 regions (s = 3, 22–25). Kommune 11
    // (index 25) sees its exact place in all (25) and in kommune (20): the difference in how
    // many lie below it is how many regions lie below it — one.
    const h = new History();
    const ks = [0, 1, 2, ...Array.from({ length: 17 }, (_, i) => 4 + i)];
    h.join(
      [
        ...ks.map((x, i) => indexed('kommune', SIZES[i % 3]!, x)),
        ...[3, 22, 23, 24, 25].map((x, i) => indexed('region', SIZES[i % 3]!, x)),
      ],
      1,
    ).release();
    const insider = 1 + ks.indexOf(10);
    const prepared = prepareRelease(DT, h.releases[0]!, h.versions);
    // How many lie below the insider, as far as its place tells: a range of whole numbers.
    const below: { group: string; n: number; lo: number; hi: number }[] = [];
    for (const view of organisationPeers(prepared, insider)) {
      const p = view.figures.index?.percentile;
      const n = view.state.publication?.size ?? 0;
      if (!p || !view.member) continue;
      // Mid-rank with no ties: percentile = (below + ½) / n; a quarter q bounds it to [25q, 25q + 25).
      const lo = Math.max(0, Math.ceil((p.quarter * n) / 4 - 0.5 - 1e-9));
      const hi = Math.min(n - 1, Math.ceil(((p.quarter + 1) * n) / 4 - 0.5 - 1e-9) - 1);
      below.push({ group: view.state.group, n, lo, hi });
    }
    const orgs = new Map(
      seenPublications(DT, h.versions, h.releases).map((x) => [
        x.pub.group,
        new Set(x.members.map((m) => h.versions[m]!.organisation)),
      ]),
    );
    const within = (b: string, a: string) => [...orgs.get(b)!].every((o) => orgs.get(a)!.has(o));
    const found: string[] = [];
    for (const a of below)
      for (const b of below) {
        const dLo = Math.max(0, a.lo - b.hi);
        const dHi = Math.min(a.n - b.n, a.hi - b.lo);
        if (a.n > b.n && within(b.group, a.group) && dLo === dHi && dLo > 0 && dLo < h.policy.k)
          found.push(
            `${a.group} (${a.lo}–${a.hi} of ${a.n} below) − ${b.group} (${b.lo}–${b.hi} of ${b.n} below) = ${dLo} outside ${b.group} below index 25`,
          );
      }
    expect(found, describe('small counts from two percentiles', found)).toEqual([]);
  });
});
