/**
 * Attack 2: quartiles that are a member's exact value. Type-7 quantiles of a small group are
 * order statistics whenever (n − 1)p is whole: the median of every odd group, q1 and q3 when
 * (n − 1)/4 is whole. The attacker reads every quartile-like number a release carries and asks
 * whether it is exactly one member's value at the precision it is shown with.
 */
import { describe as suite, expect, it } from 'vitest';
import { decimalsOf, roundShown } from '../../src/core/figures/precision.ts';
import type { ShownLeaf } from '../../src/core/figures/assemble.ts';
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
        const t = 'atLeast' in p ? p.atLeast : p.below;
        const values = [...currentAt(h.versions, r.number).values()].map((i) =>
          valueOf(DT, h.versions[i]!, p.ref),
        );
        if (values.includes(t))
          out.push(
            `release ${r.number} ${g.group} (${g.status}) ${where} predicate ${p.ref} ${'atLeast' in p ? '≥' : '<'} ${t}: a member's exact ${p.ref} (all has ${r.groups[0]!.members} organisations)`,
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
});
