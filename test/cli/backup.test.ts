/**
 * `pejling backup` and `pejling restore` as a user runs them: from the embedded database to
 * PostgreSQL and back, checked with the commands a user would trust (`export`, `report
 * sector`), and the refusals with exit code 2.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRelease } from '../../src/api/services/releases.ts';
import { seedDemoAccounts } from '../../src/demo/accounts.ts';
import { DEMO_ROUNDS, seedDemo } from '../../src/demo/seed.ts';
import { seedDemoPlans } from '../../src/demo/seed-plans.ts';
import { readCatalog } from '../../src/storage/backup/catalog.ts';
import { listRounds, openDatabase, type StorageConfig } from '../../src/storage/index.ts';
import {
  BACKENDS,
  createTestTarget,
  TEST_PG_URL,
  type Backend,
  type TestTarget,
} from '../storage/backends.ts';
import { fixture } from '../helpers.ts';
import { pejling } from './run.ts';

let dir: string;
const targets: TestTarget[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-cli-backup-'));
});
afterEach(async () => {
  for (const t of targets.splice(0)) await t.cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function database(backend: Backend) {
  const target = await createTestTarget(backend);
  targets.push(target);
  const { config } = target;
  const env: Record<string, string> =
    config.backend === 'sqlite'
      ? { PEJLING_DATA_DIR: config.dataDir, DATABASE_URL: '' }
      : { DATABASE_URL: TEST_PG_URL, PEJLING_DB_SCHEMA: config.schema ?? 'public' };
  return { config, cli: (...args: string[]) => pejling(args, env) };
}

async function rowCounts(config: StorageConfig): Promise<Record<string, number>> {
  const db = await openDatabase(config);
  try {
    const out: Record<string, number> = {};
    for (const t of await readCatalog(db)) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.id(t.name)}`.execute(db.kysely);
      out[t.name] = Number(r.rows[0]!.n);
    }
    return out;
  } finally {
    await db.close();
  }
}

const other: Backend = BACKENDS.includes('postgres') ? 'postgres' : 'sqlite';

describe('pejling backup / restore', { timeout: 300_000 }, () => {
  it(`moves the embedded database to ${other} and back, with identical exports and figures`, async () => {
    const source = await database('sqlite');
    const db = await openDatabase(source.config);
    await seedDemo(db);
    await seedDemoPlans(db);
    await seedDemoAccounts(db);
    // Releases are data too: the figures after the move must be the same release.
    for (const round of await listRounds(db)) await makeRelease(db, round, 'import');
    await db.close();
    const counts = await rowCounts(source.config);

    const file = join(dir, 'pejling.pejling-backup');
    const backup = source.cli('backup', file);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(
      new RegExp(
        `^Backed up the embedded database to ${file}:\\n  tables: +${Object.keys(counts).length}\\n` +
          `  rows: +${Object.values(counts).reduce((a, b) => a + b)}\\n  migrations: up to 0\\d{3}-`,
      ),
    );
    expect(backup.stderr).toBe(''); // no progress line when stderr is not a terminal
    const again = source.cli('backup', file);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists; choose another file name, or replace it with --force/);
    expect(source.cli('backup', file, '--force').code).toBe(0);

    const moved = await database(other);
    const restore = moved.cli('restore', file);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/^Restored .* into .*:\n {2}backup: .*on sqlite\n/);
    expect(await rowCounts(moved.config)).toEqual(counts);

    const refused = moved.cli('restore', file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is not empty \(table \w+ has rows\)/);

    for (const round of Object.values(DEMO_ROUNDS)) {
      const csv = source.cli('export', '--round', round, '--format', 'csv');
      expect(csv.code, csv.stderr).toBe(0);
      expect(csv.stdout.split('\n').length).toBeGreaterThan(100);
      expect(moved.cli('export', '--round', round, '--format', 'csv').stdout).toBe(csv.stdout);
    }
    const figures = source.cli('report', 'sector', '--round', DEMO_ROUNDS.current, '--format', 'json');
    expect(figures.code, figures.stderr).toBe(0);
    expect(JSON.parse(figures.stdout)).toMatchObject({ round: DEMO_ROUNDS.current });
    expect(moved.cli('report', 'sector', '--round', DEMO_ROUNDS.current, '--format', 'json').stdout).toBe(
      figures.stdout,
    );

    // And back again, into a fresh embedded database.
    const back = join(dir, 'back.pejling-backup');
    expect(moved.cli('backup', back).code).toBe(0);
    const home = await database('sqlite');
    const restoreBack = home.cli('restore', back);
    expect(restoreBack.code, restoreBack.stderr).toBe(0);
    expect(restoreBack.stdout).toContain(`on ${other}`);
    expect(home.cli('export', '--round', DEMO_ROUNDS.current, '--format', 'csv').stdout).toBe(
      source.cli('export', '--round', DEMO_ROUNDS.current, '--format', 'csv').stdout,
    );
    expect(await rowCounts(home.config)).toEqual(await rowCounts(moved.config));
  });

  it('refuses a damaged file or a missing database with exit code 2, writing nothing', async () => {
    const source = await database('sqlite');
    const missing = source.cli('backup', join(dir, 'x.pejling-backup'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/There is no embedded database at .*pejling\.db/);

    expect(source.cli('import', fixture('dt-three-orgs.csv'), '--round', 'r1').code).toBe(0);
    const file = join(dir, 'small.pejling-backup');
    expect(source.cli('backup', file).code).toBe(0);

    // One answer changed in the last line: only the checksum at the end can tell.
    const lines = gunzipSync(await readFile(file))
      .toString('utf8')
      .split('\n');
    const last = lines.length - 2;
    const changed = lines[last]!.replace(
      /"why\.importance":(\d)/,
      (_, d: string) => `"why.importance":${6 - Number(d)}`,
    );
    expect(changed).not.toBe(lines[last]);
    lines[last] = changed;
    const bad = join(dir, 'bad.pejling-backup');
    await writeFile(bad, gzipSync(lines.join('\n')));

    const target = await database(other);
    const r = target.cli('restore', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^pejling: The backup file .* is damaged: its data \(lines 2–\d+\) does not match/,
    );
    expect(r.stderr).toMatch(/Nothing was restored\.\n$/);

    lines.splice(3, 0, '{"t":');
    await writeFile(bad, gzipSync(lines.join('\n')));
    const r2 = target.cli('restore', bad);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/is damaged: line 4: not JSON/);

    expect(Object.values(await rowCounts(target.config)).every((n) => n === 0)).toBe(true);
    const good = target.cli('restore', file);
    expect(good.code, good.stderr).toBe(0);
    expect(target.cli('export', '--round', 'r1').stdout).toBe(source.cli('export', '--round', 'r1').stdout);
  });
});
