/**
 * Running migrations inside the restore's own transaction, so that a failed restore leaves
 * not even the schema behind. Kysely's Migrator insists on opening its own connection and
 * transaction, which a Kysely `Transaction` refuses; `joined` hands it a view of the
 * transaction on which both simply join the transaction already open.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Db, DialectName } from '../database.ts';
import { MigrationError } from '../errors.ts';
import { MIGRATION_NAMES, MIGRATION_TABLE, migrateToLatest } from '../migrations/index.ts';

function joined<DB>(tx: Kysely<DB>): Kysely<DB> {
  const view: Kysely<DB> = new Proxy(tx, {
    get(target, property) {
      if (property === 'connection' || property === 'transaction')
        return () => ({ execute: <T>(fn: (db: Kysely<DB>) => Promise<T>) => fn(view) });
      // Kysely keeps its state in private fields, which only the real object can read.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return view;
}

/** Brings `tx` (a transaction) up to the app's latest migration. */
export function migrateToLatestWithin(tx: Db, schema: string | undefined): Promise<string[]> {
  return migrateToLatest(joined(tx.kysely) as Kysely<unknown>, tx.dialect, schema);
}

/**
 * Brings `tx` up to `last` and no further: a backup written before later migrations must be
 * restored into the schema it was written from, then migrated with its data like any
 * database of that age. The registry in migrations/index.ts exports only names, so each
 * migration is loaded from the file its name promises (`NNNN-name` → `NNNN-name.ts`).
 */
export async function migrateToWithin(tx: Db, schema: string | undefined, last: string): Promise<string[]> {
  const names = MIGRATION_NAMES.slice(0, MIGRATION_NAMES.indexOf(last) + 1);
  if (names.length === 0) throw new MigrationError(`Unknown migration ${last}`);
  const migrator = new Migrator({
    db: joined(tx.kysely) as Kysely<unknown>,
    provider: new MigrationFiles(tx.dialect, names),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateTo(last);
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationError(
      `Database migration ${failed ? `${failed} ` : ''}failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

interface MigrationModule {
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

export async function loadMigration(name: string): Promise<MigrationModule> {
  let module: Partial<MigrationModule>;
  try {
    module = (await import(`../migrations/${name}.ts`)) as Partial<MigrationModule>;
  } catch (err) {
    throw new MigrationError(
      `Cannot load migration ${name} from src/storage/migrations/${name}.ts: ${(err as Error).message}`,
      { cause: err },
    );
  }
  if (typeof module.up !== 'function')
    throw new MigrationError(`src/storage/migrations/${name}.ts exports no up() function`);
  return module as MigrationModule;
}

class MigrationFiles implements MigrationProvider {
  constructor(
    private readonly dialect: DialectName,
    private readonly names: readonly string[],
  ) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const name of this.names) {
      const m = await loadMigration(name);
      out[name] = { up: (db: Kysely<unknown>) => m.up(db, this.dialect) };
    }
    return out;
  }
}
