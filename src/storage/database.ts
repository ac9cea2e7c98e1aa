/**
 * Opening the database: the one entry point for both backends. Queries are written once
 * against `db.kysely`; the backend only shows in `db.dialect` for the rare dialect-specific
 * clause (row locks, collation).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, type KyselyConfig } from 'kysely';
import { SCHEMA_NAME, checkPostgresUrl, redactUrl, type StorageConfig } from './config.ts';
import { StorageConfigError } from './errors.ts';
import { migrateToLatest } from './migrations/index.ts';
import type { PgClientRegistry } from './pg-copy.ts';
import { createPostgresDialect } from './postgres.ts';
import type { Schema } from './schema.ts';
import { createSqliteDialect } from './sqlite.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface TransactionOptions {
  /** PostgreSQL only; SQLite transactions are always serializable. */
  readonly isolation?: 'read committed' | 'repeatable read' | 'serializable';
}

/**
 * What every query function takes first: the open database or a transaction on it. Calling
 * `transaction` on a transaction joins it, so query functions compose inside a caller's
 * transaction. Inside `transaction(fn)`, use only the `tx` it passes: on SQLite the single
 * connection is held by the transaction, so a query on the outer `Database` would wait forever.
 */
export interface Db {
  readonly kysely: Kysely<Schema>;
  readonly dialect: DialectName;
  readonly inTransaction: boolean;
  transaction<T>(fn: (tx: Db) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Storage-internal: the embedded database's own handle, for bulk inserts through one reused
   * prepared statement (see bulk-insert.ts). Absent on PostgreSQL.
   */
  readonly sqliteHandle?: SqliteHandle;
  /** Storage-internal: PostgreSQL's pooled clients, for COPY (see pg-copy.ts). Absent on SQLite. */
  readonly pgHandle?: PgHandle;
}

export interface PgHandle {
  readonly clients: PgClientRegistry;
  /** Turns a driver error into the storage error the rest of the app expects. */
  classify(err: unknown): unknown;
}

export interface SqliteHandle {
  readonly database: BetterSqlite3.Database;
  /** Turns a driver error into the storage error the rest of the app expects. */
  classify(err: unknown): unknown;
}

export interface Database extends Db {
  /** The SQLite file path, or the PostgreSQL URL without its password. */
  readonly location: string;
  /** Migrations this open applied (empty when the schema was current). */
  readonly migrationsApplied: readonly string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Run pending migrations (default true). */
  readonly migrate?: boolean;
  /**
   * Called after each query with its SQL text and duration, for diagnostics. Parameters are
   * deliberately not passed on: they carry answers and token hashes.
   */
  readonly onQuery?: (event: { sql: string; durationMs: number; failed: boolean }) => void;
}

export async function openDatabase(config: StorageConfig, options: OpenOptions = {}): Promise<Database> {
  const onQuery = options.onQuery;
  const log: KyselyConfig['log'] = onQuery
    ? (e) => onQuery({ sql: e.query.sql, durationMs: e.queryDurationMillis, failed: e.level === 'error' })
    : undefined;
  let kysely: Kysely<Schema>;
  let location: string;
  let sqliteHandle: SqliteHandle | undefined;
  let pgHandle: PgHandle | undefined;
  let schema: string | undefined;
  if (config.backend === 'sqlite') {
    const sqlite = createSqliteDialect(config.dataDir);
    kysely = new Kysely<Schema>({ dialect: sqlite.dialect, log });
    location = sqlite.path;
    sqliteHandle = sqlite.handle;
  } else {
    checkPostgresUrl(config.url);
    schema = config.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema))
      throw new StorageConfigError(`Invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
    const pg = await createPostgresDialect(config.url, schema, config.poolSize);
    kysely = new Kysely<Schema>({ dialect: pg.dialect, log });
    location = redactUrl(config.url);
    pgHandle = { clients: pg.clients, classify: pg.classify };
  }

  let migrationsApplied: string[] = [];
  if (options.migrate !== false) {
    try {
      migrationsApplied = await migrateToLatest(kysely as Kysely<unknown>, config.backend, schema);
    } catch (err) {
      await kysely.destroy();
      throw err;
    }
  }

  let closed = false;
  return {
    ...wrap(kysely, config.backend, false, { sqliteHandle, pgHandle }),
    location,
    migrationsApplied,
    async close() {
      if (closed) return;
      closed = true;
      await kysely.destroy();
    },
  };
}

function wrap(
  kysely: Kysely<Schema>,
  dialect: DialectName,
  inTransaction: boolean,
  handles: { sqliteHandle: SqliteHandle | undefined; pgHandle: PgHandle | undefined },
): Db {
  const { sqliteHandle, pgHandle } = handles;
  const db: Db = {
    kysely,
    dialect,
    inTransaction,
    ...(sqliteHandle ? { sqliteHandle } : {}),
    ...(pgHandle ? { pgHandle } : {}),
    transaction(fn, options) {
      if (inTransaction) return fn(db);
      let builder = kysely.transaction();
      if (dialect === 'postgres' && options?.isolation)
        builder = builder.setIsolationLevel(options.isolation);
      return builder.execute((tx) => fn(wrap(tx, dialect, true, handles)));
    },
  };
  return db;
}
