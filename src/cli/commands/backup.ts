/**
 * `pejling backup FILE` and `pejling restore FILE`: the whole database in one portable file,
 * and back into an empty database of either backend (also the way from the embedded database
 * to PostgreSQL). The database comes from the environment like every other command:
 * DATABASE_URL (and PEJLING_DB_SCHEMA), or PEJLING_DATA_DIR for the embedded database.
 */
import type { Command } from 'commander';
import type { BackupSummary, RestoreSummary } from '../../storage/backup/index.ts';
import { CliError } from '../errors.ts';
import { progressBar } from '../progress.ts';
import { cliError } from './data.ts';

// Loaded on first use, so that --help does not load the database drivers.
const storage = () => import('../../storage/index.ts');
const backups = () => import('../../storage/backup/index.ts');

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'write the whole database to one portable file (gzip-compressed JSON lines) that restores into ' +
        'either backend; read in one consistent snapshot, and FILE appears only once complete',
    )
    .argument('<file>', 'the backup file to write, e.g. pejling-2026-03-01.pejling-backup')
    .option('--force', 'replace FILE if it exists')
    .action(async (file: string, opts: { force?: boolean }) => {
      const summary = await run(file, 'write', async () => {
        const { loadStorageConfig, openDatabase } = await storage();
        const { backupDatabase } = await backups();
        const config = loadStorageConfig();
        if (config.backend === 'sqlite') {
          // Opening would create an empty database: a mistyped PEJLING_DATA_DIR must not back that up.
          const { sqlitePath } = await import('../../storage/sqlite.ts');
          const { existsSync } = await import('node:fs');
          const path = sqlitePath(config.dataDir);
          if (!existsSync(path))
            throw new CliError(
              `There is no embedded database at ${path} (check PEJLING_DATA_DIR or DATABASE_URL)`,
            );
        }
        // Not migrated: a backup records the database as it is and never changes it.
        const db = await openDatabase(config, { migrate: false });
        const bar = progressBar();
        try {
          return await backupDatabase(db, file, {
            overwrite: opts.force === true,
            onProgress: bar && ((p) => bar.update(`backing up ${p.table}`, p.rows, p.total)),
          });
        } finally {
          bar?.stop();
          await db.close();
        }
      });
      process.stdout.write(describeBackup(summary));
    });

  program
    .command('restore')
    .description(
      'restore a backup file into an empty database (either backend): the schema is brought to the ' +
        "backup's migrations, every row goes in, and later migrations run, all in one transaction; " +
        'a non-empty database, another migration history or a damaged file is refused with nothing written',
    )
    .argument('<file>', 'a file written by `pejling backup`')
    .action(async (file: string) => {
      const summary = await run(file, 'read', async () => {
        const { loadStorageConfig } = await storage();
        const { restoreDatabase } = await backups();
        const bar = progressBar();
        try {
          return await restoreDatabase(loadStorageConfig(), file, {
            onProgress: bar && ((p) => bar.update(`restoring ${p.table}`, p.rows, p.total)),
          });
        } finally {
          bar?.stop();
        }
      });
      process.stdout.write(describeRestore(summary));
    });
}

/** Storage and input errors as exit code 2 (1 for an unusable database), file errors with the file named. */
async function run<T>(file: string, verb: 'read' | 'write', fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && typeof (err as { syscall?: unknown }).syscall === 'string') {
      // A full disk is the machine's problem, not the input's.
      throw new CliError(`Cannot ${verb} ${file}: ${(err as Error).message}`, code === 'ENOSPC' ? 1 : 2);
    }
    throw await cliError(err);
  }
}

const seconds = (s: number) => `${s.toFixed(1)} s`;

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function describeBackup(s: BackupSummary): string {
  const h = s.header;
  return (
    `Backed up the ${h.source.dialect === 'sqlite' ? 'embedded' : 'PostgreSQL'} database to ${s.file}:\n` +
    `  tables:     ${h.tables.length}\n` +
    `  rows:       ${h.rows}\n` +
    `  migrations: up to ${h.migrations[h.migrations.length - 1]}\n` +
    `  size:       ${size(s.bytes)}\n` +
    `  time:       ${seconds(s.seconds)}\n`
  );
}

function describeRestore(s: RestoreSummary): string {
  const h = s.header;
  return (
    `Restored ${s.file} into ${s.location}:\n` +
    `  backup:     ${h.createdAt}, Pejling ${h.app.version} on ${h.source.dialect}\n` +
    `  tables:     ${h.tables.length}\n` +
    `  rows:       ${h.rows}\n` +
    `  migrations: up to ${h.migrations[h.migrations.length - 1]}` +
    (s.migrationsAfter.length > 0 ? `, then ${s.migrationsAfter.join(', ')}\n` : '\n') +
    `  time:       ${seconds(s.seconds)}\n`
  );
}
