/** `pejling score FILE` and `pejling sector FILE`: the core's figures for an exchange file. */
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { analyseOrganisation } from '../../core/analyse.ts';
import { scoreOrganisation } from '../../core/scoring/organisation.ts';
import { sectorFigures } from '../../core/sector/figures.ts';
import type { Lang } from '../../core/instrument/types.ts';
import { organisationSummary, renderSummaryText } from '../../reports/organisation-summary.ts';
import {
  formatOption,
  instrumentById,
  instrumentOption,
  langOption,
  printJson,
  readValidExchangeFile,
} from '../shared.ts';

export function registerScoreCommands(program: Command): void {
  program
    .command('score')
    .description(
      'score every organisation in an exchange file (CSV or XLSX): scores, index, stage, divergence, advice',
    )
    .argument('<file>', 'exchange file, one row per respondent')
    .addOption(instrumentOption())
    .addOption(langOption())
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(async (file: string, opts: { instrument: string; lang: Lang; format: 'text' | 'json' }) => {
      const instrument = await instrumentById(opts.instrument);
      const orgs = await readValidExchangeFile(instrument, file);
      const summaries = orgs.map((org) =>
        organisationSummary(instrument, analyseOrganisation(instrument, org), opts.lang),
      );
      if (opts.format === 'json') {
        printJson({
          instrument: { id: instrument.id, version: instrument.version },
          organisations: summaries,
        });
      } else {
        process.stdout.write(summaries.map((s) => renderSummaryText(instrument, s, opts.lang)).join('\n'));
      }
    });

  program
    .command('sector')
    .description('the sector figures (counts and means over organisations) for an exchange file')
    .argument('<file>', 'exchange file, one row per respondent')
    .addOption(instrumentOption())
    .option('--round <name>', 'round name to put in the figures (default: the file name)')
    .addOption(formatOption(['json'] as const, 'json'))
    .action(async (file: string, opts: { instrument: string; round?: string }) => {
      const instrument = await instrumentById(opts.instrument);
      const orgs = await readValidExchangeFile(instrument, file);
      const round = opts.round ?? basename(file, extname(file));
      printJson(
        sectorFigures(
          instrument,
          round,
          orgs.map((o) => scoreOrganisation(instrument, o)),
        ),
      );
    });
}
