/**
 * `pejling report org ORG --round R`: an organisation's report from the database, as the JSON
 * model, a standalone HTML file (stylesheet inlined, no forms), a PDF or the organisation's
 * figures as XLSX. The same builder and views as the web page.
 */
import { rename, writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { Lang } from '../../core/instrument/types.ts';
import type { OrganisationReport } from '../../reports/organisation/model/types.ts';
import { CliError } from '../errors.ts';
import { progressBar } from '../progress.ts';
import { formatOption, langOption, printJson } from '../shared.ts';
import { withDatabase } from './data.ts';

const FORMATS = ['json', 'html', 'pdf', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

interface Options {
  round: string;
  format: Format;
  lang: Lang;
  out?: string;
}

export function registerReportOrgCommand(program: Command): void {
  // `report` is made by the data commands (`report sector`); this adds to it, or makes it.
  const report =
    program.commands.find((c) => c.name() === 'report') ??
    program.command('report').description('reports computed from the database');
  registerReportPdfsCommand(report);
  report
    .command('org')
    .description(
      "an organisation's report: stage, profile, benchmark, divergence, advice, plan, targets, trend",
    )
    .argument('<organisation>', 'the organisation, by name')
    .addOption(new Option('--round <name>', 'the round').makeOptionMandatory())
    .addOption(formatOption(FORMATS, 'json'))
    .addOption(langOption())
    .option('--out <file>', 'write to this file instead of stdout (required for pdf and xlsx)')
    .action(async (organisation: string, opts: Options) => {
      if ((opts.format === 'pdf' || opts.format === 'xlsx') && !opts.out)
        throw new CliError(`--format ${opts.format} needs --out FILE`);
      const output = await withDatabase(async (db) => {
        const { findReportScope } = await import('../../api/services/organisation-scope.ts');
        const { organisationReport } = await import('../../api/services/organisation-report.ts');
        const scope = await findReportScope(db, opts.round, organisation);
        if (!scope) throw new CliError(`No report: ${organisation} has no answers in round ${opts.round}`);
        return organisationReport(db, scope.round, scope.organisation, opts.lang);
      });
      if (opts.format === 'json') {
        if (opts.out) await writeFile(opts.out, `${JSON.stringify(output, null, 2)}\n`);
        else printJson(output);
        return;
      }
      const data = await render(opts.format, output);
      if (opts.out) await writeFile(opts.out, data);
      else process.stdout.write(data);
    });
}

/**
 * `pejling report pdfs --round R --out FILE.zip`: every organisation's PDF report of a round
 * in one ZIP, printed here with a progress bar (the staff pages run the same as a background
 * job). Organisations whose report is not ready (too few answers) are left out and counted.
 */
function registerReportPdfsCommand(report: Command): void {
  report
    .command('pdfs')
    .description("every organisation's PDF report of a round in one ZIP (reports not ready are left out)")
    .addOption(new Option('--round <name>', 'the round').makeOptionMandatory())
    .addOption(langOption())
    .requiredOption('--out <file>', 'the ZIP file to write')
    .action(async (opts: { round: string; lang: Lang; out: string }) => {
      const { organisationPdf, pdfFileName } = await import('../../api/services/report-jobs.ts');
      const { PdfPrinter } = await import('../../reports/organisation/pdf.ts');
      const { zipFiles } = await import('../../files/zip-stream.ts');
      const { requireRoundByName, listRoundOrganisations } = await import('../../storage/index.ts');
      const bar = progressBar();
      const printer = new PdfPrinter({ concurrency: 1 });
      let printed = 0;
      let skipped = 0;
      try {
        const zip = await withDatabase(async (db) => {
          const round = await requireRoundByName(db, opts.round);
          const organisations = await listRoundOrganisations(db, round.id);
          async function* files() {
            for (const [i, organisation] of organisations.entries()) {
              bar?.update('PDF reports', i, organisations.length);
              const pdf = await organisationPdf(db, round, organisation, opts.lang, printer);
              if (pdf) {
                printed++;
                yield { name: pdfFileName(organisation.name, String(organisation.id)), data: pdf };
              } else skipped++;
            }
            bar?.update('PDF reports', organisations.length, organisations.length);
          }
          return zipFiles(files());
        });
        // Written beside the target and renamed, so a failed run leaves no half a ZIP.
        const partial = `${opts.out}.partial-${process.pid}`;
        await writeFile(partial, zip);
        await rename(partial, opts.out);
      } finally {
        bar?.stop();
        await printer.close();
      }
      process.stdout.write(
        `Wrote ${opts.out}: ${printed} PDF report(s)${skipped > 0 ? `, ${skipped} not ready (too few answers)` : ''}\n`,
      );
    });
}

async function render(format: Exclude<Format, 'json'>, report: OrganisationReport): Promise<string | Buffer> {
  if (format === 'xlsx') return (await import('../../reports/organisation/xlsx.ts')).reportWorkbook(report);
  if (format === 'html') {
    const { renderReportHtml } = await import('../../reports/organisation/html/page.ts');
    const { reportStylesheet } = await import('../../reports/organisation/assets.ts');
    const css = (await reportStylesheet()).text;
    return renderReportHtml(report, { stylesheet: { inline: css }, links: null, canEdit: false });
  }
  const { PdfPrinter } = await import('../../reports/organisation/pdf.ts');
  const { reportPdf } = await import('../../reports/organisation/print.ts');
  const printer = new PdfPrinter();
  try {
    return await reportPdf(printer, report);
  } finally {
    await printer.close();
  }
}
