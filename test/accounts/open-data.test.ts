/** The open data set: never a row from fewer than k, no total that reveals a hidden group, no free text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildOpenData } from '../../src/open-data/build.ts';
import { openDataFiles } from '../../src/open-data/files.ts';
import { loadBuiltinInstrument } from '../../src/instruments/registry.ts';
import type { Sector } from '../../src/core/exchange/types.ts';
import { HAND_ROUND, org, respondent } from './sector-data.ts';

const SECRET = 'free text that must never be published';

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

/** The hidden part of a partition, as a reader could compute it from the published rows. */
function hiddenTotals(total: number, parts: number[], k: number): boolean {
  const hidden = total - parts.reduce((a, b) => a + b, 0);
  return hidden === 0 || hidden >= k;
}

describe('open data', () => {
  it('never publishes a row from fewer than k organisations, nor a total that gives a hidden group away', async () => {
    const instrument = await loadBuiltinInstrument('dt-offentlig');
    fc.assert(
      fc.property(roundArb, fc.integer({ min: 3, max: 6 }), (shape, k) => {
        const organisations = shape.map((o, i) =>
          org(
            `Org ${i}`,
            o.sector,
            o.respondents.map((r, j) => respondent(`r${j}`, r.role, r.v, r.importance, r.order, SECRET)),
          ),
        );
        const files = openDataFiles(buildOpenData(instrument, 'R', k, organisations));
        for (const f of files) expect(f.content).not.toContain(SECRET);
        for (const name of ['groups', 'figures', 'distributions', 'divergence']) {
          for (const row of rowsOf(files, name)) expect(Number(row.organisations)).toBeGreaterThanOrEqual(k);
        }
        const groups = new Map(rowsOf(files, 'groups').map((r) => [r.group, Number(r.organisations)]));
        const figures = rowsOf(files, 'figures');
        for (const figure of new Set(figures.map((r) => r.figure))) {
          const of = (pred: (g: string) => boolean) =>
            figures.filter((r) => r.figure === figure && pred(r.group!)).map((r) => Number(r.organisations));
          const all = of((g) => g === 'all')[0];
          if (all === undefined) continue;
          expect(
            hiddenTotals(
              all,
              of((g) => g.startsWith('sector:')),
              k,
            ),
            `${figure} by sector`,
          ).toBe(true);
          expect(
            hiddenTotals(
              all,
              of((g) => g === 'best-practice' || g === 'rest'),
              k,
            ),
            `${figure} best/rest`,
          ).toBe(true);
        }
        const distributions = rowsOf(files, 'distributions');
        for (const [group, size] of groups) {
          for (const figure of ['importance', 'stages']) {
            const parts = distributions
              .filter((r) => r.group === group && r.figure === figure)
              .map((r) => Number(r.organisations));
            expect(hiddenTotals(size, parts, k), `${group} ${figure}`).toBe(true);
          }
        }
        if (groups.has('all')) {
          const sectors = [...groups].filter(([g]) => g?.startsWith('sector:')).map(([, n]) => n);
          expect(hiddenTotals(groups.get('all')!, sectors, k)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('describes every column of every file in datapackage.json (Frictionless)', async () => {
    const instrument = await loadBuiltinInstrument('dt-offentlig');
    const files = openDataFiles(buildOpenData(instrument, 'R', 3, HAND_ROUND));
    const pkg = JSON.parse(files.find((f) => f.name === 'datapackage.json')!.content) as {
      profile: string;
      resources: {
        path: string;
        schema: { fields: { name: string; type: string; description: string }[] };
      }[];
    };
    expect(pkg.profile).toBe('tabular-data-package');
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
  });

  it('publishes the hand-computed round: the kommuner and the whole, not the lone region', async () => {
    const instrument = await loadBuiltinInstrument('dt-offentlig');
    const files = openDataFiles(buildOpenData(instrument, 'R', 3, HAND_ROUND));
    const groups = rowsOf(files, 'groups').map((r) => `${r.group}=${r.organisations}`);
    // The region (1) is hidden, so the kommuner (3) go too: all − kommune would reveal it; the
    // same for best practice (1) and the rest (3).
    expect(groups).toEqual(['all=4']);
    const optimise = rowsOf(files, 'figures').filter((r) => r.figure === 'impact.optimise');
    expect(optimise.map((r) => [r.group, r.value, r.organisations])).toEqual([['all', '2.5', '4']]);
  });
});
