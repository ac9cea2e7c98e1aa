/**
 * `pejling panel import` and `pejling panel report` end to end on both backends: a bad file
 * exits 2 naming row, column and reason with nothing imported; a good one replaces the
 * round's panel; the same file again changes nothing; the report gives the contract's JSON.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StorageConfig } from '../../src/storage/index.ts';
import { BACKENDS, createTestTarget, TEST_PG_URL } from '../storage/backends.ts';
import { pejling } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'pejling-cli-panel-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const envFor = (config: StorageConfig): Record<string, string> =>
  config.backend === 'sqlite'
    ? { PEJLING_DATA_DIR: config.dataDir, DATABASE_URL: '' }
    : { DATABASE_URL: TEST_PG_URL, PEJLING_DB_SCHEMA: config.schema ?? 'public' };

const GOOD = file(
  'good.csv',
  [
    'respondent,weight,bg.age,digital.all',
    ...Array.from({ length: 12 }, (_, i) => `c${i},${i < 6 ? 2 : 1},30-49,${i < 3 ? 5 : 1}`),
  ].join('\n'),
);
const BAD = file('bad.csv', ['respondent,weight,digital.all', 'c1,1,4', 'c2,-2,4', 'c3,1,x'].join('\n'));

for (const backend of BACKENDS) {
  describe(`pejling panel [${backend}]`, { timeout: 120_000 }, () => {
    it('imports a panel all or nothing and reports it', async (test) => {
      const target = await createTestTarget(backend);
      test.onTestFinished(() => target.cleanup());
      const cli = (...args: string[]) => pejling(args, envFor(target.config));

      const bad = cli('panel', 'import', BAD, '--round', 'borgere-2026');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/row 3.*column B.*weight.*greater than 0/);
      expect(bad.stderr).toMatch(/row 4.*column C.*digital\.all/);
      expect(cli('panel', 'report', '--round', 'borgere-2026').code).toBe(2); // no round was created

      const good = cli('panel', 'import', GOOD, '--round', 'borgere-2026', '--min-cell', '12');
      expect(good.code, good.stderr).toBe(0);
      expect(good.stdout).toMatch(/12 \(replacing 0\)/);
      expect(cli('panel', 'import', GOOD, '--round', 'borgere-2026').stdout).toMatch(/unchanged/);

      const report = cli('panel', 'report', '--round', 'borgere-2026');
      expect(report.code, report.stderr).toBe(0);
      const json = JSON.parse(report.stdout);
      // agree: c0..c2 with weight 2 → 6 of Σw = 18; n_eff = 18² / (6·4 + 6·1) = 10.8
      expect(json.shares['digital.all'].agree.share).toBeCloseTo(6 / 18, 12);
      expect(json.shares['digital.all'].agree.nEffective).toBeCloseTo(10.8, 12);
      expect(json.minCell).toBe(12);
      expect(json.breakdowns['bg.age']['30-49'].respondents).toBe(12);
      expect(json.combined.organisationRound).toBeNull();
    });
  });
}
