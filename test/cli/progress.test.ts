/**
 * Progress bars of long CLI commands: drawn on stderr (never stdout, which carries the result),
 * only on a terminal — or when PEJLING_PROGRESS=always, which is how this test sees them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';
import { pejling } from './run.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-cli-progress-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const fixture = join(ROOT, 'test', 'fixtures', 'dt-three-orgs.csv');

describe('CLI progress bars', { timeout: 180_000 }, () => {
  it('show import, export and backup progress to the end, on stderr only', async () => {
    const env = { PEJLING_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
    const forced = { ...env, PEJLING_PROGRESS: 'always' };

    const quiet = pejling(['import', fixture, '--round', 'r1'], env);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');

    const loud = pejling(['import', fixture, '--round', 'r2'], forced);
    expect(loud.code, loud.stderr).toBe(0);
    expect(loud.stderr).toMatch(/checking .*dt-three-orgs\.csv…/);
    // Every phase ends at 100 %, with the counts of the file.
    expect(loud.stderr).toMatch(/submissions +\[=+\] 100% (\d+)\/\1/);
    // The result on stdout is the same as without bars.
    expect(loud.stdout.replace(/r2/g, 'r1').replace(/\d+ created/g, '')).toBe(
      quiet.stdout.replace(/\d+ created/g, ''),
    );

    const csv = join(dir, 'r2.csv');
    const exported = pejling(['export', '--round', 'r2', '--out', csv], forced);
    expect(exported.code, exported.stderr).toBe(0);
    const respondents = (await readFile(csv, 'utf8')).trim().split('\n').length - 1;
    expect(exported.stderr).toContain(`respondents [${'='.repeat(30)}] 100% ${respondents}/${respondents}`);

    // Every organisation's PDF in one ZIP, one step of the bar per organisation.
    const zipFile = join(dir, 'r2-reports.zip');
    const pdfs = pejling(['report', 'pdfs', '--round', 'r2', '--out', zipFile], forced);
    expect(pdfs.code, pdfs.stderr).toBe(0);
    const names = Object.keys(unzipSync(await readFile(zipFile)));
    expect(pdfs.stdout).toBe(`Wrote ${zipFile}: ${names.length} PDF report(s)\n`);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/-\d+\.pdf$/);
    expect(pdfs.stderr).toContain(`PDF reports [${'='.repeat(30)}] 100% ${names.length}/${names.length}`);

    const backup = pejling(['backup', join(dir, 'all.pejling-backup')], forced);
    expect(backup.code, backup.stderr).toBe(0);
    const rows = Number(/rows: +(\d+)/.exec(backup.stdout)![1]);
    expect(backup.stderr).toMatch(new RegExp(`backing up \\w+ \\[=+\\] 100% ${rows}/${rows}`));
  });
});
