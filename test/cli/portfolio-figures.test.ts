/**
 * `pejling portfolio figures` end to end on both backends: the portfolio across organisations
 * under the round's k — three organisations are fewer than the default k = 5, so every cell
 * says "too-few" and no figure is shown; bad options exit 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StorageConfig } from '../../src/storage/index.ts';
import { fixture } from '../helpers.ts';
import { BACKENDS, createTestTarget, TEST_PG_URL } from '../storage/backends.ts';
import { pejling } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'pejling-cli-portfolio-figures-'));
const envFor = (config: StorageConfig): Record<string, string> =>
  config.backend === 'sqlite'
    ? { PEJLING_DATA_DIR: config.dataDir, DATABASE_URL: '' }
    : { DATABASE_URL: TEST_PG_URL, PEJLING_DB_SCHEMA: config.schema ?? 'public' };

const HEADER =
  'organisation,initiative,track,owner,status,competency,start,investment_dkk,running_cost_dkk_per_year,expected_hours_per_year,expected_dkk_per_year,gains_booked,budget_year';

for (const backend of BACKENDS) {
  describe(`pejling portfolio figures [${backend}]`, { timeout: 300_000 }, () => {
    it('answers under the round’s k, in JSON and in words', async (test) => {
      const target = await createTestTarget(backend);
      test.onTestFinished(() => target.cleanup());
      const cli = (...args: string[]) => pejling(args, envFor(target.config));
      expect(cli('import', fixture('dt-three-orgs.csv'), '--round', 'r').code).toBe(0);
      const file = join(dir, `${backend}.csv`);
      writeFileSync(
        file,
        `${HEADER}\n` +
          ['Aabenraa Kommune', 'Region Syd', 'Styrelsen for Æbler og Øer']
            .map(
              (o, n) => `${o},A,skal-loesninger,Anne,i-drift,,2026-01,1000,0,0,${12_000 * (n + 1)},ja,2026`,
            )
            .join('\n') +
          '\n',
      );
      expect(cli('portfolio', 'import', file).code).toBe(0);

      const json = cli('portfolio', 'figures', '--round', 'r', '--as-of', '2026-06', '--format', 'json');
      expect(json.code, json.stderr).toBe(0);
      const report = JSON.parse(json.stdout) as {
        k: number;
        asOf: string;
        cells: { reason: string; realisation: number | null }[];
      };
      expect(report).toMatchObject({ k: 5, asOf: '2026-06' });
      expect(report.cells.length).toBeGreaterThan(0);
      expect(report.cells.every((c) => c.reason === 'too-few' && c.realisation === null)).toBe(true);

      const text = cli('portfolio', 'figures', '--round', 'r', '--as-of', '2026-06');
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain('(k = 5)');
      expect(text.stdout).toContain('all / total: not shown: too-few');

      expect(cli('portfolio', 'figures', '--round', 'r', '--as-of', '2026-13').code).toBe(2);
      expect(cli('portfolio', 'figures', '--round', 'nope').code).not.toBe(0);
    });
  });
}
