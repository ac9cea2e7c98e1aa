/**
 * `pejling import`, `pejling export` and `pejling report sector`: rounds in the database,
 * in and out through the exchange format. Storage settings come from the environment
 * (DATABASE_URL, or PEJLING_DATA_DIR for the embedded database).
 */
import { userInfo } from 'node:os';
import { Option, type Command } from 'commander';
import type { ExportFormat } from '../../api/services/export.ts';
import type { ImportSummary } from '../../api/services/import.ts';
import type { ReleaseSummary } from '../../api/services/releases.ts';
import type { Database, ImportProgress } from '../../storage/index.ts';
import { describeDialect } from '../../core/exchange/dialect.ts';
import { CliError } from '../errors.ts';
import { progressBar } from '../progress.ts';
import { formatOption, instrumentOption, printJson, readValidExchangeFile } from '../shared.ts';

// The database and API modules load on first use, so commands that do not need them (and
// --help) start quickly.
const storage = () => import('../../storage/index.ts');
const services = async () => ({
  ...(await import('../../api/services/export.ts')),
  ...(await import('../../api/services/import.ts')),
  ...(await import('../../api/services/sector.ts')),
});

const EXPORT_FORMATS = ['csv', 'csv-excel-da', 'json', 'xlsx'] as const satisfies readonly ExportFormat[];

const roundOption = () => new Option('--round <name>', 'the round').makeOptionMandatory();

/** Opens the database for one command and closes it afterwards, whatever happens. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const { openApiDatabase } = await import('../../api/database.ts');
  const { loadStorageConfig } = await storage();
  let db: Database;
  try {
    db = await openApiDatabase(loadStorageConfig());
  } catch (err) {
    throw await cliError(err);
  }
  try {
    return await fn(db);
  } catch (err) {
    throw await cliError(err);
  } finally {
    await db.close();
  }
}

/** Bad input (unknown round, conflicting data) ends with exit code 2; an unusable database with 1. */
export async function cliError(err: unknown): Promise<unknown> {
  if (err instanceof CliError) return err;
  const { DatabaseConnectionError, DatabaseInUseError, DiskFullError, MigrationError, StorageError } =
    await storage();
  const { HttpProblem } = await import('../../api/problem.ts');
  if (
    err instanceof DatabaseConnectionError ||
    err instanceof DatabaseInUseError ||
    err instanceof DiskFullError ||
    err instanceof MigrationError
  ) {
    return new CliError(err.message, 1);
  }
  if (err instanceof StorageError) return new CliError(err.message, 2);
  if (err instanceof HttpProblem) return new CliError(err.detail ?? err.title, 2);
  return err;
}

export const cliActor = () => `cli:${userInfo().username}`;

