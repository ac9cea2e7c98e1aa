/**
 * Versioned migrations, the same list for both backends, run on every open. Kysely's Migrator
 * records what ran in `pejling_migration`, runs everything pending in one transaction and, on
 * PostgreSQL, holds an advisory lock meanwhile, so app instances starting together migrate once.
 *
 * To add a migration: create `NNNN-name.ts` exporting `up(db, dialect)` and list it below.
 * Never edit a migration that has shipped.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectName } from '../database.ts';
import { MigrationError } from '../errors.ts';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-api-tokens.ts';
import * as m0003 from './0003-org-plans.ts';
import * as m0004 from './0004-accounts.ts';
import * as m0005 from './0005-organisation-scores.ts';
import * as m0006 from './0006-respondent-token-index.ts';
import * as m0007 from './0007-releases.ts';
import * as m0008 from './0008-round-name-case.ts';
import * as m0009 from './0009-round-organisations.ts';
import * as m0010 from './0010-jobs.ts';
import * as m0011 from './0011-invitee-status.ts';
import * as m0012 from './0012-rate-limits.ts';
import * as m0013 from './0013-user-administration.ts';
import * as m0016 from './0016-portfolio.ts';
import * as m0017 from './0017-oidc.ts';
import * as m0018 from './0018-round-organiser.ts';
import * as m0019 from './0019-panel-respondents.ts';
import * as m0020 from './0020-sector-privat.ts';
import * as m0022 from './0022-portfolio-publications.ts';

interface StorageMigration {
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

const MIGRATIONS: Readonly<Record<string, StorageMigration>> = {
  '0001-initial': m0001,
  '0002-api-tokens': m0002,
  '0003-org-plans': m0003,
  '0004-accounts': m0004,
  '0005-organisation-scores': m0005,
  '0006-respondent-token-index': m0006,
  '0007-releases': m0007,
  '0008-round-name-case': m0008,
  '0009-round-organisations': m0009,
  '0010-jobs': m0010,
  '0011-invitee-status': m0011,
  '0012-rate-limits': m0012,
  '0013-user-administration': m0013,
  '0016-portfolio': m0016,
  '0017-oidc': m0017,
  '0018-round-organiser': m0018,
  '0019-panel-respondents': m0019,
  '0020-sector-privat': m0020,
  '0022-portfolio-publications': m0022,
};

/** Every migration, in the order it runs. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);

export const MIGRATION_TABLE = 'pejling_migration';

class InCodeProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, m]) => [
        name,
        { up: (db: Kysely<unknown>) => m.up(db, this.dialect) },
      ]),
    );
  }
}

/** A failure caused by another schema on the server being dropped while the catalogue was read. */
const isConcurrentDrop = (error: unknown, schema: string | undefined) => {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if (code === '3F000' || /schema "[^"]+" does not exist/.test(message)) return true;
  // 42P01 on a table of some other schema: it went between listing the tables and reading them.
  const other = /relation "([^".]+)\.[^"]+" does not exist/.exec(message)?.[1];
  return (code === '42P01' || other !== undefined) && other !== undefined && other !== schema;
};

/** Brings the schema up to date; returns the names of the migrations that ran (none when current). */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: DialectName,
  schema: string | undefined,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new InCodeProvider(dialect),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  let { error, results = [] } = await migrator.migrateToLatest();
  // Kysely's migrator reads the catalogue of every schema (its introspection), and on
  // PostgreSQL that query fails when another schema on the server is dropped meanwhile
  // (3F000, "schema … does not exist"; or 42P01 on one of its tables). Nothing was migrated then (PostgreSQL runs it all in
  // one transaction), so it is safe to try again.
  for (
    let attempt = 1;
    error && dialect === 'postgres' && attempt <= 3 && isConcurrentDrop(error, schema);
    attempt++
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    ({ error, results = [] } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationError(
      `Database migration ${failed ? `${failed} ` : ''}failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
