/**
 * `pejling checklist FILE --instrument ID --organisation ORG`: an organisation's checklists
 * (the security triangle's follow-up list, the strategic questions' actions and next steps)
 * from an exchange file, as JSON, a printable HTML page or a PDF for top management. Only the
 * organisation's own answers are read; no other organisation's number is involved.
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { buildChecklists } from '../../core/checklists/build.ts';
import type { Lang } from '../../core/instrument/types.ts';
import { localize } from '../../i18n/i18n.ts';
import { checklistHtml, inThreeMonths } from '../../reports/checklist/html.ts';
import { CliError } from '../errors.ts';
import {
  formatOption,
  instrumentById,
  instrumentOption,
  langOption,
  printJson,
  readValidExchangeFile,
} from '../shared.ts';

const FORMATS = ['json', 'html', 'pdf'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Options {
  instrument: string;
  organisation: string;
  review?: string;
  lang: Lang;
  format: (typeof FORMATS)[number];
  out?: string;
}

export function registerChecklistCommand(program: Command): void {
  program
    .command('checklist')
    .description("an organisation's checklists from an exchange file: owners, status, evidence, next steps")
    .argument('<file>', 'exchange file, one row per respondent')
    .addOption(instrumentOption())
    .addOption(new Option('--organisation <name>', 'the organisation, as in the file').makeOptionMandatory())
    .option('--review <date>', 'date of the next review, YYYY-MM-DD (default: in three months)')
    .addOption(langOption())
    .addOption(formatOption(FORMATS, 'json'))
    .option('--out <file>', 'write to this file instead of stdout (required for pdf)')
    .action(async (file: string, opts: Options) => {
      if (opts.format === 'pdf' && !opts.out) throw new CliError('--format pdf needs --out FILE');
      const review = opts.review ?? inThreeMonths();
      if (!DATE.test(review) || Number.isNaN(Date.parse(`${review}T00:00:00Z`)))
        throw new CliError(`--review: "${review}" is not a date such as 2027-03-01`);
      const instrument = await instrumentById(opts.instrument);
      if (instrument.def.checklists.length === 0)
        throw new CliError(`${instrument.id} declares no checklists`);
      const { organisations } = await readValidExchangeFile(instrument, file);
      const org = organisations.find((o) => o.name === opts.organisation);
      if (!org) throw new CliError(`${file}: no organisation "${opts.organisation}"`);
      const checklists = buildChecklists(instrument, org.respondents);
      if (opts.format === 'json') {
        const out = { instrument: instrument.id, organisation: org.name, nextReview: review, checklists };
        if (opts.out) await writeFile(opts.out, `${JSON.stringify(out, null, 2)}\n`);
        else printJson(out);
        return;
      }
      const page = checklistHtml({
        organisation: org.name,
        instrumentTitle: localize(instrument.def.title, opts.lang),
        checklists,
        nextReview: review,
        lang: opts.lang,
      });
      if (opts.format === 'html') {
        if (opts.out) await writeFile(opts.out, page);
        else process.stdout.write(page);
        return;
      }
      const { PdfPrinter } = await import('../../reports/organisation/pdf.ts');
      const printer = new PdfPrinter();
      try {
        const pdf = await printer.print(page, {
          headerLeft: org.name,
          headerRight: localize(instrument.def.title, opts.lang),
          footerLeft: 'Pejling',
          pageOf: opts.lang === 'da' ? 'Side {page} af {pages}' : 'Page {page} of {pages}',
        });
        await writeFile(opts.out!, pdf);
      } finally {
        await printer.close();
      }
    });
}
