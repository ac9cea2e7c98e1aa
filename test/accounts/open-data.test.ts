/**
 * The open data set: one row per number the release shows, never a row from fewer than k, no
 * total that gives a hidden count away, no free text, every column described.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { disclosurePolicy } from '../../src/core/disclosure/policy.ts';
import { releaseOfOrganisations } from '../../src/core/release/build.ts';
import { buildOpenData } from '../../src/open-data/build.ts';
import { openDataFiles } from '../../src/open-data/files.ts';
import { loadBuiltinInstrument } from '../../src/instruments/registry.ts';
import type { Sector } from '../../src/core/exchange/types.ts';
import { HAND_ROUND, org, respondent } from './sector-data.ts';

const SECRET = 'free text that must never be published';
const at = '2026-11-30T10:00:00.000Z';

const roundArb = fc.array(
  fc.record({
    sector: fc.constantFrom<Sector>('stat', 'region', 'kommune', 'andet'),
    respondents: fc.array(
      fc.record({
        role: fc.constantFrom('topleder', 'forretning', 'it', 'andet'),
        v: fc.integer({ min: 1, max: 5 }),
        importance: fc.integer({ min: 1, max: 5 }),
        order: fc.constantFrom<'A' | 'B'>('A', 'B'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
  { maxLength: 30 },
);

type Row = Record<string, string>;
const rowsOf = (files: { name: string; content: string }[], name: string): Row[] =>
  parse(files.find((f) => f.name === `${name}.csv`)!.content, { columns: true }) as Row[];

describe('open data', async () => {
  const instrument = await loadBuiltinInstrument('dt-offentlig');
  const data = (k: number, orgs = HAND_ROUND) =>
    buildOpenData(instrument, 'R', releaseOfOrganisations(instrument, orgs, disclosurePolicy({ k }), at));

  it('never publishes a row from fewer than k organisations, nor a count that lets a hidden one be worked out', () => {
    fc.assert(
      fc.property(roundArb, fc.integer({ min: 3, max: 6 }), (shape, k) => {
        const organisations = shape.map((o, i) =>
          org(
            `Org ${i}`,
            o.sector,
            o.respondents.map((r, j) => respondent(`r${j}`, r.role, r.v, r.importance, r.order, SECRET)),
          ),
        );
        const files = openDataFiles(data(k, organisations));
        for (const f of files) expect(f.content).not.toContain(SECRET);
        // Figures and quantiles leave the count empty where it would count the few without an answer.
        for (const row of rowsOf(files, 'groups'))
          expect(Number(row.organisations)).toBeGreaterThanOrEqual(k);
        for (const name of ['figures', 'quantiles'])
          for (const row of rowsOf(files, name))
            if (row.organisations !== '') expect(Number(row.organisations)).toBeGreaterThanOrEqual(k);
        // A count is 0 or at least k; where a group's categories are all shown but one, the
        // hidden rest is 0 or at least k too (else subtraction would give it away).
        const sizes = new Map(rowsOf(files, 'groups').map((r) => [r.group!, Number(r.organisations)]));
        const counts = rowsOf(files, 'distributions');
        for (const row of counts)
          expect(Number(row.organisations) === 0 || Number(row.organisations) >= k).toBe(true);
        for (const [group, size] of sizes)
          for (const figure of ['importance', 'stages']) {
            const shown = counts
              .filter((r) => r.group === group && r.figure === figure)
              .map((r) => Number(r.organisations));
            const hidden = size - shown.reduce((a, b) => a + b, 0);
            // Organisations without an answer count as hidden here: the rest is at most this.
            if (shown.length > 0) expect(hidden === 0 || hidden >= k, `${group} ${figure}`).toBe(true);
          }
        // Group sizes: a partition of the round shown but for one part would give that part away.
        if (sizes.has('all')) {
          const sectors = [...sizes].filter(([g]) => g.startsWith('sector:')).map(([, n]) => n);
          const rest = sizes.get('all')! - sectors.reduce((a, b) => a + b, 0);
          expect(rest === 0 || rest >= k).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('describes every column of every file in datapackage.json (Frictionless), and every figure in the dictionary', () => {
    const files = openDataFiles(data(3));
    const pkg = JSON.parse(files.find((f) => f.name === 'datapackage.json')!.content) as {
      profile: string;
      description: string;
      resources: {
        path: string;
        schema: { fields: { name: string; type: string; description: string }[] };
      }[];
    };
    expect(pkg.profile).toBe('tabular-data-package');
    expect(pkg.description).toMatch(/release 1/);
    expect(pkg.resources.map((r) => r.path).sort()).toEqual(
      files
        .filter((f) => f.name.endsWith('.csv'))
        .map((f) => f.name)
        .sort(),
    );
    for (const resource of pkg.resources) {
      const header = files
        .find((f) => f.name === resource.path)!
        .content.split('\n')[0]!
        .split(',');
      expect(resource.schema.fields.map((f) => f.name)).toEqual(header);
      for (const field of resource.schema.fields) expect(field.description.length).toBeGreaterThan(10);
    }
    const dictionary = new Set(rowsOf(files, 'dictionary').map((r) => r.figure));
    for (const name of ['figures', 'distributions', 'quantiles'])
      for (const row of rowsOf(files, name)) expect(dictionary.has(row.figure!), row.figure).toBe(true);
  });

  it('publishes the hand-computed round: the whole, not the lone region nor what would give it away', () => {
    const files = openDataFiles(data(3));
    const groups = rowsOf(files, 'groups').map((r) => `${r.group}=${r.organisations}`);
    // The region (1) is hidden, so the kommuner (3) go too: all − kommune would be it; the same
    // for best practice (1) and the rest (3).
    expect(groups).toEqual(['all=4']);
    const optimise = rowsOf(files, 'figures').filter((r) => r.figure === 'impact.optimise');
    expect(optimise.map((r) => [r.group, r.value, r.organisations])).toEqual([['all', '2.5', '4']]);
  });
});