export function registerDataCommands(program: Command): void {
  program
    .command('import')
    .description(
      'import an exchange file (CSV or XLSX) into a round, creating the round, organisations and respondents as needed; ' +
        'the whole file is checked first and nothing is written unless it is all valid',
    )
    .argument('<file>', 'exchange file, one row per respondent')
    .addOption(roundOption())
    .addOption(instrumentOption())
    .action(async (file: string, opts: { round: string; instrument: string }) => {
      const { importInstrument, importOrganisations } = await services();
      const summary = await withDatabase(async (db) => {
        const { instrument, source } = await importInstrument(db, opts.round, opts.instrument);
        const bar = progressBar();
        try {
          bar?.note(`checking ${file}…`);
          const { organisations, dialect } = await readValidExchangeFile(instrument, file);
          const summary = await importOrganisations(
            db,
            { roundName: opts.round, source, organisations, actor: cliActor() },
            bar && ((p) => bar.update(PHASES[p.phase], p.done, p.total)),
          );
          return { ...summary, ...(dialect ? { readAs: describeDialect(dialect) } : {}) };
        } finally {
          bar?.stop();
        }
      });
      process.stdout.write(describeImport(file, summary));
    });

  program
    .command('export')
    .description(
      "write a round's current submissions in the exchange format (csv; csv-excel-da: ';', decimal comma and BOM for a Danish Excel; xlsx) or as JSON",
    )
    .addOption(roundOption())
    .addOption(formatOption(EXPORT_FORMATS, 'csv'))
    .option('--out <file>', 'write to this file instead of stdout (required for xlsx)')
    .action(async (opts: { round: string; format: ExportFormat; out?: string }) => {
      const { round, format, out } = opts;
      if (format === 'xlsx' && !out) throw new CliError('--format xlsx needs --out FILE');
      const { exportRoundFile, exportRoundText } = await services();
      // A bar only when the result goes to a file: on stdout it would be mixed into a pipe's view.
      const bar = out ? progressBar() : undefined;
      try {
        await withDatabase(async (db) => {
          if (out)
            await exportRoundFile(
              db,
              round,
              format,
              out,
              bar && ((done, total) => bar.update('respondents', done, total)),
            );
          else await exportRoundText(db, round, format as Exclude<ExportFormat, 'xlsx'>, process.stdout);
        });
      } finally {
        bar?.stop();
      }
    });

  program
    .command('report')
    .description('reports computed from the database')
    .command('sector')
    .description(
      "the sector figures of a round (counts and means over organisations), from the round's latest release",
    )
    .addOption(roundOption())
    .addOption(formatOption(['json'] as const, 'json'))
    .action(async (opts: { round: string }) => {
      const { roundSectorFigures } = await services();
      printJson(await withDatabase((db) => roundSectorFigures(db, opts.round)));
    });

  const release = program
    .command('release')
    .description(
      'make a release of a round now: the figures others see (groups where fewer than k organisations changed keep theirs)',
    )
    .addOption(roundOption())
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(async (opts: { round: string; format: 'text' | 'json' }) => {
      const { makeRelease, releaseSummary } = await import('../../api/services/releases.ts');
      const { requireRoundByName, appendAudit } = await storage();
      const summary = await withDatabase(async (db) => {
        const round = await requireRoundByName(db, opts.round);
        const made = await makeRelease(db, round, 'manual');
        await appendAudit(db, {
          actor: cliActor(),
          action: 'round.release',
          subject: `round:${round.name}`,
          details: { number: made!.number },
        });
        return releaseSummary(made!);
      });
      if (opts.format === 'json') printJson(summary);
      else process.stdout.write(describeRelease(summary));
    });
  release
    .command('list')
    .description('the releases of a round, newest first')
    .addOption(roundOption())
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(async (opts: { round: string; format: 'text' | 'json' }) => {
      const { listReleaseSummaries } = await import('../../api/services/releases.ts');
      const { requireRoundByName } = await storage();
      const list = await withDatabase(async (db) =>
        listReleaseSummaries(db, await requireRoundByName(db, opts.round)),
      );
      if (opts.format === 'json') printJson(list.reverse());
      else process.stdout.write(list.reverse().map(describeRelease).join('\n'));
    });
}

function describeRelease(s: ReleaseSummary): string {
  const lines = [`Release ${s.number} of ${s.at} (${s.reason}${s.final ? ', final' : ''}; k = ${s.k}):`];
  for (const g of s.groups) {
    const what =
      g.status === 'current'
        ? `new figures from ${g.organisations} organisations`
        : g.status === 'earlier'
          ? `the figures of release ${g.figuresOf} (${g.organisations} organisations)`
          : `not shown (${g.reason})`;
    lines.push(`  ${g.group.padEnd(28)} ${what}`);
  }
  return `${lines.join('\n')}\n`;
}

function describeImport(file: string, s: ImportSummary & { readAs?: string }): string {
  return (
    `Imported ${file} into round ${s.round}${s.roundCreated ? ' (new round)' : ''}:\n` +
    (s.readAs ? `  read as:       ${s.readAs}\n` : '') +
    `  organisations: ${s.organisations} (${s.organisationsCreated} created)\n` +
    `  respondents:   ${s.respondents} (${s.respondentsCreated} created, ${s.unchanged} unchanged)\n` +
    `  submissions:   ${s.submissionsCreated} written, ${s.submissionsSuperseded} superseded\n` +
    (s.release === null ? '' : `  release:       ${s.release} (the figures others see)\n`)
  );
}

const PHASES: Record<ImportProgress['phase'], string> = {
  organisations: 'organisations',
  respondents: 'respondents  ',
  submissions: 'submissions  ',
};
