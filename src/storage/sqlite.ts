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
 *
 * Disk full: SQLite reports SQLITE_FULL (or an I/O error) and rolls the write back; the driver
 * turns that into a `DiskFullError`, the file stays consistent, and the same connection writes
 * again once there is room.
 */
import { mkdirSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { SqliteHandle } from './database.ts';
import { SqliteAdapter, SqliteDialect, type DialectAdapter, type Driver } from 'kysely';
import { classifyingDriver, SQLITE_MIN_FREE_BYTES, toStorageError } from './driver-errors.ts';
import { DatabaseConnectionError, DatabaseInUseError, DiskFullError } from './errors.ts';

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
    // 256 MB of page cache (the default is 2 MB): a large import then builds its indexes in
    // memory instead of spilling half-done pages to the WAL again and again.
    conn.pragma('cache_size = -262144');
    conn.exec('BEGIN IMMEDIATE; COMMIT');
    conn.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (err) {
    conn.close();
    if (isBusy(err)) throw new DatabaseInUseError(path, { cause: err });
    throw err;
  }
  return conn;
}

export function createSqliteDialect(dataDir: string): {
  dialect: SqliteDialect;
  path: string;
  handle: SqliteHandle;
} {
  const path = sqlitePath(dataDir);
  const context = { backend: 'sqlite', location: path, diskIsFull: () => diskIsFull(path) } as const;
  let database: BetterSqlite3.Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    database = openSqliteFile(path);
  } catch (err) {
    if (err instanceof DatabaseInUseError) throw err;
    const classified = toStorageError(err, context);
    if (classified instanceof DiskFullError) throw classified;
    throw new DatabaseConnectionError(
      `Could not open the embedded database ${path}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  const dialect = new TransactionalDdlSqliteDialect({ database }, (driver) =>
    classifyingDriver(driver, (err) => toStorageError(err, context), {
      // After SQLITE_FULL or an I/O error SQLite may have rolled the whole transaction back.
      skipRollback: () => !database.inTransaction,
    }),
  );
  return { dialect, path, handle: { database, classify: (err) => toStorageError(err, context) } };
}

/** Whether the file system holding `path` has (almost) no space left for SQLite to write. */
function diskIsFull(path: string): boolean {
  try {
    const fs = statfsSync(dirname(path));
    return fs.bavail * fs.bsize < SQLITE_MIN_FREE_BYTES;
  } catch {
    return false;
  }
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
  constructor(
    config: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly wrapDriver: (driver: Driver) => Driver,
  ) {
    super(config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }

  override createDriver(): Driver {
    return this.wrapDriver(super.createDriver());
  }
}
