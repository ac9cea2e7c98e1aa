/**
 * Random rounds for the property tests: sectors and size bands whose groups land near k, and a
 * few releases with organisations joining, leaving and answering again between them. Answers
 * come from a fixed pool of plausible organisations (src/demo/generate.ts), so the figures look
 * like a real round's.
 */
import fc from 'fast-check';
import { generateRound } from '../../../src/demo/generate.ts';
import type { RespondentData } from '../../../src/core/exchange/types.ts';
import { DT, History } from './world.ts';

const POOL: (readonly RespondentData[])[] = [
  ...generateRound(DT, { organisations: 60, respondents: [1, 4], seed: 11 }),
  // Single respondents: whole-point values, where counts and quartiles are at their sharpest.
  ...generateRound(DT, { organisations: 40, respondents: 1, seed: 12 }),
].map((o) => o.respondents);

const SECTORS: { sector: string; types: string[] }[] = [
  { sector: 'kommune', types: ['kommune'] },
  { sector: 'region', types: ['region', 'hospital'] },
  { sector: 'stat', types: ['styrelse', 'ministerium'] },
  { sector: 'andet', types: ['andet'] },
];
const SIZES = ['small', 'medium', 'large'];

export interface OrgDraw {
  readonly sector: number;
  readonly type: number;
  readonly size: number;
  readonly answers: number;
}

export interface Step {
  readonly join: readonly OrgDraw[];
  /** Indices (mod the organisations so far) of organisations that leave. */
  readonly leave: readonly number[];
  /** … that answer again. */
  readonly change: readonly { readonly org: number; readonly answers: number }[];
}

export interface RoundDraw {
  readonly k: number;
  readonly orgs: readonly OrgDraw[];
  readonly steps: readonly Step[];
}

const drawArb = (sector: number): fc.Arbitrary<OrgDraw> =>
  fc.record({
    sector: fc.constant(sector),
    type: fc.nat(1),
    size: fc.nat(2),
    answers: fc.nat(POOL.length - 1),
  });

/** Per sector a count near k (kommune sometimes many), so groups sit at k − 2 … k + 2. */
const orgsArb = (k: number) =>
  fc
    .tuple(
      fc.oneof(
        fc.integer({ min: Math.max(0, k - 2), max: k + 2 }),
        fc.integer({ min: 3 * k - 2, max: 3 * k + 2 }),
      ),
      fc.integer({ min: Math.max(0, k - 2), max: k + 2 }),
      fc.integer({ min: 0, max: k + 2 }),
      fc.integer({ min: 0, max: 3 }),
    )
    .chain(([a, b, c, d]) =>
      fc.tuple(
        fc.array(drawArb(0), { minLength: a, maxLength: a }),
        fc.array(drawArb(1), { minLength: b, maxLength: b }),
        fc.array(drawArb(2), { minLength: c, maxLength: c }),
        fc.array(drawArb(3), { minLength: d, maxLength: d }),
      ),
    )
    .map((parts) => parts.flat())
    .filter((orgs) => orgs.length >= 3 && orgs.length <= 60);

const stepArb = (k: number): fc.Arbitrary<Step> =>
  fc.record({
    join: fc.array(
      fc.nat(3).chain((s) => drawArb(s)),
      { maxLength: k + 1 },
    ),
    leave: fc.array(fc.nat(), { maxLength: k }),
    change: fc.array(fc.record({ org: fc.nat(), answers: fc.nat(POOL.length - 1) }), { maxLength: k + 2 }),
  });

export const roundArb: fc.Arbitrary<RoundDraw> = fc.constantFrom(3, 4, 5).chain((k) =>
  fc.record({
    k: fc.constant(k),
    orgs: orgsArb(k),
    steps: fc.array(stepArb(k), { minLength: 1, maxLength: 3 }),
  }),
);

const spec = (d: OrgDraw, answers = d.answers) => {
  const s = SECTORS[d.sector]!;
  return {
    sector: s.sector,
    type: s.types[d.type % s.types.length]!,
    sizeBand: SIZES[d.size]!,
    respondents: POOL[answers]!,
  };
};

/** The round's history: a release, then one after each step. */
export function play(draw: RoundDraw): History {
  const h = new History({ k: draw.k, respondentMin: 3 });
  const drawn: OrgDraw[] = [];
  const present = new Set<number>();
  const add = (d: OrgDraw) => {
    drawn.push(d);
    present.add(drawn.length);
    h.set(drawn.length, spec(d));
  };
  draw.orgs.forEach(add);
  h.release();
  for (const step of draw.steps) {
    const touched = new Set<number>();
    for (const l of step.leave) {
      const o = 1 + (l % drawn.length);
      if (!present.has(o) || touched.has(o)) continue;
      touched.add(o);
      present.delete(o);
      h.set(o, null);
    }
    for (const c of step.change) {
      const o = 1 + (c.org % drawn.length);
      if (!present.has(o) || touched.has(o)) continue;
      touched.add(o);
      h.set(o, spec(drawn[o - 1]!, c.answers));
    }
    step.join.forEach(add);
    h.release();
  }
  return h;
}
