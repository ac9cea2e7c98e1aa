/**
 * The classifier that turns driver errors into storage errors, the driver wrapper that applies
 * it, their HTTP mapping, and (on the shared PostgreSQL, touching only this test's own
 * connections) a pool whose connections are terminated under it.
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { CompiledQuery, sql, type DatabaseConnection, type Driver } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installErrorHandling, toHttpProblem, UnavailableProblem } from '../../src/api/error-handler.ts';
import { classifyingDriver } from '../../src/storage/driver-errors.ts';
import {
  AlreadyExistsError,
  classifyDriverError,
  DatabaseConnectionError,
  DatabaseUnavailableError,
  DiskFullError,
  openDatabase,
  type ClassifyContext,
} from '../../src/storage/index.ts';
import { BACKENDS, TEST_PG_URL } from '../storage/backends.ts';

const PG: ClassifyContext = { backend: 'postgres', location: 'postgres://app:***@db.example:5432/pejling' };
const SQLITE: ClassifyContext = { backend: 'sqlite', location: '/srv/pejling/data/pejling.db' };

const pgError = (code: string, message = 'boom') =>
  Object.assign(new Error(message), { code, severity: 'FATAL' });
const sysError = (code: string, syscall = 'connect') =>
  Object.assign(new Error(`${syscall} ${code} 10.0.0.5:5432`), { code, errno: -1, syscall });

describe('classifyDriverError on PostgreSQL', () => {
  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection because of crash of another server process'],
    ['57P03', 'the database system is starting up'],
    ['08006', 'connection failure'],
    ['08001', 'could not connect'],
    ['08P01', 'protocol violation'],
    ['53300', 'sorry, too many clients already'],
  ])('%s (%s) means unavailable', (code, message) => {
    const err = classifyDriverError(pgError(code, message), PG);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect(err).toBeInstanceOf(DatabaseConnectionError);
    expect(err).toMatchObject({ code: 'DATABASE_UNAVAILABLE', reason: code });
    expect(err!.message).toBe(`The database ${PG.location} is unavailable (${code}): ${message}`);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])(
    'socket error %s means unavailable',
    (code) => {
      expect(classifyDriverError(sysError(code), PG)).toMatchObject({ reason: code });
    },
  );

  it('a missing Unix socket means the server is not running; other ENOENT are not ours', () => {
    expect(classifyDriverError(sysError('ENOENT'), PG)).toBeInstanceOf(DatabaseUnavailableError);
    expect(classifyDriverError(sysError('ENOENT', 'open'), PG)).toBeUndefined();
  });

  it.each([
    ['Connection terminated unexpectedly', 'connection-terminated'],
    ['Connection terminated', 'connection-terminated'],
    ['timeout exceeded when trying to connect', 'pool-timeout'],
    ['Client has encountered a connection error and is not queryable', 'connection-lost'],
    ['Client was closed and is not queryable', 'connection-lost'],
    ['Cannot use a pool after calling end on the pool', 'pool-closed'],
  ])('pg message "%s" means unavailable', (message, reason) => {
    expect(classifyDriverError(new Error(message), PG)).toMatchObject({ reason });
  });

  it('looks into causes and AggregateErrors (a host name with several addresses)', () => {
    const timeout = new Error('Connection terminated due to connection timeout', {
      cause: new Error('Connection terminated unexpectedly'),
    });
    expect(classifyDriverError(timeout, PG)).toMatchObject({ reason: 'connect-timeout' });
    const aggregate = new AggregateError(
      [sysError('ECONNREFUSED'), sysError('ECONNREFUSED')],
      'connect failed',
    );
    const classified = classifyDriverError(aggregate, PG);
    expect(classified).toMatchObject({ reason: 'ECONNREFUSED' });
    expect(classified!.cause).toBe(aggregate);
  });

  it('53100 is a full disk on the server', () => {
    const err = classifyDriverError(pgError('53100', 'could not extend file: No space left on device'), PG);
    expect(err).toBeInstanceOf(DiskFullError);
    expect(err!.message).toContain(`The disk holding the database is full: ${PG.location}`);
  });

  it('leaves everything else alone: constraint violations, serialization failures, syntax, own errors', () => {
    for (const code of ['23505', '23503', '40001', '42601', '22P02'])
      expect(classifyDriverError(pgError(code), PG)).toBeUndefined();
    expect(classifyDriverError(new Error('something else'), PG)).toBeUndefined();
    expect(classifyDriverError(new AlreadyExistsError('round', 'x'), PG)).toBeUndefined();
    expect(classifyDriverError(new DatabaseUnavailableError('x', 'y'), PG)).toBeUndefined();
    expect(classifyDriverError('a string', PG)).toBeUndefined();
    expect(classifyDriverError(null, PG)).toBeUndefined();
  });

  it('survives a cause cycle', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(classifyDriverError(a, PG)).toBeUndefined();
  });
});

describe('classifyDriverError on SQLite', () => {
  const sqliteError = (code: string) => Object.assign(new Error('database or disk is full'), { code });

  it('SQLITE_FULL is a full disk, with the path in the message', () => {
    const err = classifyDriverError(sqliteError('SQLITE_FULL'), SQLITE);
    expect(err).toBeInstanceOf(DiskFullError);
    expect(err).toMatchObject({ code: 'DISK_FULL', location: SQLITE.location });
    expect(err!.message).toMatch(
      /^The disk holding the database is full: \/srv\/pejling\/data\/pejling\.db\./,
    );
  });

  it('ENOSPC from the file system is a full disk too', () => {
    expect(classifyDriverError(sysError('ENOSPC', 'mkdir'), SQLITE)).toBeInstanceOf(DiskFullError);
  });

  it('an I/O error is a full disk only when the disk is in fact (nearly) full', () => {
    const full = { ...SQLITE, diskIsFull: () => true };
    const roomy = { ...SQLITE, diskIsFull: () => false };
    expect(classifyDriverError(sqliteError('SQLITE_IOERR_FSYNC'), full)).toBeInstanceOf(DiskFullError);
    expect(classifyDriverError(sqliteError('SQLITE_IOERR'), full)).toBeInstanceOf(DiskFullError);
    expect(classifyDriverError(sqliteError('SQLITE_IOERR_WRITE'), roomy)).toBeUndefined();
    expect(classifyDriverError(sqliteError('SQLITE_IOERR_WRITE'), SQLITE)).toBeUndefined();
  });

  it('leaves constraint and busy errors alone, and network codes mean nothing here', () => {
    for (const code of ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_BUSY', 'SQLITE_CORRUPT', 'SQLITE_ERROR'])
      expect(classifyDriverError(sqliteError(code), SQLITE)).toBeUndefined();
    expect(classifyDriverError(sysError('ECONNREFUSED'), SQLITE)).toBeUndefined();
  });
});

describe('classifyingDriver', () => {
  const query = CompiledQuery.raw('select 1');

  function fakeDriver(fail: () => unknown) {
    const inner: DatabaseConnection = {
      executeQuery: async () => {
        const err = fail();
        if (err) throw err;
        return { rows: [] };
      },
      async *streamQuery() {
        const err = fail();
        if (err) throw err;
        yield { rows: [] };
      },
    };
    const calls: string[] = [];
    const driver: Driver = {
      init: async () => {},
      acquireConnection: async () => inner,
      beginTransaction: async (c) => void (await c.executeQuery(CompiledQuery.raw('begin'))),
      commitTransaction: async (c) => void (await c.executeQuery(CompiledQuery.raw('commit'))),
      rollbackTransaction: async () => void calls.push('rollback'),
      releaseConnection: async (c) => void calls.push(c === inner ? 'release inner' : 'release wrapper'),
      destroy: async () => {},
    };
    return { driver, calls };
  }
  const translate = (err: unknown) => classifyDriverError(err, PG) ?? err;

  it('translates failures of queries, streams and transaction statements', async () => {
    let failure: unknown = sysError('ECONNRESET', 'read');
    const { driver, calls } = fakeDriver(() => failure);
    const wrapped = classifyingDriver(driver, translate);
    const connection = await wrapped.acquireConnection();
    await expect(connection.executeQuery(query)).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(wrapped.beginTransaction(connection, {})).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(wrapped.commitTransaction(connection)).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(
      (async () => {
        for await (const _ of connection.streamQuery(query)) void _;
      })(),
    ).rejects.toBeInstanceOf(DatabaseUnavailableError);
    // Other errors come through as they are (query functions look at their codes).
    const unique = pgError('23505', 'duplicate key');
    failure = unique;
    await expect(connection.executeQuery(query)).rejects.toBe(unique);
    failure = undefined;
    await expect(connection.executeQuery(query)).resolves.toEqual({ rows: [] });
    // The pool gets its own connection object back.
    await wrapped.releaseConnection(connection);
    expect(calls).toEqual(['release inner']);
  });

  it('translates a failed checkout', async () => {
    const { driver } = fakeDriver(() => undefined);
    driver.acquireConnection = async () => {
      throw new Error('timeout exceeded when trying to connect');
    };
    await expect(classifyingDriver(driver, translate).acquireConnection()).rejects.toMatchObject({
      reason: 'pool-timeout',
    });
  });

  it('skips ROLLBACK when the database has already rolled back', async () => {
    const { driver, calls } = fakeDriver(() => undefined);
    let inTransaction = false;
    const wrapped = classifyingDriver(driver, translate, { skipRollback: () => !inTransaction });
    const connection = await wrapped.acquireConnection();
    await wrapped.rollbackTransaction(connection);
    inTransaction = true;
    await wrapped.rollbackTransaction(connection);
    expect(calls).toEqual(['rollback']);
  });
});

describe('HTTP mapping', () => {
  it('maps unavailable and disk full to 503 with Retry-After; a failed open too', async () => {
    expect(toHttpProblem(new DatabaseUnavailableError('57P01', 'x'))).toMatchObject({
      status: 503,
      slug: 'database-unavailable',
      retryAfter: 5,
    });
    expect(toHttpProblem(new DatabaseConnectionError('x'))).toMatchObject({ slug: 'database-unavailable' });
    expect(toHttpProblem(new DiskFullError('/x/pejling.db'))).toMatchObject({
      status: 503,
      slug: 'disk-full',
      retryAfter: 30,
    });
    expect(toHttpProblem(new Error('x'))).not.toBeInstanceOf(UnavailableProblem);

    const lines: string[] = [];
    const app = Fastify({ logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } } });
    installErrorHandling(app);
    app.get('/down', async () => {
      throw new DatabaseUnavailableError('ECONNREFUSED', 'The database postgres://u:***@h/d is unavailable');
    });
    app.get('/full', async () => {
      throw new DiskFullError('/srv/data/pejling.db', {
        cause: Object.assign(new Error('x'), { code: 'SQLITE_FULL' }),
      });
    });
    const down = await app.inject({ url: '/down' });
    expect(down.statusCode).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.json()).toEqual({
      type: 'urn:pejling:problem:database-unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'The database is not available right now. Nothing was changed; try again in a few seconds.',
    });
    const full = await app.inject({ url: '/full' });
    expect(full.statusCode).toBe(503);
    expect(full.headers['retry-after']).toBe('30');
    expect(full.json()).toMatchObject({ type: 'urn:pejling:problem:disk-full' });
    expect(full.body).not.toContain('/srv/data');
    await app.close();
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.problem);
    expect(logged.map((e) => [e.level, e.problem])).toEqual([
      [40, 'database-unavailable'],
      [50, 'disk-full'],
    ]);
    // Brief: no stack traces for a known outage.
    expect(logged.every((e) => e.err === undefined)).toBe(true);
  });
});

describe.runIf(BACKENDS.includes('postgres'))('a PostgreSQL pool whose connections are terminated', () => {
  afterEach(() => vi.restoreAllMocks());

  it(
    'survives, logs once without the password, and serves again from the same pool',
    { timeout: 20_000 },
    async () => {
      // Trust authentication ignores the password; it is there to show it is never printed.
      const app = `pejling_resilience_${randomBytes(4).toString('hex')}`;
      const url = new URL(TEST_PG_URL);
      url.password = 'hunter2-secret';
      url.searchParams.set('application_name', app);
      const stderr: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      vi.spyOn(process.stderr, 'write').mockImplementation(
        (chunk: string | Uint8Array, ...rest: unknown[]) => {
          stderr.push(String(chunk));
          return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
        },
      );
      const schema = `pejling_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      const db = await openDatabase({ backend: 'postgres', url: url.toString(), schema, poolSize: 4 });
      const admin = new pg.Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      // Only this test's own connections, found by their application_name; returns once they are gone.
      const terminate = async () => {
        const { rows } = await admin.query<{ n: number }>(
          'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = $1',
          [app],
        );
        for (let i = 0; i < 50; i++) {
          const left = await admin.query('select 1 from pg_stat_activity where application_name = $1', [app]);
          if (left.rowCount === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await new Promise((r) => setTimeout(r, 200)); // the goodbye messages reach the clients
        return rows[0]!.n;
      };
      const lost = () => stderr.join('').match(/lost the connection to PostgreSQL/g)?.length ?? 0;
      try {
        // Idle connections in the pool are killed: 57P01 on each, handled by the pool.
        await Promise.all(
          [1, 2, 3].map(() => db.transaction((tx) => sql`select pg_sleep(0.05)`.execute(tx.kysely))),
        );
        expect(await terminate()).toBe(3);
        expect(lost(), 'three connections died, one log line').toBe(1);
        expect(await db.kysely.selectFrom('rounds').select('id').execute()).toEqual([]);

        // A connection killed in the middle of a transaction: a clean storage error, and then the
        // next query works.
        const inTransaction = db.transaction(async (tx) => {
          await tx.kysely.selectFrom('rounds').select('id').execute();
          await terminate();
          await tx.kysely.selectFrom('rounds').select('id').execute();
        });
        await expect(inTransaction).rejects.toBeInstanceOf(DatabaseUnavailableError);
        expect(await db.kysely.selectFrom('rounds').select('id').execute()).toEqual([]);
      } finally {
        await db.close();
        await admin.query(`drop schema if exists "${schema}" cascade`);
        await admin.end();
      }
      const lines = stderr
        .join('')
        .split('\n')
        .filter((l) => l.includes('PostgreSQL'));
      expect(stderr.join('')).not.toContain('hunter2-secret');
      // Once per outage, however many connections died: two outages here, each ended by a
      // successful reconnect.
      expect(lines.filter((l) => l.includes('lost the connection'))).toHaveLength(2);
      expect(lines.filter((l) => l.includes('connected to PostgreSQL again'))).toHaveLength(2);
      const first = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect(first).toMatchObject({ level: 40, code: '57P01', database: expect.stringContaining(':***@') });
    },
  );
});
