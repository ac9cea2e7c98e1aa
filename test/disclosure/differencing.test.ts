/**
 * Attack 1: differencing before and after. A group of five regions is published; then a sixth
 * region joins. Whatever the second release shows must not let anyone solve for the newcomer —
 * not by means × n, not by quartiles or percentiles that move, not by anything else in the
 * release that depends on the newcomer's answers.
 */
import { describe as suite, expect, it } from 'vitest';
import { roundShown } from '../../src/core/figures/precision.ts';
import { organisationPeers, prepareRelease } from '../../src/core/release/peers.ts';
import type { ReleaseContent } from '../../src/core/release/types.ts';
import { additiveAttack } from './lib/additive.ts';
import { overlapProblems } from './lib/checks.ts';
import { describe } from './lib/report.ts';
import { DT, History, indexed, valueOf } from './lib/world.ts';

const SIZES = ['small', 'medium', 'large'];
const world = (h: History) => ({ instrument: DT, versions: h.versions, releases: h.releases, k: h.policy.k });

/** 15 kommuner and 5 regions with distinct indexes; then region 21 joins with index 2.5 · s. */
function regionJoins(s: number): History {
  const h = new History();
  h.join(
    [
      ...Array.from({ length: 15 }, (_, i) => indexed('kommune', SIZES[i % 3]!, 1 + i, 2 + 3 * i)),
      ...Array.from({ length: 5 }, (_, i) => indexed('region', SIZES[i % 3]!, 4 + 5 * i, 5 + 7 * i)),
    ],
    1,
  ).release();
  h.set(21, indexed('region', 'medium', s, 90));
  h.release();
  return h;
}

/** What differs between two versions of the same release (everything but the time stamp). */
function differences(a: ReleaseContent, b: ReleaseContent): string[] {
  const out: string[] = [];
  const byGroup = (c: ReleaseContent) => new Map(c.groups.map((g) => [g.group, g]));
  const x = byGroup(a);
  const y = byGroup(b);
  for (const id of new Set([...x.keys(), ...y.keys()])) {
    const g = x.get(id);
    const h = y.get(id);
    if (!g || !h) {
      out.push(`${id}: only in one`);
      continue;
    }
    for (const field of Object.keys({ ...g, ...h }) as (keyof typeof g)[]) {
      const p = JSON.stringify(g[field] ?? null);
      const q = JSON.stringify(h[field] ?? null);
      if (p !== q)
        out.push(`${id} (${g.status}/${h.status}) ${field}: ${p.slice(0, 120)} vs ${q.slice(0, 120)}`);
    }
  }
  return out;
}

suite('attack 1: differencing before and after', () => {
  it('the region group keeps its first publication (or refreshes with k changes)', () => {
    const h = regionJoins(26);
    const state = h.releases[1]!.groups.find((g) => g.group === 'sector:region')!;
    // One region joined: fewer than k changes, so the group shows release 1's figures.
    expect(state).toMatchObject({ status: 'kept', publication: { release: 1 } });
  });

  it('means × n before and after do not give the newcomer’s values', () => {
    const h = regionJoins(26);
    const found = additiveAttack(world(h), [21]);
    expect(found, describe('sums over fewer than k organisations', found)).toEqual([]);
    expect(overlapProblems(world(h))).toEqual([]);
  });

  it('groups that did not refresh look the same whatever the newcomer answered', () => {
    // Two rounds that differ only in the newcomer's index (15 or 65). A group published anew
    // in release 2 may differ (it passed the k rule); any other state that differs tells the
    // attacker something about that one organisation.
    const low = regionJoins(6);
    const high = regionJoins(26);
    const stillOld = (c: ReleaseContent) => ({
      ...c,
      groups: c.groups.filter((g) => g.status !== 'published'),
    });
    const a = stillOld(low.releases[1]!);
    const b = stillOld(high.releases[1]!);
    const common = new Set(a.groups.map((g) => g.group).filter((id) => b.groups.some((g) => g.group === id)));
    const found = differences(
      { ...a, groups: a.groups.filter((g) => common.has(g.group)) },
      { ...b, groups: b.groups.filter((g) => common.has(g.group)) },
    );
    expect(found, describe('release 2 depends on the newcomer', found)).toEqual([]);
  });

  it('an insider who answers again and again cannot read others’ values off its percentile', () => {
    // Region 16 (index 10) has three respondents, so each time all three answer again it gets a
    // new version. The region group (5) and all (20) keep their publications (1 change each),
    // but the organisation's place in them is computed from its current value every release.
    const h = new History();
    h.join(
      [
        ...Array.from({ length: 15 }, (_, i) =>
          indexed('kommune', SIZES[i % 3]!, 1 + ((2 * i) % 27), 2 + 3 * i),
        ),
        ...Array.from({ length: 5 }, (_, i) =>
          indexed('region', SIZES[i % 3]!, 4 + 5 * i, 5 + 7 * i, i === 0 ? 3 : 1),
        ),
      ],
      1,
    ).release();
    const insider = 16;
    const others = h.versions.filter((v) => v.organisation !== insider).map((v) => valueOf(DT, v, 'index')!);
    const places = new Map<string, { x: number; place: number }[]>();
    for (let s = 0; s <= 28; s++) {
      h.set(insider, indexed('region', 'small', s, 5, 3));
      const content = h.release();
      const prepared = prepareRelease(DT, content, h.versions);
      for (const view of organisationPeers(prepared, insider)) {
        const p = view.figures.index?.percentile;
        if (!p || !view.state.publication) continue;
        const place = p.quarter;
        const key = `${view.state.group}@${view.state.publication.release} (${p.kind})`;
        places.set(key, [
          ...(places.get(key) ?? []),
          { x: valueOf(DT, h.versions.at(-1)!, 'index')!, place },
        ]);
      }
    }
    // Where the place steps up, the probe is at (or just past) a member's value.
    const recovered: string[] = [];
    for (const [key, seq] of places)
      seq.forEach(({ x, place }, i) => {
        if (i > 0 && place > seq[i - 1]!.place && others.some((o) => Math.abs(o - x) < 1e-9))
          recovered.push(`${key}: place steps up at index ${roundShown(x, 1)}, another member's exact index`);
      });
    const kept = h.releases.at(-1)!.groups.find((g) => g.group === 'sector:region')!;
    expect(kept.publication?.release).toBe(1);
    expect(recovered, describe('member values read off the insider’s percentile', recovered)).toEqual([]);
  });
});
