/**
 * `pejling report org ORG --round R`: an organisation's report from the database, as the JSON
 * model, a standalone HTML file (stylesheet inlined, no forms), a PDF or the organisation's
 * figures as XLSX. The same builder and views as the web page.
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { Lang } from '../../core/instrument/types.ts';
import type { OrganisationReport } from '../../reports/organisation/model/types.ts';
import { CliError } from '../errors.ts';
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
