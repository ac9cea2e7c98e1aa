/**
 * `pejling portfolio …` end to end on both backends: import initiatives (Danish Excel CSV)
 * and realised gains, a bad file refused whole with row and column, the report's JSON with
 * the settings it used, settings, and export → import round trips (CSV and XLSX).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StorageConfig } from '../../src/storage/index.ts';
import { fixture } from '../helpers.ts';
import { BACKENDS, createTestTarget, TEST_PG_URL } from '../storage/backends.ts';
import { pejling } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'pejling-cli-portfolio-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const envFor = (config: StorageConfig): Record<string, string> =>
  config.backend === 'sqlite'
    ? { PEJLING_DATA_DIR: config.dataDir, DATABASE_URL: '' }
    : { DATABASE_URL: TEST_PG_URL, PEJLING_DB_SCHEMA: config.schema ?? 'public' };

const HEADER =
  'organisation;initiative;track;owner;status;competency;start;investment_dkk;running_cost_dkk_per_year;expected_hours_per_year;expected_dkk_per_year;gains_booked;budget_year';

for (const backend of BACKENDS) {
  describe(`pejling portfolio [${backend}]`, { timeout: 300_000 }, () => {
    it('imports, reports, sets and exports', async (test) => {
      const target = await createTestTarget(backend);
      test.onTestFinished(() => target.cleanup());
      const cli = (...args: string[]) => pejling(args, envFor(target.config));
      expect(cli('import', fixture('dt-three-orgs.csv'), '--round', 'r').code).toBe(0);

      const initiatives = file(
        `${backend}-init.csv`,
        `\uFEFF${HEADER}\nAabenraa Kommune;Skærmbesøg;skal-loesninger;Anne;i-drift;methods;2026-01;300000;20000;1000;50000,5;ja;2026\n` +
          `Aabenraa Kommune;Datafundament;forudsaetninger;;i-gang;data;2026-07;100000;60000;0;50000;nej;\n`,
      );
      const imported = cli('portfolio', 'import', initiatives);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toMatch(/Imported 2 initiative\(s\) for 1 organisation/);

      const bad = file(
        `${backend}-bad.csv`,
        'organisation,initiative,month,realised_hours,realised_dkk\nAabenraa Kommune,Skærmbesøg,2025-12,0,5\nNowhere,X,2026-01,0,1\nAabenraa Kommune,Skærmbesøg,2026-02,-1,1\n',
      );
      const refused = cli('portfolio', 'import', bad);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        `${bad}:2 [month]: 2025-12 is before the initiative's start (2026-01)`,
      );
      expect(refused.stderr).toContain(`${bad}:3 [organisation]`);
      expect(refused.stderr).toContain(`${bad}:4 [realised_hours]`);
      expect(refused.stderr).toMatch(/Nothing was changed/);

      const realised = file(
        `${backend}-real.csv`,
        'organisation,initiative,month,realised_hours,realised_dkk\nAabenraa Kommune,skærmbesøg,2026-01,20,10000\nAabenraa Kommune,Skærmbesøg,2026-02,0,10000\n',
      );
      expect(cli('portfolio', 'import', realised).code).toBe(0);

      const settings = cli(
        'portfolio',
        'settings',
        'Aabenraa Kommune',
        '--hourly-cost',
        '200',
        '--hours-per-fte',
        '1600',
        '--discount-rate',
        '0.05',
        '--horizon',
        '3',
      );
      expect(settings.code, settings.stderr).toBe(0);
      const badSettings = cli('portfolio', 'settings', 'Aabenraa Kommune', '--horizon', '0');
      expect(badSettings.code).toBe(2);
      expect(badSettings.stderr).toMatch(/horizonYears/);

      const report = cli('portfolio', 'report', 'Aabenraa Kommune', '--as-of', '2026-06', '--format', 'json');
      expect(report.code, report.stderr).toBe(0);
      const json = JSON.parse(report.stdout);
      expect(json.settings).toMatchObject({
        hourlyCostDkk: 200,
        hoursPerFte: 1600,
        discountRate: 0.05,
        horizonYears: 3,
        defaults: false,
      });
      const [a, b] = json.initiatives;
      expect(a).toMatchObject({
        initiative: 'Skærmbesøg',
        expectedTotalDkkPerYear: 250000.5,
        fte: 0.625,
        realisedToDateDkk: 24000,
      });
      expect(a.npvDkk).toBeCloseTo(-300000 + 230000.5 * 2.7232480293704784, 4);
      expect(b.paybackYears).toBeNull();
      expect(json.total.investmentDkk).toBe(400000);
      expect(json.byTrack.forudsaetninger.initiatives).toBe(1);
      expect(json.warnings.map((w: { code: string }) => w.code)).toEqual([
        'under-half-after-six-months',
        'gains-not-booked',
        'no-owner',
      ]);

      // Round trips: the Danish Excel CSV and XLSX come back as the same portfolio.
      const out = join(dir, `${backend}-out.csv`);
      expect(cli('portfolio', 'export', 'Aabenraa Kommune', '--out', out, '--danish-excel').code).toBe(0);
      const csv = readFileSync(out, 'utf8');
      expect(csv.startsWith('\uFEFForganisation;initiative;')).toBe(true);
      expect(csv).toContain(';50000,5;ja;2026');
      expect(cli('portfolio', 'import', out).code).toBe(0);
      const xlsx = join(dir, `${backend}-out.xlsx`);
      expect(
        cli('portfolio', 'export', 'Aabenraa Kommune', '--kind', 'realisations', '--out', xlsx).code,
      ).toBe(0);
      const again = cli('portfolio', 'import', xlsx);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/Imported 2 realised month/);
      const after = JSON.parse(
        cli('portfolio', 'report', 'Aabenraa Kommune', '--as-of', '2026-06', '--format', 'json').stdout,
      );
      expect(after.initiatives).toEqual(json.initiatives);
    });
  });
}
