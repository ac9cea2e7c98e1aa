/**
 * Runs one test suite on every backend: a fresh SQLite database in a temp dir, and PostgreSQL
 * in a fresh schema (dropped afterwards).
 *
 * PostgreSQL: `PEJLING_TEST_DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/test).
 * `PEJLING_TEST_BACKENDS=sqlite` limits the run to some backends; by default both run, and a
 * PostgreSQL that is down fails the suite rather than being skipped silently.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import { openDatabase, type Database, type StorageConfig } from '../../src/storage/index.ts';

export type Backend = 'sqlite' | 'postgres';

export const TEST_PG_URL = process.env.PEJLING_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const BACKENDS: readonly Backend[] = (process.env.PEJLING_TEST_BACKENDS ?? 'sqlite,postgres')
  .split(',')
  .map((b) => b.trim())
  .filter((b): b is Backend => b === 'sqlite' || b === 'postgres');

export interface TestTarget {
  readonly backend: Backend;
  readonly config: StorageConfig;
  /** Removes the temp dir or drops the schema. */
  cleanup(): Promise<void>;
}

/** A place for a fresh, empty database; nothing is opened yet. */
export async function createTestTarget(backend: Backend): Promise<TestTarget> {
  if (backend === 'sqlite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'pejling-test-'));
    return {
      backend,
      config: { backend: 'sqlite', dataDir },
      cleanup: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const schema = `pejling_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    backend,
    config: { backend: 'postgres', url: TEST_PG_URL, schema, poolSize: 4 },
    cleanup: () => dropSchema(schema),
  };
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

export interface BackendContext {
  readonly backend: Backend;
  /** The config of the current test's database, e.g. to reopen it or hand it to a child. */
  config(): StorageConfig;
}

/**
 * `describe`s the suite once per backend; each test gets a freshly migrated database from
 * `getDb()`, closed and removed after the test.
 */
export function describeEachBackend(
  name: string,
  suite: (getDb: () => Database, context: BackendContext) => void,
): void {
  for (const backend of BACKENDS) {
    describe(`${name} [${backend}]`, () => {
      let target: TestTarget | undefined;
      let db: Database | undefined;
      beforeEach(async () => {
        target = await createTestTarget(backend);
        db = await openDatabase(target.config);
      });
      afterEach(async () => {
        try {
          await db?.close();
        } finally {
          await target?.cleanup();
          db = undefined;
          target = undefined;
        }
      });
      suite(
        () => {
          if (!db) throw new Error('getDb() is only available inside a test');
          return db;
        },
        {
          backend,
          config: () => {
            if (!target) throw new Error('config() is only available inside a test');
            return target.config;
          },
        },
      );
    });
  }
}
