/**
 * Driver errors the application can act on, as storage errors: the database is unavailable
 * (PostgreSQL stopped, restarting, unreachable, out of connections) or its disk is full. Both
 * backends wrap their Kysely driver with `classifyingDriver`, so every query, transaction and
 * connection checkout raises a `DatabaseUnavailableError` or a `DiskFullError` instead of a
 * driver-specific error, and the layers above map only storage errors (HTTP 503, CLI exit 1).
 *
 * Everything else (constraint violations, syntax errors, …) passes through untouched: query
 * functions still see the driver's own error where they look at its code.
 */
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult, TransactionSettings } from 'kysely';
import { DatabaseUnavailableError, DiskFullError, StorageError } from './errors.ts';

export interface ClassifyContext {
  readonly backend: 'sqlite' | 'postgres';
  /** The SQLite file, or the PostgreSQL URL without its password (goes into messages). */
  readonly location: string;
  /**
   * SQLite: whether the disk holding the database is (nearly) full right now. SQLite reports
   * most ENOSPC failures as SQLITE_FULL, but some (fsync, truncate) only as an SQLITE_IOERR
   * variant; this tells those apart from other I/O errors.
   */
  readonly diskIsFull?: () => boolean;
}

/**
 * PostgreSQL SQLSTATEs that mean "not now" rather than "never": admin/crash shutdown, still
 * starting up, idle session ended, too many connections. Class 08 (connection exception) is
 * matched as a class.
 */
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '57P05', '53300']);
const PG_DISK_FULL = '53100';

/** Network errors of the socket to the database server. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Errors `pg` and `pg-pool` raise without a code when the connection is gone or cannot be had. */
const PG_MESSAGES: readonly [RegExp, string][] = [
  [/^Connection terminated unexpectedly/, 'connection-terminated'],
  [/^Connection terminated due to connection timeout/, 'connect-timeout'],
  [/^Connection terminated$/, 'connection-terminated'],
  [/^timeout exceeded when trying to connect/, 'pool-timeout'],
  [/is not queryable$/, 'connection-lost'],
  [/^Cannot use a pool after calling end on the pool/, 'pool-closed'],
];

/** Below this much free space, an SQLite I/O error is taken to be the disk running full. */
export const SQLITE_MIN_FREE_BYTES = 1024 * 1024;

interface DriverErrorShape {
  code?: unknown;
  errno?: unknown;
  syscall?: unknown;
  message?: unknown;
  errors?: unknown;
  cause?: unknown;
}

const shape = (err: unknown): DriverErrorShape =>
  typeof err === 'object' && err !== null ? (err as DriverErrorShape) : {};

const messageOf = (err: unknown): string => {
  const m = shape(err).message;
  return typeof m === 'string' && m !== '' ? m : String(err);
};

/**
 * The storage error a driver error stands for, or undefined when it is not one of ours to
 * classify (the caller then rethrows the original). Looks through `cause` and the `errors` of
 * an AggregateError (Node's connect tries every address of a host name).
 */
export function classifyDriverError(err: unknown, context: ClassifyContext): StorageError | undefined {
  if (err instanceof StorageError) return undefined;
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === undefined || current === null || seen.has(current) || seen.size > 10) continue;
    seen.add(current);
    const found = classifyOne(current, context);
    if (found) return found(err);
    const { cause, errors } = shape(current);
    if (cause !== undefined) queue.push(cause);
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
  }
  return undefined;
}

/** `classifyDriverError`, or the original error when it is not classified. */
export function toStorageError(err: unknown, context: ClassifyContext): unknown {
  return classifyDriverError(err, context) ?? err;
}

type Make = (original: unknown) => StorageError;

function classifyOne(err: unknown, context: ClassifyContext): Make | undefined {
  const { code } = shape(err);
  const message = messageOf(err);
  if (context.backend === 'sqlite') {
    if (typeof code !== 'string') return undefined;
    // ENOSPC: a file operation around SQLite (creating the data directory) ran out of space.
    if (code === 'SQLITE_FULL' || code === 'ENOSPC')
      return (original) => new DiskFullError(context.location, { cause: original });
    if ((code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) && context.diskIsFull?.())
      return (original) => new DiskFullError(context.location, { cause: original });
    return undefined;
  }
  if (typeof code === 'string') {
    if (code === PG_DISK_FULL) return (original) => new DiskFullError(context.location, { cause: original });
    if (code.startsWith('08') || PG_UNAVAILABLE.has(code) || NETWORK_CODES.has(code))
      return unavailable(code, message, context);
    // A Unix socket that is not there: the server is not running.
    if (code === 'ENOENT' && shape(err).syscall === 'connect') return unavailable(code, message, context);
  }
  for (const [pattern, reason] of PG_MESSAGES) {
    if (pattern.test(message)) return unavailable(reason, message, context);
  }
  return undefined;
}

function unavailable(reason: string, message: string, context: ClassifyContext): Make {
  return (original) =>
    new DatabaseUnavailableError(
      reason,
      `The database ${context.location} is unavailable (${reason}): ${message}`,
      { cause: original },
    );
}

/**
 * Wraps a Kysely driver so that every failure of a checkout, query, stream or transaction
 * statement goes through `translate`. `skipRollback` lets the SQLite driver skip a ROLLBACK when
 * SQLite has already rolled the transaction back itself (after SQLITE_FULL, for one): a failing
 * ROLLBACK would otherwise replace the error that explains what happened.
 */
export function classifyingDriver(
  inner: Driver,
  translate: (err: unknown) => unknown,
  options: { skipRollback?: () => boolean } = {},
): Driver {
  const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const unwrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw translate(err);
    }
  };
  const wrap = (connection: DatabaseConnection): DatabaseConnection => {
    let outer = wrapped.get(connection);
    if (!outer) {
      outer = {
        executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> =>
          guard(() => connection.executeQuery<R>(query)),
        async *streamQuery<R>(query: CompiledQuery, chunkSize?: number) {
          try {
            yield* connection.streamQuery<R>(query, chunkSize);
          } catch (err) {
            throw translate(err);
          }
        },
      };
      wrapped.set(connection, outer);
      unwrapped.set(outer, connection);
    }
    return outer;
  };
  const innerOf = (connection: DatabaseConnection) => unwrapped.get(connection) ?? connection;
  const driver: Driver = {
    init: () => guard(() => inner.init()),
    acquireConnection: async () => wrap(await guard(() => inner.acquireConnection())),
    // The wrapped connection goes in, so the BEGIN/COMMIT the driver runs on it is translated too.
    beginTransaction: (connection, settings: TransactionSettings) =>
      guard(() => inner.beginTransaction(connection, settings)),
    commitTransaction: (connection) => guard(() => inner.commitTransaction(connection)),
    rollbackTransaction: async (connection) => {
      if (options.skipRollback?.()) return;
      await guard(() => inner.rollbackTransaction(connection));
    },
    releaseConnection: (connection) => inner.releaseConnection(innerOf(connection)),
    destroy: () => inner.destroy(),
  };
  if (inner.savepoint) {
    const savepoint = inner.savepoint.bind(inner);
    driver.savepoint = (c, name, compile) => guard(() => savepoint(c, name, compile));
  }
  if (inner.rollbackToSavepoint) {
    const rollbackTo = inner.rollbackToSavepoint.bind(inner);
    driver.rollbackToSavepoint = (c, name, compile) => guard(() => rollbackTo(c, name, compile));
  }
  if (inner.releaseSavepoint) {
    const release = inner.releaseSavepoint.bind(inner);
    driver.releaseSavepoint = (c, name, compile) => guard(() => release(c, name, compile));
  }
  return driver;
}
