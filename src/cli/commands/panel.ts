/**
 * `pejling panel import` and `pejling panel report`: a round's panel of individuals (the
 * citizen panel) in the database. The file is checked whole first (every problem with row,
 * column and reason, exit 2); a valid file replaces the round's panel in one transaction.
 */
import { Option, type Command } from 'commander';
import { CITIZEN_INSTRUMENT } from '../../core/panel/combined.ts';
import { formatNumber } from '../../i18n/i18n.ts';
import { minCellOption, printJson, readValidPanelFile } from '../shared.ts';
import { cliActor, withDatabase } from './data.ts';

const service = () => import('../../api/services/panel.ts');
const roundOption = () => new Option('--round <name>', 'the round').makeOptionMandatory();

export function registerPanelCommands(program: Command): void {
  const panel = program.command('panel').description("a round's panel of individuals (citizen panel)");

  panel
    .command('import')
    .description(
      "import a panel provider's file (respondent, weight, answers; no organisation) into a round, " +
        "creating the round if missing; it replaces the round's panel, all or nothing",
    )
    .argument('<file>', 'CSV or XLSX, one row per respondent')
    .addOption(roundOption())
    .addOption(new Option('--instrument <id>', 'instrument of a new round').default(CITIZEN_INSTRUMENT))
    .addOption(minCellOption())
    .action(async (file: string, opts: { round: string; instrument: string; minCell?: number }) => {
      const { importPanel, panelInstrument } = await service();
      const s = await withDatabase(async (db) => {
        const { instrument, source } = await panelInstrument(db, opts.round, opts.instrument);
        const respondents = await readValidPanelFile(instrument, file);
        return importPanel(db, {
          roundName: opts.round,
          source,
          respondents,
          actor: cliActor(),
          minCell: opts.minCell,
        });
      });
      process.stdout.write(
        `Imported ${file} into round ${s.round}${s.roundCreated ? ' (new round)' : ''}:\n` +
          (s.unchanged
            ? `  unchanged:     the round already holds exactly these ${s.respondents} respondents\n`
            : `  respondents:   ${s.respondents} (replacing ${s.replaced})\n`) +
          `  weight sum:    ${formatNumber(s.weightSum, 2, 'en')}\n` +
          `  minimum cell:  ${s.minCell ?? "the instrument's"}\n`,
      );
    });

  panel
    .command('report')
    .description(
      "the round's panel figures as JSON (weighted shares, Wilson intervals on Kish's n_eff, breakdowns), " +
        'with the combined view beside an it-i-praksis organisation round',
    )
    .addOption(roundOption())
    .option('--organisations <round>', 'the organisation round to set beside it (default: the same year)')
    .action(async (opts: { round: string; organisations?: string }) => {
      const { combinedJson, combinedView, organisationRoundFor, roundPanelFigures } = await service();
      const { requireRoundByName } = await import('../../storage/index.ts');
      const out = await withDatabase(async (db) => {
        const round = await requireRoundByName(db, opts.round);
        const { figures } = await roundPanelFigures(db, round);
        const { chosen } = await organisationRoundFor(db, round, opts.organisations);
        const combined = await combinedView(db, round, figures, chosen);
        return { ...figures, combined: combinedJson(combined) };
      });
      printJson(out);
    });
}
