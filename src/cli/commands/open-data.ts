/** `pejling export open-data --round R --out DIR`: the k-anonymous open data set with datapackage.json. */
import { Option, type Command } from 'commander';
import { CliError } from '../errors.ts';
import { cliActor, withDatabase } from './data.ts';

export function registerOpenDataCommands(program: Command): void {
  // A sub-command of the existing `export`, which keeps its own options and action.
  const exportCommand = program.commands.find((c) => c.name() === 'export') ?? program.command('export');
  exportCommand
    .command('open-data')
    .description(
      'write the open data set of a round: aggregated CSV files, no row from fewer than k organisations, and datapackage.json',
    )
    .addOption(new Option('--round <name>', 'the round (required)'))
    .option('--out <dir>', 'the directory to write, created if missing (required)')
    .action(async (own: { round?: string; out?: string }, command: Command) => {
      // `export` has --round and --out of its own, and commander hands those options to it.
      const parent = (command.parent?.opts() ?? {}) as { round?: string; out?: string };
      const round = own.round ?? parent.round;
      const out = own.out ?? parent.out;
      if (!round || !out) throw new CliError('--round and --out are required');
      const opts = { round, out };
      const { roundOpenData } = await import('../../api/services/round-reports.ts');
      const { writeOpenData } = await import('../../open-data/files.ts');
      const { requireRoundByName, appendAudit } = await import('../../storage/index.ts');
      const files = await withDatabase(async (db) => {
        const round = await requireRoundByName(db, opts.round);
        const data = await roundOpenData(db, round);
        const written = await writeOpenData(data, opts.out);
        await appendAudit(db, {
          actor: cliActor(),
          action: 'export.open-data',
          subject: `round:${round.name}`,
        });
        return written;
      });
      if (files.length === 0) throw new CliError('nothing written');
      process.stdout.write(`Wrote ${files.join(', ')} to ${opts.out}\n`);
    });
}
