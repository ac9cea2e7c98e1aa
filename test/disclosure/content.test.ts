/**
 * What a release carries besides its figures: group states (members, pending), each leaf's n,
 * and what the shown cells leave over. Each is a count of organisations, and the policy allows
 * no published count of 1..k−1.
 */
import { describe as suite, expect, it } from 'vitest';
import { contributorCountProblems, primaryProblems, stateCountProblems } from './lib/checks.ts';
import { describe } from './lib/report.ts';
import { DT, History, single, type OrgSpec } from './lib/world.ts';

const SIZES = ['small', 'medium', 'large'];
const world = (h: History) => ({ instrument: DT, versions: h.versions, releases: h.releases, k: h.policy.k });
const kommune = (i: number): OrgSpec =>
  single('kommune', SIZES[i % 3]!, { v: 1 + (i % 5), importance: 4 + (i % 2) });

suite('release content beyond the figures', () => {
  it('no group state shows 1..k−1 members or pending changes', () => {
    const h = new History();
    h.join(
      [
        ...Array.from({ length: 20 }, (_, i) => kommune(i)),
        single('stat', 'small', { v: 4 }),
        single('stat', 'small', { v: 2 }),
      ],
      1,
    );
    h.release();
    h.set(3, kommune(40)).release();
    const found = stateCountProblems(world(h));
    expect(found, describe('small counts in group states', found)).toEqual([]);
  });

  it('no leaf shows n of 1..k−1 (e.g. organisations with both business and IT leaders)', () => {
    const h = new History();
    const specs = Array.from({ length: 20 }, (_, i) =>
      i < 2
        ? {
            ...kommune(i),
            people: [
              { v: 3, importance: 4 },
              { role: 'it', v: 2, importance: 5 },
            ],
          }
        : kommune(i),
    );
    h.join(specs, 1).release();
    const found = contributorCountProblems(world(h));
    expect(found, describe('leaves with n of 1..k−1', found)).toEqual([]);
  });

  it('the shown cells of a count table leave no 1..k−1 organisations "without an answer"', () => {
    // One kommune's only respondent skips why.importance: its importance is missing.
    const h = new History();
    const specs = Array.from({ length: 20 }, (_, i) =>
      i === 0 ? single('kommune', 'small', { v: 3, skip: ['why.importance'] }) : kommune(i),
    );
    h.join(specs, 1).release();
    const found = primaryProblems(world(h), { quiet: false }).filter((p) => p.includes('without an answer'));
    expect(found, describe('derivable "no answer" counts', found)).toEqual([]);
  });
});
