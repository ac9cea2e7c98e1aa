/**
 * The `pejling` command line. Each command lives in `commands/` and registers itself here.
 * Exit codes: 0 ok, 1 unexpected failure, 2 bad input or usage (with every problem listed).
 */
import { Command, CommanderError } from 'commander';
import { CliError } from './errors.ts';
import { registerInstrumentCommands } from './commands/instrument.ts';
import { registerScoreCommands } from './commands/score.ts';
import { registerDataCommands } from './commands/data.ts';
import { registerServeCommands } from './commands/serve.ts';
import { registerTokenCommands } from './commands/token.ts';
import { registerUserCommands } from './commands/user.ts';
import { registerOpenDataCommands } from './commands/open-data.ts';
import { registerReportOrgCommand } from './commands/report-org.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerOrgCommands } from './commands/org.ts';
import { registerChecklistCommand } from './commands/checklist.ts';
import { registerPortfolioCommands } from './commands/portfolio.ts';
import { registerPanelCommands } from './commands/panel.ts';

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('pejling')
    .description(
      'Pejling: measure, benchmark and improve how public organisations lead digital transformation.',
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  registerInstrumentCommands(program);
  registerScoreCommands(program);
  registerDataCommands(program);
  registerServeCommands(program);
  registerTokenCommands(program);
  registerUserCommands(program);
  registerOpenDataCommands(program);
  registerReportOrgCommand(program);
  registerOrgCommands(program);
  registerPortfolioCommands(program);
  registerPanelCommands(program);
  registerBackupCommands(program);
  registerChecklistCommand(program);

  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors with 2.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof CliError) {
      process.stderr.write(`pejling: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`pejling: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
