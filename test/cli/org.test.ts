/**
 * `pejling org …` end to end on both backends: set and list an organisation's attributes,
 * an attributes file and a comparison-set file (all or nothing, problems by row and column).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StorageConfig } from '../../src/storage/index.ts';
import { fixture } from '../helpers.ts';
import { BACKENDS, createTestTarget, TEST_PG_URL } from '../storage/backends.ts';
import { pejling } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'pejling-cli-org-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const envFor = (config: StorageConfig): Record<string, string> =>
  config.backend === 'sqlite'
    ? { PEJLING_DATA_DIR: config.dataDir, DATABASE_URL: '' }
    : { DATABASE_URL: TEST_PG_URL, PEJLING_DB_SCHEMA: config.schema ?? 'public' };

for (const backend of BACKENDS) {
  describe(`pejling org [${backend}]`, { timeout: 120_000 }, () => {
    it('sets, lists and imports attributes and comparison sets', async (test) => {
      const target = await createTestTarget(backend);
      test.onTestFinished(() => target.cleanup());
      const cli = (...args: string[]) => pejling(args, envFor(target.config));
      expect(cli('import', fixture('dt-three-orgs.csv'), '--round', 'r').code).toBe(0);

      const set = cli(
        'org',
        'set',
        '--round',
        'r',
        '--organisation',
        'Aabenraa Kommune',
        '--type',
        'kommune',
        '--size',
        '58000',
        '--region',
        'Syddanmark',
        '--attr',
        'flis=4',
      );
      expect(set.code, set.stderr).toBe(0);
      expect(set.stdout).toBe('Aabenraa Kommune: type kommune, size 58000 (band large), region Syddanmark\n');

      const wrong = cli('org', 'set', '--round', 'r', '--organisation', 'Region Syd', '--type', 'kommune');
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(
        /\[type\]: the type must be one of region or hospital in the sector region/,
      );

      const attributes = file(
        `${backend}-attrs.csv`,
        'organisation;org.type;org.size\nRegion Syd;hospital;800000\nStyrelsen for Æbler og Øer;styrelse;12,5\n',
      );
      const imported = cli('org', 'import', '--round', 'r', attributes);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toMatch(/Set the attributes of 2 organisations in round r/);

      const bad = file(`${backend}-bad.csv`, 'organisation,org.size\nNowhere,1\n');
      const refused = cli('org', 'import', '--round', 'r', bad);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        `${bad}:2 [organisation]: "Nowhere" is not an organisation of the round r`,
      );
      expect(refused.stderr).toMatch(/Nothing was changed/);

      const pairs = file(
        `${backend}-pairs.csv`,
        'organisation;comparison\nAabenraa Kommune;Region Syd\nAabenraa Kommune;Styrelsen for Æbler og Øer\n',
      );
      const compared = cli('org', 'comparisons', '--round', 'r', pairs);
      expect(compared.code, compared.stderr).toBe(0);
      expect(compared.stdout).toMatch(/Comparison sets of 1 organisations \(2 pairs\)/);

      const list = cli('org', 'list', '--round', 'r', '--format', 'json');
      expect(list.code, list.stderr).toBe(0);
      expect(JSON.parse(list.stdout)).toEqual([
        {
          name: 'Aabenraa Kommune',
          sector: 'kommune',
          type: 'kommune',
          size: 58000,
          sizeBand: 'large',
          region: 'Syddanmark',
          attributes: { flis: '4' },
          comparisons: ['Region Syd', 'Styrelsen for Æbler og Øer'],
        },
        {
          name: 'Region Syd',
          sector: 'region',
          type: 'hospital',
          size: 800000,
          sizeBand: 'medium',
          region: null,
          attributes: {},
          comparisons: [],
        },
        {
          name: 'Styrelsen for Æbler og Øer',
          sector: 'stat',
          type: 'styrelse',
          size: 12.5,
          sizeBand: 'small',
          region: null,
          attributes: {},
          comparisons: [],
        },
      ]);
      // The export carries them back out.
      const exported = cli('export', '--round', 'r', '--format', 'csv');
      expect(exported.stdout.split('\n')[0]).toMatch(
        /^organisation,sector,respondent,org\.type,org\.size,org\.region,org\.flis,profile\.role,/,
      );
      expect(exported.stdout.split('\n')[1]).toMatch(
        /^Aabenraa Kommune,kommune,a1,kommune,58000,Syddanmark,4,/,
      );
    });
  });
}
