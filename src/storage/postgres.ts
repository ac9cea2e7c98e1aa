/**
 * The PostgreSQL backend: a `pg` pool behind Kysely's PostgresDialect.
 *
 * Every connection gets `search_path` (the configured schema, `public` by default),
 * `TimeZone=UTC` and `DateStyle=ISO`, and type parsers that give the same JavaScript values as
 * SQLite: timestamptz → ISO-8601 string, bigint → number, json → its text (see schema.ts).
 */
import pg from 'pg';
import { PostgresDialect } from 'kysely';
import { redactUrl } from './config.ts';
import { DatabaseConnectionError } from './errors.ts';

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
  const pool = new pg.Pool({ connectionString: url, options, types, max: poolSize });
  // An idle client error (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseConnectionError(
      `Could not connect to PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  return { dialect: new PostgresDialect({ pool }), pool };
}
