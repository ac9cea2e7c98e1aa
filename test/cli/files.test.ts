/**
 * The CLI on files, end to end. Expected figures for `dt-three-orgs.csv` are computed by
 * hand in the comments (organisation mean first, then measures).
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.ts';
import { pejling } from './run.ts';

const FILE = fixture('dt-three-orgs.csv');
const tmp = mkdtempSync(join(tmpdir(), 'pejling-cli-'));

describe('pejling --help', () => {
  it('has help on every command', () => {
    for (const args of [
      [],
      ['instrument'],
      ['instrument', 'list'],
      ['instrument', 'show'],
      ['instrument', 'validate'],
      ['score'],
      ['sector'],
    ]) {
      const r = pejling([...args, '--help']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Usage: pejling/);
    }
  });

  it('fails with exit code 2 and a message on a usage error', () => {
    const r = pejling(['score']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument 'file'/);
    expect(pejling(['frobnicate']).code).toBe(2);
    expect(pejling(['score', FILE, '--format', 'pdf']).stderr).toMatch(/Allowed choices are text, json/);
  });
});

describe('pejling instrument', () => {
  it('lists and shows the built-in instrument', () => {
    expect(pejling(['instrument', 'list']).stdout).toMatch(/^dt-offentlig\t1\.3\.0\t/);
    const shown = JSON.parse(
      pejling(['instrument', 'show', 'dt-offentlig', '--lang', 'en', '--format', 'json']).stdout,
    );
    expect(shown.sections[0].items[0]).toMatchObject({ id: 'profile.role', type: 'choice', required: true });
    const scale = shown.sections[1].items[0];
    expect(scale.points).toHaveLength(5);
    expect(scale.points[2].level).toBeTruthy();
    const text = pejling(['instrument', 'show', 'dt-offentlig']).stdout;
    expect(text).toMatch(/how\.leadership\.rank/);
    expect(text).toMatch(/indlejret < mobiliseret < accelereret < integreret/);
  });

  it('validates a file, listing every problem, exit 2', () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'format: pejling-instrument/1\nid: Bad Id\nversion: one\n');
    const r = pejling(['instrument', 'validate', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:2: id: must be a dotted identifier`);
    expect(r.stderr).toContain(`${bad}:3: version: must be a semantic version`);
    expect(r.stderr).toMatch(/title: /);
    const ok = pejling(['instrument', 'validate', fixture('mini.yaml')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/valid — mini 0\.1\.0/);
    expect(ok.stdout).toMatch(/5 warning\(s\):\n.*source: English text missing/);
    expect(pejling(['instrument', 'show', 'nope']).stderr).toMatch(
      /unknown instrument \(known: dt-offentlig(, [a-z-]+)*\)/,
    );
  });
});

describe('pejling score', () => {
  const out = JSON.parse(pejling(['score', FILE, '--format', 'json']).stdout);
  const [a, b, c] = out.organisations;

  it('scores Aabenraa Kommune (2 respondents) as computed by hand', () => {
    expect(a).toMatchObject({ organisation: 'Aabenraa Kommune', sector: 'kommune', respondents: 2 });
    // Competencies: leadership q1–q3 all (3+2)/2 = 2.5; clarity mean(2.5, 3.5) = 3; methods (3+1)/2 = 2;
    // data mean(3.5, 3.5); partnership, diversity, decisions (3+2)/2.
    expect(a.measures).toMatchObject({
      'competency.leadership': 2.5,
      'competency.clarity': 3,
      'competency.methods': 2,
      'competency.data': 3.5,
      'competency.partnership': 2.5,
      'competency.lowest': 2,
      'domain.services.gap': 1.5, // 4.5 − 3
      'domain.employees.gap': 0.5, // 2.5 − 2
      'domain.effort.mean': 2.5, // (3 + 2.5 + 2.5 + 2) / 4
    });
    // Index: (10 × 18.5 + 7.5 × 10) / 100 = 2.6 on 1–5 → (2.6 − 1) × 25 = 40.
    expect(a.index).toBeCloseTo(40, 10);
    expect(a.stage).toBe('indlejret');
    expect(a.stageReason).toBe(
      'Placeret som Indlejret, kurvens første trin; Mobiliseret kræver Modenhedsindeks på mindst 45 (nu 40) og Digitalt lederskab på mindst 3 (nu 2,5).',
    );
    // Mean ranks: leadership 1.5; clarity and data tie at 2.5 (instrument order decides); …
    expect(a.ranking.map((r: { competency: string }) => r.competency)).toEqual([
      'leadership',
      'clarity',
      'data',
      'methods',
      'partnership',
      'diversity',
      'decisions',
    ]);
  });

  it('hides the business-vs-IT comparison below the respondent minimum, and says why', () => {
    // One business and one IT leader each: either could subtract themselves and read the other.
    for (const o of [a, b, c]) {
      expect(o.comparisons).toHaveLength(1);
      expect(o.comparisons[0]).toMatchObject({ id: 'business-it', status: 'too-few' });
      expect(o.comparisons[0].message).toMatch(/mindst 3 respondenter/);
      expect(o.comparisons[0].rows).toBeUndefined();
    }
    // With a minimum of 2 both groups are still too small (one each): nothing changes.
    const two = JSON.parse(pejling(['score', FILE, '--format', 'json', '--respondent-min', '2']).stdout);
    expect(two.organisations[0].comparisons[0].status).toBe('too-few');
    const below = pejling(['score', FILE, '--respondent-min', '1']);
    expect(below.code).toBe(2);
    expect(below.stderr).toMatch(
      /--respondent-min: the respondent minimum must be a whole number of at least 2/,
    );
  });

  it('orders the advice: important but weak competencies first, then domains by gap', () => {
    // urgency = importance × (5 − score)/4, importance 1 for mean rank 1 down to 0.25 for rank 7:
    // leadership (rank 1.5) first; even the competencies ranked last (diversity, decisions) are
    // advised, as they score low enough; then the domains by gap 1.5, 1.5, 1, 0.5.
    expect(a.advice.map((x: { id: string }) => x.id)).toEqual([
      'leadership',
      'methods',
      'clarity',
      'partnership',
      'data',
      'diversity',
      'decisions',
      'services',
      'processes',
      'citizen',
      'employees',
    ]);
    expect(a.advice[0].urgency).toBeCloseTo((1 - (0.75 * 0.5) / 6) * 0.625, 12);
    expect(a.advice[0].practices).toHaveLength(3);
    expect(a.advice[0].recommendations.map((r: { id: string }) => r.id)).toEqual(['horizon', 'budget']);
  });

  it('places Region Syd below mobiliseret despite a high index, because importance is low', () => {
    expect(b.index).toBeCloseTo(75, 10); // every answer 4 → (4 − 1) × 25
    expect(b.stage).toBe('indlejret');
    expect(b.stageReason).toMatch(/Mobiliseret kræver .* på mindst 3,5 \(nu 3\)\.$/);
    expect(b.advice.map((x: { id: string }) => x.id)).toEqual(['leadership', 'clarity', 'methods', 'data']);
  });

  it('places the agency at accelereret and says what integreret needs', () => {
    expect(c.organisation).toBe('Styrelsen for Æbler og Øer');
    // Competencies 13/3, 4, 4, 4, 3, 3, 4; efforts 4, 3.5, 4, 3 → (10 × 79/3 + 7.5 × 14.5) / 100 = 3.72083 → 68.02
    expect(c.index).toBeCloseTo((((10 * 79) / 3 + 7.5 * 14.5) / 100 - 1) * 25, 10);
    expect(c.stage).toBe('accelereret');
    expect(c.stagePlacement.next.stage).toBe('integreret');
    expect(c.stagePlacement.next.unmet.map((r: { ref: string }) => r.ref)).toEqual([
      'index',
      'domain.effort.mean',
      'competency.lowest',
      'why.impact.portfolio',
    ]);
  });

  it('prints a readable text report in English', () => {
    const text = pejling(['score', FILE, '--lang', 'en']).stdout;
    expect(text).toMatch(/# Styrelsen for Æbler og Øer \(stat, 2 respondents\)/);
    expect(text).toMatch(/Placed at Accelerated because/);
    expect(text).toMatch(/Integrated needs/);
  });

  it('lists every problem of a bad file with row and column, exit 2, and a BOM is fine', () => {
    const bad = join(tmp, 'bad.csv');
    writeFileSync(
      bad,
      '\uFEFForganisation,sector,respondent,profile.role,why.importance,how.leadership.rank,how.clarity.rank,colour\n',
    );
    const r = pejling(['score', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('row 1, column H (colour): unknown column');
    writeFileSync(
      bad,
      '\uFEFForganisation,sector,respondent,profile.role,why.importance,how.leadership.rank\nÅ,kommune,1,chef,9,1\nÅ,by,2,it,,\n',
    );
    const r2 = pejling(['score', bad]);
    expect(r2.code).toBe(2);
    expect(r2.stderr.split('\n').filter((l) => l.includes('row '))).toEqual([
      `${bad}: row 2, column D (profile.role): "chef" is not one of topleder, forretning, it, andet`,
      `${bad}: row 2, column E (why.importance): 9 is outside 1–5`,
      `${bad}: row 2, column F (how.leadership.rank): the ranking is incomplete: how.clarity.rank, how.methods.rank, how.data.rank, how.partnership.rank, how.diversity.rank, how.decisions.rank not ranked (rank all 7 or none)`.replace(
        'column F (how.leadership.rank)',
        'column (how.clarity.rank)',
      ),
      `${bad}: row 3, column B (sector): sector must be one of stat, region, kommune, andet (found "by")`,
    ]);
    expect(pejling(['score', join(tmp, 'missing.csv')]).stderr).toMatch(
      /missing\.csv: row 1: file not found/,
    );
  });
});

describe('pejling sector', () => {
  it('shows only the counts of a file with fewer than k organisations (default 5)', () => {
    const r = pejling(['sector', FILE, '--round', '2026']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      round: '2026',
      instrument: 'dt-offentlig',
      organisations: 3,
      respondents: 5,
      disclosure: { k: 5, suppressed: true, reason: 'fewer than 5 organisations: no figure is shown' },
    });
    const below = pejling(['sector', FILE, '--k', '2']);
    expect(below.code).toBe(2);
    expect(below.stderr).toMatch(/--k: k must be a whole number of at least 3 organisations/);
  });

  it('gives the spec figures over organisations, computed by hand, as far as k = 3 allows', () => {
    const r = pejling(['sector', FILE, '--round', '2026', '--k', '3']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({
      round: '2026',
      organisations: 3,
      respondents: 5,
      // 4.5 → 5, 3, 4.5 → 5: counts of 1 and 2 are below k, so only the zeros are shown.
      importance: { '1': 0, '2': 0, '3': null, '4': 0, '5': null },
      // Stages 2 and 1: hidden, and so is the zero that would complete the line.
      stages: { indlejret: null, accelereret: null },
      release: { number: 1, k: 3, final: true },
    });
    const close = (v: number, e: number) => expect(v).toBeCloseTo(e, 10);
    close(s.impact.optimise, 13 / 3);
    close(s.impact.division, 3.5);
    close(s.impact.portfolio, 8.5 / 3);
    close(s.domains.services.priority, 13 / 3);
    close(s.domains.processes.effort, 10 / 3);
    close(s.domains.employees.effort, 3);
    close(s.competencies.leadership.meanRank, 3.5 / 3);
    close(s.competencies.leadership.score, (2.5 + 4 + 13 / 3) / 3);
    close(s.competencies.decisions.meanRank, 20.5 / 3);
    close(s.competencies.data.score, 11.5 / 3);
    expect(Object.keys(s.competencies)).toEqual([
      'leadership',
      'clarity',
      'methods',
      'data',
      'partnership',
      'diversity',
      'decisions',
    ]);
  });
});
