/** `pejling score FILE` and `pejling sector FILE`: the core's figures for an exchange file. */
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { panelFigures } from '../../core/panel/figures.ts';
import { analyseOrganisation } from '../../core/analyse.ts';
import { releaseOfOrganisations } from '../../core/release/build.ts';
import { sectorFiguresJson } from '../../core/release/read.ts';
import type { Lang } from '../../core/instrument/types.ts';
import { organisationSummary, renderSummaryText } from '../../reports/organisation-summary.ts';
import {
  formatOption,
  instrumentById,
  instrumentOption,
  langOption,
  printJson,
  kOption,
  policyOf,
  readValidExchangeFile,
  readValidPanelFile,
  minCellOption,
  respondentMinOption,
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
    .addOption(respondentMinOption())
    .action(
      async (
        file: string,
        opts: { instrument: string; lang: Lang; format: 'text' | 'json'; respondentMin: number },
      ) => {
        const policy = policyOf({ k: 5, respondentMin: opts.respondentMin });
        const instrument = await instrumentById(opts.instrument);
        const { organisations: orgs } = await readValidExchangeFile(instrument, file);
        const summaries = orgs.map((org) =>
          organisationSummary(instrument, analyseOrganisation(instrument, org), org, opts.lang, policy),
        );
        if (opts.format === 'json') {
          printJson({
            instrument: { id: instrument.id, version: instrument.version },
            organisations: summaries,
          });
        } else {
          process.stdout.write(summaries.map((s) => renderSummaryText(instrument, s, opts.lang)).join('\n'));
        }
      },
    );

  program
    .command('sector')
    .description('the sector figures (counts and means over organisations) for an exchange file')
    .argument('<file>', 'exchange file, one row per respondent')
    .addOption(instrumentOption())
    .option('--round <name>', 'round name to put in the figures (default: the file name)')
    .addOption(formatOption(['json'] as const, 'json'))
    .addOption(kOption())
    .addOption(respondentMinOption())
    .addOption(minCellOption())
    .action(
      async (
        file: string,
        opts: { instrument: string; round?: string; k: number; respondentMin: number; minCell?: number },
      ) => {
        const instrument = await instrumentById(opts.instrument);
        // A panel of individuals (declared by the instrument) has weighted shares, not organisations.
        if (instrument.def.panel) {
          const respondents = await readValidPanelFile(instrument, file);
          printJson({
            round: opts.round ?? basename(file, extname(file)),
            ...panelFigures(instrument, respondents, opts.minCell ? { minCell: opts.minCell } : {}),
          });
          return;
        }
        const policy = policyOf(opts);
        const { organisations: orgs } = await readValidExchangeFile(instrument, file);
        const round = opts.round ?? basename(file, extname(file));
        const release = releaseOfOrganisations(instrument, orgs, policy, new Date().toISOString());
        printJson(sectorFiguresJson(instrument, round, release) ?? tooFew(instrument, round, orgs, policy.k));
      },
    );
}

/** What a file with fewer than k organisations gets: its size, and why there are no figures. */
function tooFew(
  instrument: { id: string },
  round: string,
  orgs: readonly { respondents: readonly unknown[] }[],
  k: number,
) {
  return {
    round,
    instrument: instrument.id,
    organisations: orgs.length,
    respondents: orgs.reduce((n, o) => n + o.respondents.length, 0),
    disclosure: { k, suppressed: true, reason: `fewer than ${k} organisations: no figure is shown` },
  };
}
