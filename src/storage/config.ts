/**
 * Which database Pejling uses, from the environment: PostgreSQL when `DATABASE_URL` is set,
 * otherwise the embedded SQLite database under `PEJLING_DATA_DIR` (default `./data`).
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { StorageConfigError } from './errors.ts';

export type StorageConfig = SqliteConfig | PostgresConfig;

export interface SqliteConfig {
  readonly backend: 'sqlite';
  /** Absolute path of the directory holding `pejling.db`. */
  readonly dataDir: string;
}

export interface PostgresConfig {
  readonly backend: 'postgres';
  readonly url: string;
  /** Schema for all tables; `public` when not given. */
  readonly schema?: string;
  /** Maximum pool connections (default 10). */
  readonly poolSize?: number;
}

export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const emptyAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const envSchema = z.object({
  DATABASE_URL: z.preprocess(emptyAsUnset, z.string().optional()),
  PEJLING_DATA_DIR: z.preprocess(emptyAsUnset, z.string().default('./data')),
  PEJLING_DB_SCHEMA: z.preprocess(
    emptyAsUnset,
    z.string().regex(SCHEMA_NAME, 'must be a lower-case PostgreSQL identifier such as "pejling"').optional(),
  ),
});

export function loadStorageConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): StorageConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new StorageConfigError(`Invalid storage settings: ${problems}`);
  }
  const { DATABASE_URL, PEJLING_DATA_DIR, PEJLING_DB_SCHEMA } = parsed.data;
  if (DATABASE_URL === undefined) return { backend: 'sqlite', dataDir: resolve(PEJLING_DATA_DIR) };
  checkPostgresUrl(DATABASE_URL);
  return {
    backend: 'postgres',
    url: DATABASE_URL,
    ...(PEJLING_DB_SCHEMA ? { schema: PEJLING_DB_SCHEMA } : {}),
  };
}

const EXAMPLE_URL = 'postgres://user:password@host:5432/database';

/** Throws a StorageConfigError that never repeats the URL, since it may carry a password. */
export function checkPostgresUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new StorageConfigError(`DATABASE_URL is not a valid URL; expected something like ${EXAMPLE_URL}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new StorageConfigError(
      `DATABASE_URL must be a PostgreSQL URL (postgres:// or postgresql://), not ${url.protocol}//…; ` +
        `expected something like ${EXAMPLE_URL}`,
    );
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new StorageConfigError(`DATABASE_URL has no host; expected something like ${EXAMPLE_URL}`);
  }
}

/** The URL with any password replaced, for messages and logs. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    for (const key of ['password', 'sslpassword'])
      if (url.searchParams.has(key)) url.searchParams.set(key, '***');
    return url.toString();
  } catch {
    return '(unparseable URL)';
  }
}
