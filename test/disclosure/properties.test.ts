/**
 * Attack 7: random rounds of 3–60 organisations whose groups sit near k, over several
 * releases with joins, leaves and new answers, attacked as a whole history each time: every
 * pair of visible publications, every published number, the count tables by the linear
 * attacker, the means and respondent totals by the additive attacker.
 *
 * Building a history costs src about a second (the audits' linear algebra), so the histories
 * are drawn once (fast-check, fixed seed) and every attack runs over the same ones. The default
 * keeps the suite quick; DISCLOSURE_RUNS=100 (or more) runs the full sweep, DISCLOSURE_SEED
 * another sample. A failure names the draw, which `play` replays exactly.
 */
import fc from 'fast-check';
import { beforeAll, describe as suite, expect, it } from 'vitest';
import { additiveAttack } from './lib/additive.ts';
import { overlapProblems, primaryProblems } from './lib/checks.ts';
import { countLeaf, linearCountAttack, publishedCountProblems } from './lib/counts.ts';
import { play, roundArb, type RoundDraw } from './lib/random-round.ts';
import { describe } from './lib/report.ts';
import { DT } from './lib/world.ts';

const RUNS = Number(process.env.DISCLOSURE_RUNS ?? 10);
const SEED = Number(process.env.DISCLOSURE_SEED ?? 20_251_201);

const importance = countLeaf(DT, 'importance');
const stages = countLeaf(DT, 'stages');

type World = {
  instrument: typeof DT;
  versions: ReturnType<typeof play>['versions'];
  releases: ReturnType<typeof play>['releases'];
  k: number;
};

const draws: RoundDraw[] = fc.sample(roundArb, { numRuns: RUNS, seed: SEED });
const worlds = new Map<number, World>();
const worldOf = (i: number): World => worlds.get(i)!;

// A history takes src up to a few seconds to build: allow for it, however many are drawn.
beforeAll(
  () => {
    draws.forEach((d, i) => {
      const h = play(d);
      worlds.set(i, { instrument: DT, versions: h.versions, releases: h.releases, k: d.k });
    });
  },
  60_000 + RUNS * 10_000,
);

const additive = new Map<World, ReturnType<typeof additiveAttack>>();
const additiveOf = (w: World) => {
  let found = additive.get(w);
  if (!found) additive.set(w, (found = additiveAttack(w)));
  return found;
};

/** Runs the attack on every history; the failure lists each draw that gave something away. */
function sweep(name: string, attack: (w: World) => unknown[]) {
  const failures: string[] = [];
  for (let i = 0; i < draws.length; i++) {
    const found = attack(worldOf(i));
    if (found.length > 0)
      failures.push(
        `${describe(`draw ${i} (k = ${draws[i]!.k}): ${name}`, found, 3)}\n  draw: ${JSON.stringify(draws[i])}`,
      );
  }
  expect(failures, failures.slice(0, 3).join('\n')).toEqual([]);
}

suite(`attack 7: ${RUNS} random histories`, () => {
  it('no two visible publications differ by 1..k−1 organisations', () =>
    sweep('overlapping publications', overlapProblems));

  it('every published number keeps the primary rules (values ≥ k, quartiles by 3k, count cells and lines)', () =>
    sweep('primary rules', (w) => [
      ...primaryProblems(w),
      ...publishedCountProblems(w, importance),
      ...publishedCountProblems(w, stages),
    ]));

  it('the linear count attacker pins down no count of 1..k−1', () =>
    sweep('derivable small counts', (w) => [
      ...linearCountAttack(w, importance),
      ...linearCountAttack(w, stages),
    ]));

  it('the additive attacker finds no mean over fewer than k organisations', () =>
    sweep('means over fewer than k organisations', (w) =>
      additiveOf(w).filter((f) => typeof f === 'string' || f.leaves !== 'respondents'),
    ));

  it('the additive attacker finds no respondent total over fewer than k organisations', () =>
    sweep('respondent totals over fewer than k organisations', (w) =>
      additiveOf(w).filter((f) => typeof f !== 'string' && f.leaves === 'respondents'),
    ));
});
