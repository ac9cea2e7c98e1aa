import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/index.ts';
import { MIGRATION_NAMES } from '../../src/storage/migrations/index.ts';
import { BACKENDS, createTestTarget, describeEachBackend } from './backends.ts';

/**
 * The tables of this test's own database. On PostgreSQL only its schema is read: Kysely's
 * introspection reads every schema's, and other tests' schemas come and go meanwhile.
 */
async function tableNames(db: Awaited<ReturnType<typeof openDatabase>>): Promise<string[]> {
  if (db.dialect === 'postgres') {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = current_schema()
    `.execute(db.kysely);
    return rows.map((r) => r.name).sort();
  }
  const tables = await db.kysely.introspection.getTables({ withInternalKyselyTables: true });
  return tables.map((t) => t.name).sort();
}

describeEachBackend('migrations', (getDb, { config }) => {
  it('creates every table on first open and is a no-op on the next', async () => {
    const db = getDb();
    expect(db.migrationsApplied).toEqual(MIGRATION_NAMES);
    expect(MIGRATION_NAMES[0]).toBe('0001-initial');
    const before = await tableNames(db);
    expect(before).toEqual(
      expect.arrayContaining([
        'api_tokens',
        'audit_log',
        'drafts',
        'instruments',
        'organisations',
        'respondents',
        'rounds',
        'submissions',
        'users',
      ]),
    );
    await db.close();

    const again = await openDatabase(config());
    try {
      expect(again.migrationsApplied).toEqual([]);
      expect(await tableNames(again)).toEqual(before);
    } finally {
      await again.close();
    }
  });
});

describe.runIf(BACKENDS.includes('postgres'))('migrations [postgres, concurrent start]', () => {
  it('migrates once when two instances start together', async () => {
    const target = await createTestTarget('postgres');
    try {
      const [a, b] = await Promise.all([openDatabase(target.config), openDatabase(target.config)]);
      expect([...a.migrationsApplied, ...b.migrationsApplied]).toEqual(MIGRATION_NAMES);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await target.cleanup();
    }
  });
});
