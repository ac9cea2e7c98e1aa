/** The core instrument keeps the contract of shared/instrument-spec.md. */
import { describe, expect, it } from 'vitest';
import { compileInstrumentText } from '../../src/core/instrument/compile.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareGroups } from '../../src/core/figures/compare.ts';
import { dtOffentlig, fixture, orgsFromCsv, ROOT } from '../helpers.ts';

const instrument = dtOffentlig();
const def = instrument.def;
const DOMAINS = ['services', 'processes', 'citizen', 'employees'];
const COMPETENCIES = ['leadership', 'clarity', 'methods', 'data', 'partnership', 'diversity', 'decisions'];
const SELF_ASSESSMENT = [
  'how.leadership.q1',
  'how.leadership.q2',
  'how.leadership.q3',
  'how.clarity.q1',
  'how.clarity.q2',
  'how.methods.q1',
  'how.data.q1',
  'how.data.q2',
  'how.partnership.q1',
  'how.diversity.q1',
  'how.decisions.q1',
];

describe('dt-offentlig', () => {
  it('has every item of the spec, in the spec order', () => {
    const specIds = [
      'profile.role',
      'why.importance',
      'why.impact.optimise',
      'why.impact.division',
      'why.impact.portfolio',
      ...DOMAINS.flatMap((d) => [`what.${d}.priority`, `what.${d}.effort`]),
      ...COMPETENCIES.map((c) => `how.${c}.rank`),
      ...SELF_ASSESSMENT,
    ];
    expect(instrument.answerIds.slice(0, specIds.length)).toEqual(specIds);
  });

  it('uses the spec scales: role options, 1–5 items, ranks 1–7', () => {
    const role = instrument.slotById.get('profile.role');
    expect(role?.kind === 'choice' && role.values).toEqual(['topleder', 'forretning', 'it', 'andet']);
    for (const id of instrument.answerIds) {
      const slot = instrument.slotById.get(id)!;
      if (slot.kind === 'scale') expect([slot.scale.min, slot.scale.max], id).toEqual([1, 5]);
      if (slot.kind === 'rank') expect(slot.size, id).toBe(7);
    }
  });

  it('labels every point and describes levels 1, 3 and 5 of every 1–5 item, in both languages', () => {
    const scaleSlots = [...instrument.slotById.values()].filter((s) => s.kind === 'scale');
    expect(scaleSlots.length).toBe(23);
    for (const slot of scaleSlots) {
      if (slot.kind !== 'scale') continue;
      for (let p = 1; p <= 5; p++)
        expect(slot.scale.labels[String(p)]?.en, `${slot.id} label ${p}`).toBeTruthy();
      for (const p of ['1', '3', '5']) {
        expect(slot.item.levels?.[p]?.da, `${slot.id} level ${p}`).toBeTruthy();
        expect(slot.item.levels?.[p]?.en, `${slot.id} level ${p}`).toBeTruthy();
      }
    }
  });

  it('has no missing English text', () => {
    const text = readFileSync(join(ROOT, 'instruments', 'dt-offentlig.yaml'), 'utf8');
    const result = compileInstrumentText(text, 'dt-offentlig.yaml');
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('describes every competency with a good example and three practices', () => {
    expect(def.competencies.map((c) => c.id)).toEqual(COMPETENCIES);
    for (const c of def.competencies) {
      expect(c.goodExample.da.length, c.id).toBeGreaterThan(40);
      expect(c.practices, c.id).toHaveLength(3);
      expect(c.score).toBe(`competency.${c.id}`);
      expect(c.rank).toBe(`how.${c.id}.rank`);
    }
    expect(def.domains.map((d) => d.id)).toEqual(DOMAINS);
  });

  it('has the six recommendations with next steps, and four stages in order', () => {
    expect(def.recommendations).toHaveLength(6);
    for (const r of def.recommendations) expect(r.nextSteps.length, r.id).toBeGreaterThanOrEqual(2);
    expect(def.stages.map((s) => s.id)).toEqual(['indlejret', 'mobiliseret', 'accelereret', 'integreret']);
    for (const s of def.stages) expect(s.description.en, s.id).toBeTruthy();
  });

  it('declares the figures of the spec shape, and more, each with a title in both languages', () => {
    const ids = instrument.figures.map((f) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining(['importance', 'impact', 'domains', 'competencies', 'stages']),
    );
    expect(ids).toEqual(expect.arrayContaining(['shares', 'businessIt', 'competencyOrder', 'maturity']));
    for (const f of instrument.figures) expect(f.title?.en, f.id).toBeTruthy();
  });

  it('declares business and IT leaders as respondent groups, compared in one declaration', () => {
    expect(instrument.respondentGroups.map((g) => [g.id, g.where])).toEqual([
      ['business', { item: 'profile.role', in: ['topleder', 'forretning'] }],
      ['it', { item: 'profile.role', in: ['it'] }],
    ]);
    expect(instrument.comparisons.map((c) => c.groups)).toEqual([['business', 'it']]);
  });

  it("carries the 2018 study's published figures, with its source", () => {
    const study = def.references.find((r) => r.id === 'study-2018')!;
    expect(study.organisations).toBe(20);
    expect(study.source.da).toMatch(/2018/);
    const value = (path: string[]) =>
      study.values.find((v) => v.figure === 'domains' && v.path.join('.') === path.join('.'))?.value;
    expect(['services', 'processes', 'citizen', 'employees'].map((d) => value([d, 'priority']))).toEqual([
      3.9, 3.7, 3.5, 3.1,
    ]);
    expect(study.values.filter((v) => v.figure === 'competencyOrder').map((v) => v.path[0])).toEqual(
      def.competencies.map((c) => c.id),
    );
    expect(study.values.find((v) => v.figure === 'importance' && v.count === 17)?.categories).toEqual([
      '4',
      '5',
    ]);
    expect(study.values.filter((v) => v.figure === 'stages').map((v) => v.count)).toEqual([0, 3, 17]);
  });

  it('compares business and IT leaders of one organisation (hand-computed, dt-three-orgs)', () => {
    const [aabenraa] = orgsFromCsv(instrument, readFileSync(fixture('dt-three-orgs.csv'), 'utf8'));
    const c = compareGroups(instrument, instrument.comparisons[0]!, aabenraa!.respondents);
    expect(c.counts).toEqual([1, 1]);
    // Business ranks 1..7; IT ranks (2,3,4,1,5,7,6): Σd² = 14 → ρ = 1 − 6·14 / (7·48) = 0.75.
    expect(c.rankCorrelation).toBeCloseTo(0.75, 12);
    // Largest relative to the threshold first: 2 points on methods, the citizen gap (0 vs 2) …
    expect(c.flagged.slice(0, 4).map((r) => r.id)).toEqual([
      'how.methods.q1',
      'competency.methods',
      'domain.citizen.gap',
      'competency.lowest',
    ]);
    expect(c.flagged.map((r) => r.id)).not.toContain('how.partnership.rank'); // 5 vs 5
    // Exactly the threshold of 3 places is a difference.
    expect(c.flagged.find((r) => r.id === 'how.data.rank')).toMatchObject({ a: 4, b: 1, difference: 3 });
  });

  it('reads the comparison part by part, as the instrument declares them, each largest difference first', () => {
    const [aabenraa] = orgsFromCsv(instrument, readFileSync(fixture('dt-three-orgs.csv'), 'utf8'));
    const c = compareGroups(instrument, instrument.comparisons[0]!, aabenraa!.respondents);
    const scores = new Set(instrument.def.competencies.map((x) => x.score));
    const gaps = new Set(instrument.def.domains.map((x) => x.gap));
    expect(c.parts.map((p) => p.part)).toEqual(['questions', 'competencies', 'gaps', 'ranks', 'measures']);
    for (const p of c.parts) {
      const sizes = p.rows.map((r) => Math.abs(r.difference!));
      expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
      for (const r of p.rows) {
        const expected =
          r.kind === 'item'
            ? 'questions'
            : r.kind === 'rank'
              ? 'ranks'
              : scores.has(r.id)
                ? 'competencies'
                : gaps.has(r.id)
                  ? 'gaps'
                  : 'measures';
        expect(r.part).toBe(expected);
        // Higher in words follows the sign: a larger mean, or a smaller (better) mean rank.
        expect(r.higher).toBe((r.kind === 'rank' ? r.difference! < 0 : r.difference! > 0) ? 0 : 1);
      }
    }
    // Every flagged row is in exactly one part.
    expect(c.parts.flatMap((p) => p.rows).length).toBe(c.flagged.length);
    // IT ranks data access 1st, business 4th: IT ranks it higher.
    expect(c.parts.find((p) => p.part === 'ranks')!.rows.find((r) => r.id === 'how.data.rank')!.higher).toBe(
      1,
    );
  });

  it('cites its source', () => {
    expect(def.source.da).toMatch(/2018/);
    expect(def.source.da).toMatch(/QVARTZ/);
  });
});
