/**
 * The embedded backend: one SQLite file opened by exactly one process.
 *
 * Durability: WAL with `synchronous=FULL` fsyncs the WAL on every commit, so a write that
 * returned survives `kill -9` and a power cut (NORMAL would only survive the former).
 *
 * Ownership: `locking_mode=EXCLUSIVE` plus an immediate write transaction make this process
 * hold the file lock until it closes or dies; the OS drops the lock when the process ends, even
 * on SIGKILL. A second process fails at once instead of two writers corrupting assumptions
 * (and with exclusive locking the WAL index lives in process memory: no `-shm` file).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';
import { DatabaseConnectionError, DatabaseInUseError } from './errors.ts';

export const SQLITE_FILE = 'pejling.db';
/** How long a statement waits for a lock. Only matters if something else touches the file. */
const BUSY_TIMEOUT_MS = 5000;

export function sqlitePath(dataDir: string): string {
  return join(dataDir, SQLITE_FILE);
}

export function openSqliteFile(path: string): BetterSqlite3.Database {
  const conn = new BetterSqlite3(path);
  try {
    // Fail fast while taking ownership: waiting would only delay the "in use" message.
    conn.pragma('busy_timeout = 0');
    conn.pragma('locking_mode = EXCLUSIVE');
    const mode = conn.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`Could not switch ${path} to WAL mode (got ${String(mode)})`);
    conn.pragma('synchronous = FULL');
    conn.pragma('foreign_keys = ON');
    conn.exec('BEGIN IMMEDIATE; COMMIT');
    conn.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (err) {
    conn.close();
    if (isBusy(err)) throw new DatabaseInUseError(path, { cause: err });
    throw err;
  }
  return conn;
}

export function createSqliteDialect(dataDir: string): { dialect: SqliteDialect; path: string } {
  const path = sqlitePath(dataDir);
  let database: BetterSqlite3.Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    database = openSqliteFile(path);
  } catch (err) {
    if (err instanceof DatabaseInUseError) throw err;
    throw new DatabaseConnectionError(
      `Could not open the embedded database ${path}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  return { dialect: new TransactionalDdlSqliteDialect({ database }), path };
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED')
  );
}

/**
 * SQLite DDL is transactional, but Kysely's adapter says otherwise, which would make the
 * migrator run migrations outside a transaction: a crash mid-migration would leave a
 * half-built schema. Claiming support makes each run atomic.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
