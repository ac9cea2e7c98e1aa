/**
 * The PostgreSQL backend: a `pg` pool behind Kysely's PostgresDialect.
 *
 * Every connection gets `search_path` (the configured schema, `public` by default),
 * `TimeZone=UTC` and `DateStyle=ISO`, and type parsers that give the same JavaScript values as
 * SQLite: timestamptz → ISO-8601 string, bigint → number, json → its text (see schema.ts).
 *
 * Failures: when the server goes away (stopped, restarting, network), queries fail with a
 * `DatabaseUnavailableError` (see driver-errors.ts) instead of hanging: a checkout waits at most
 * CONNECT_TIMEOUT_MS, and TCP keep-alive probes a silent peer after 10 s idle (when it is
 * declared dead is up to the OS). Dead clients leave the pool by themselves and new ones
 * connect on demand, so the same process recovers when the server is back. A lost connection is logged once per outage (on stderr, without the password), and the
 * recovery once.
 */
import pg from 'pg';
import { PostgresDialect, type Driver } from 'kysely';
import { redactUrl } from './config.ts';
import { classifyingDriver, toStorageError } from './driver-errors.ts';
import { DatabaseConnectionError, DatabaseUnavailableError } from './errors.ts';
import { PgClientRegistry } from './pg-copy.ts';

/** How long a query waits for a connection (a new one, or a free one from the pool). */
export const CONNECT_TIMEOUT_MS = 5_000;
/** Idle time before TCP keep-alive probes start on a connection (the OS default is 2 hours). */
const KEEPALIVE_DELAY_MS = 10_000;

const OID = { int8: 20, json: 114, jsonb: 3802, timestamptz: 1184 } as const;

const parseTimestamptz = pg.types.getTypeParser(OID.timestamptz) as (v: string) => Date | number;

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Integer ${value} is too large for a JavaScript number`);
  return n;
}

function parseTimestamp(value: string): string {
  const d = parseTimestamptz(value);
  if (!(d instanceof Date) || Number.isNaN(d.getTime()))
    throw new RangeError(`Unsupported timestamp ${value}`);
  return d.toISOString();
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): unknown {
    switch (oid) {
      case OID.int8:
        return parseInt8;
      case OID.timestamptz:
        return parseTimestamp;
      case OID.json:
      case OID.jsonb:
        return (v: string) => v;
      default:
        return format === 'binary'
          ? pg.types.getTypeParser(oid, 'binary')
          : pg.types.getTypeParser(oid, 'text');
    }
  },
};

export interface PostgresHandle {
  dialect: PostgresDialect;
  pool: pg.Pool;
  /** The pool's clients by backend process id, for COPY inside a transaction (pg-copy.ts). */
  clients: PgClientRegistry;
  /** Turns a driver error into the storage error the rest of the app expects. */
  classify(err: unknown): unknown;
}

export async function createPostgresDialect(
  url: string,
  schema: string,
  poolSize = 10,
): Promise<PostgresHandle> {
  const userOptions = new URL(url).searchParams.get('options');
  const options = [userOptions, `-c search_path=${schema}`, '-c TimeZone=UTC', '-c DateStyle=ISO']
    .filter(Boolean)
    .join(' ');
  const pool = new pg.Pool({
    connectionString: url,
    options,
    types,
    max: poolSize,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
  });
  const location = redactUrl(url);
  // Whether the server takes a new connection now: a fresh client, outside the pool.
  const probe = async () => {
    const client = new pg.Client({
      connectionString: url,
      options,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  };
  const outage = outageLog(location, url, probe);
  const clients = new PgClientRegistry();
  clients.watch(pool);
  // Which recovery each client was connected after: one from before the latest is stale.
  const generationOf = new WeakMap<object, number>();
  // An idle client's error (server restart) must not crash the process; the pool drops it.
  pool.on('error', (err, client) => outage.lost(err, generationOf.get(client)));
  pool.on('connect', (client) => {
    outage.restored();
    generationOf.set(client, outage.generation());
    // A checked-out client has no pool listener: without this, a connection that dies between
    // two queries of a transaction would be an uncaught 'error' event and end the process.
    client.on('error', (err) => outage.lost(err, generationOf.get(client)));
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseConnectionError(
      `Could not connect to PostgreSQL at ${location}: ${outage.scrub((err as Error).message)}`,
      { cause: err },
    );
  }
  const context = { backend: 'postgres', location } as const;
  const translate = (err: unknown) => {
    const classified = toStorageError(err, context);
    // Waiting too long for a pooled client means busy, not gone.
    if (classified instanceof DatabaseUnavailableError && classified.reason !== 'pool-timeout')
      outage.lost(err);
    return classified;
  };
  const dialect = new ClassifyingPostgresDialect({ pool }, (driver) => classifyingDriver(driver, translate));
  return { dialect, pool, clients, classify: translate };
}

class ClassifyingPostgresDialect extends PostgresDialect {
  constructor(
    config: ConstructorParameters<typeof PostgresDialect>[0],
    private readonly wrapDriver: (driver: Driver) => Driver,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return this.wrapDriver(super.createDriver());
  }
}

const REMIND_AFTER_MS = 60_000;
/** How long after a recovery a failing client may be one left over from before it. */
const STALE_AFTER_RESTORE_MS = 10_000;

/**
 * One line when the connection is lost and one when it is back, however many clients and
 * requests fail in between (during a long outage, again each minute). JSON on stderr (stdout
 * may carry a command's output). A client connected before the latest recovery that fails
 * died with the old server and is not news; a failure of unknown origin shortly after a
 * recovery counts as a new outage only if the server also refuses a new connection.
 */
function outageLog(location: string, url: string, probe: () => Promise<boolean>) {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // redactUrl has said what there is to say about an unparseable URL.
  }
  const scrub = (text: string) => (password.length >= 3 ? text.split(password).join('***') : text);
  const write = (level: number, msg: string, fields: Record<string, unknown> = {}) =>
    process.stderr.write(
      `${JSON.stringify({ level, time: Date.now(), pid: process.pid, msg, database: location, ...fields })}\n`,
    );
  let down = false;
  let loggedAt = 0;
  let probing = false;
  let restoredAt = -Infinity;
  let generation = 0;
  const report = (err: unknown) => {
    down = true;
    loggedAt = Date.now();
    const e = (err ?? {}) as { code?: unknown; message?: unknown };
    write(40, 'lost the connection to PostgreSQL; requests get 503 until it is back', {
      code: typeof e.code === 'string' ? e.code : undefined,
      reason: scrub(typeof e.message === 'string' ? e.message : String(err)),
    });
  };
  return {
    scrub,
    generation: () => generation,
    /** `clientGeneration`: when the failing client is known, the recovery it connected after. */
    lost(err: unknown, clientGeneration?: number) {
      // Again after a while: a recovery is only seen on a new connection, which a pool of
      // healthy clients may not need for a long time.
      if (down) {
        if (Date.now() - loggedAt >= REMIND_AFTER_MS) report(err);
        return;
      }
      if (clientGeneration !== undefined) {
        if (clientGeneration === generation) report(err);
        return;
      }
      if (Date.now() - restoredAt >= STALE_AFTER_RESTORE_MS) {
        report(err);
        return;
      }
      if (probing) return;
      probing = true;
      void probe().then((reachable) => {
        probing = false;
        if (!reachable && !down) report(err);
      });
    },
    restored() {
      if (!down) return;
      down = false;
      restoredAt = Date.now();
      generation++;
      write(30, 'connected to PostgreSQL again');
    },
  };
}
