/**
 * Attack 8: official comparison sets. Each organisation may have its own comparison set (KL
 * publishes one per kommune), and the sets of neighbours overlap almost wholly: two sets that
 * differ by one organisation would give that organisation's values away by comparing their
 * quartiles (the median of 15 against the median of 16 pins the 16th between two values). The
 * attacker lists every pair of comparison publications anyone has seen, in one release and
 * across releases, and differences them.
 */
import { describe as suite, expect, it } from 'vitest';
import { organisationPeers, prepareRelease } from '../../src/core/release/peers.ts';
import { overlapProblems } from './lib/checks.ts';
import { describe } from './lib/report.ts';
import { DT, History, indexed, membersAt } from './lib/world.ts';

const world = (h: History) => ({ instrument: DT, versions: h.versions, releases: h.releases, k: h.policy.k });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** 30 kommuner with different indices (ids 1..30), all the same size, so no other group varies. */
function round(): History {
  const h = new History();
  h.join(
    range(1, 30).map((i) => indexed('kommune', 'medium', (i * 7) % 31)),
    1,
  );
  return h;
}

const comparison = (h: History, owner: number) =>
  h.releases.at(-1)!.groups.find((g) => g.group === `comparison:${owner}`)!;

suite('attack 8: overlapping comparison sets', () => {
  it('two sets that differ by one organisation: the second is never shown beside the first', () => {
    const h = round();
    // Organisation 1's set: itself and 2..15 (15 in all, enough for exact quartiles at k = 5).
    // Organisation 16's set: the same 15 and itself: they differ by organisation 16 alone.
    h.comparisonSets = [
      { organisation: 1, members: range(2, 15) },
      { organisation: 16, members: range(1, 15) },
    ];
    h.release();
    const first = comparison(h, 1);
    const second = comparison(h, 16);
    // The attack needs both: the first is published (the test is not vacuous) …
    expect(first.status).toBe('published');
    expect(first.publication!.size).toBe(15);
    // … the second is held back for the overlap, and shows nothing.
    expect(second).toMatchObject({ status: 'not-shown', reason: 'overlap', publication: null });
    const found = overlapProblems(world(h));
    expect(found, describe('overlapping publications', found)).toEqual([]);
  });

  it('a set that grows by one organisation in a later release keeps its earlier figures', () => {
    const h = round();
    h.comparisonSets = [{ organisation: 1, members: range(2, 15) }];
    h.release();
    expect(comparison(h, 1).status).toBe('published');
    // A new official list adds organisation 16: before and after would differ by it alone.
    h.comparisonSets = [{ organisation: 1, members: range(2, 16) }];
    h.release();
    const after = comparison(h, 1);
    expect(after.status).toBe('kept');
    expect(after.publication!.release).toBe(1);
    // The shown figures are still those of the first fifteen.
    expect(membersAt(DT, h.versions, 1, after.publication!.predicate)).toHaveLength(15);
    const found = overlapProblems(world(h));
    expect(found, describe('overlapping publications', found)).toEqual([]);
  });

  it('a set of fewer than k is not shown, and no set is differenced against the whole round', () => {
    const h = round();
    h.comparisonSets = [
      { organisation: 1, members: [2, 3] },
      // All 30 but four: it would give those four away against "all".
      { organisation: 5, members: range(1, 26) },
      // Far enough from everything: 10 of the 30.
      { organisation: 21, members: range(22, 30) },
    ];
    h.release();
    expect(comparison(h, 1)).toMatchObject({ status: 'not-shown', reason: 'too-few' });
    expect(comparison(h, 5)).toMatchObject({ status: 'not-shown', reason: 'overlap' });
    expect(comparison(h, 21).status).toBe('published');
    const found = overlapProblems(world(h));
    expect(found, describe('overlapping publications', found)).toEqual([]);
  });

  it('an organisation sees its own comparison set among its peers, not the sets it is listed in', () => {
    const h = round();
    h.comparisonSets = [
      { organisation: 21, members: range(22, 30) },
      { organisation: 1, members: range(2, 10) },
    ];
    const content = h.release();
    const prepared = prepareRelease(DT, content, h.versions);
    const kinds = (org: number) =>
      organisationPeers(prepared, org)
        .filter((p) => p.state.kind === 'comparison')
        .map((p) => p.state.group);
    expect(kinds(21)).toEqual(['comparison:21']);
    // 22 is in 21's set but has none of its own.
    expect(kinds(22)).toEqual([]);
    const own = organisationPeers(prepared, 21).find((p) => p.state.kind === 'comparison')!;
    expect(own.member).toBe(true);
  });
});
