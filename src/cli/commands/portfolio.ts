/**
 * `pejling portfolio import|export|report|settings`: an organisation's digital portfolio
 * through the same service as the API and the staff pages (src/api/services/portfolio.ts);
 * `pejling portfolio figures`: the portfolio across organisations under a round's k
 * (src/api/services/portfolio-across.ts), as the analyst's API route gives it.
 * The CLI acts with the database's own rights: any organisation.
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { PortfolioProblem } from '../../core/portfolio/types.ts';
import { CliError } from '../errors.ts';
import { printJson } from '../shared.ts';
import { cliActor, withDatabase } from './data.ts';

const service = () => import('../../api/services/portfolio.ts');

function problemsError(file: string, problems: readonly PortfolioProblem[]): CliError {
  const lines = problems.map(
    (p) => `${file}${p.row ? `:${p.row}` : ''}${p.column ? ` [${p.column}]` : ''}: ${p.message}`,
  );
  return new CliError(`${lines.join('\n')}\nNothing was changed.`);
}

async function organisationId(
  db: Parameters<Parameters<typeof withDatabase>[0]>[0],
  name: string,
): Promise<number> {
  const { getOrganisationByName } = await import('../../storage/index.ts');
  const org = await getOrganisationByName(db, name);
  if (!org) throw new CliError(`no organisation ${JSON.stringify(name)}`);
  return org.id;
}

const asOfOption = () =>
  new Option('--as-of <YYYY-MM>', 'the month figures are to date of (default: this month)');

export function registerPortfolioCommands(program: Command): void {
  const portfolio = program
    .command('portfolio')
    .description("organisations' digital portfolios and realised gains");

  portfolio
    .command('import')
    .description(
      'import initiatives or realised gains (CSV or XLSX, told apart by the header); all or nothing',
    )
    .argument('<file>', 'the file')
    .action(async (file: string) => {
      const { readPortfolioFile } = await import('../../files/portfolio-file.ts');
      const { importPortfolioRows, PortfolioInputError } = await service();
      const read = await readPortfolioFile(file);
      if (!read.ok) throw problemsError(file, read.problems);
      await withDatabase(async (db) => {
        try {
          const done = await importPortfolioRows(
            db,
            read.rows,
            { actor: cliActor(), organisationId: null },
            read.decimal,
          );
          console.log(
            `Imported ${done.rows} ${done.kind === 'initiatives' ? 'initiative(s)' : 'realised month(s)'} for ${done.organisations} organisation(s).`,
          );
        } catch (err) {
          if (err instanceof PortfolioInputError) throw problemsError(file, err.problems);
          throw err;
        }
      });
    });

  portfolio
    .command('export')
    .description("write an organisation's initiatives or realised gains")
    .argument('<organisation>', 'the organisation, by name')
    .requiredOption('--out <file>', 'where to write (.csv or .xlsx)')
    .addOption(
      new Option('--kind <kind>', 'which file')
        .choices(['initiatives', 'realisations'])
        .default('initiatives'),
    )
    .option('--danish-excel', 'CSV for a Danish Excel: semicolons, decimal comma, BOM')
    .action(
      async (
        name: string,
        opts: { out: string; kind: 'initiatives' | 'realisations'; danishExcel?: boolean },
      ) => {
        const { exportPortfolioCsv, exportPortfolioRows } = await service();
        const { formatOf } = await import('../../files/exchange-file.ts');
        const { writePortfolioXlsx } = await import('../../files/portfolio-file.ts');
        const format = formatOf(opts.out);
        if (!format) throw new CliError('--out must end in .csv or .xlsx');
        await withDatabase(async (db) => {
          const id = await organisationId(db, name);
          if (format === 'xlsx')
            await writePortfolioXlsx(await exportPortfolioRows(db, id, opts.kind), opts.out);
          else
            await writeFile(opts.out, await exportPortfolioCsv(db, id, opts.kind, opts.danishExcel === true));
        });
      },
    );

  portfolio
    .command('report')
    .description("an organisation's portfolio figures per initiative, per track and in total, with warnings")
    .argument('<organisation>', 'the organisation, by name')
    .addOption(asOfOption())
    .addOption(new Option('--format <format>', 'output').choices(['json', 'text']).default('text'))
    .action(async (name: string, opts: { asOf?: string; format: 'json' | 'text' }) => {
      const { portfolioReport } = await service();
      const { isMonth } = await import('../../core/portfolio/month.ts');
      if (opts.asOf !== undefined && !isMonth(opts.asOf))
        throw new CliError('--as-of must be a month as YYYY-MM');
      await withDatabase(async (db) => {
        const report = await portfolioReport(db, await organisationId(db, name), opts.asOf);
        if (opts.format === 'json') return printJson(report);
        const t = report.total;
        console.log(`${report.organisation}, to date of ${report.asOf}: ${t.initiatives} initiative(s)`);
        console.log(
          `  expected ${Math.round(t.expectedTotalDkkPerYear)} DKK/year (${t.fte.toFixed(2)} FTE), net ${Math.round(t.netDkkPerYear)} DKK/year, NPV ${Math.round(t.npvDkk)} DKK`,
        );
        console.log(
          `  payback ${t.paybackYears === null ? 'none' : `${t.paybackYears.toFixed(1)} years`}, realisation ${t.realisation === null ? '–' : `${Math.round(t.realisation * 100)} %`}`,
        );
        for (const w of report.warnings) console.log(`  warning: ${w.initiative}: ${w.code}`);
      });
    });

  portfolio
    .command('figures')
    .description(
      "across organisations, under the round's k: realisation and the shares booked up front, by sector and track",
    )
    .requiredOption('--round <name>', 'the round whose disclosure policy (k) applies')
    .addOption(asOfOption())
    .addOption(new Option('--format <format>', 'output').choices(['json', 'text']).default('text'))
    .action(async (opts: { round: string; asOf?: string; format: 'json' | 'text' }) => {
      const { portfolioFiguresAcross } = await import('../../api/services/portfolio-across.ts');
      const { isMonth } = await import('../../core/portfolio/month.ts');
      if (opts.asOf !== undefined && !isMonth(opts.asOf))
        throw new CliError('--as-of must be a month as YYYY-MM');
      const { requireRoundByName } = await import('../../storage/index.ts');
      await withDatabase(async (db) => {
        const round = await requireRoundByName(db, opts.round);
        const report = await portfolioFiguresAcross(db, round, cliActor(), opts.asOf);
        if (opts.format === 'json') return printJson(report);
        const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)} %`);
        console.log(`Portfolio across organisations, to date of ${report.asOf} (k = ${report.k})`);
        for (const c of report.cells) {
          const where = `${c.sector ?? 'all'} / ${c.track}`;
          const note =
            c.status === 'shown'
              ? ''
              : c.status === 'earlier'
                ? ` (earlier figures, of ${c.asOf}: ${c.reason})`
                : ` not shown: ${c.reason}`;
          console.log(
            c.status === 'not-shown'
              ? `  ${where}:${note}`
              : `  ${where}: realisation ${pct(c.realisation)}, booked ${pct(c.bookedInitiatives)} of initiatives, ${pct(c.bookedDkk)} of expected DKK${note}`,
          );
        }
      });
    });

  portfolio
    .command('settings')
    .description("set an organisation's portfolio settings (what is not given keeps its default)")
    .argument('<organisation>', 'the organisation, by name')
    .option('--hourly-cost <dkk>', 'DKK per hour saved')
    .option('--hours-per-fte <hours>', 'hours in a full-time equivalent')
    .option('--discount-rate <fraction>', 'real discount rate a year, e.g. 0.035')
    .option('--horizon <years>', 'years in the net present value')
    .action(
      async (
        name: string,
        opts: { hourlyCost?: string; hoursPerFte?: string; discountRate?: string; horizon?: string },
      ) => {
        const { setPortfolioSettings, PortfolioInputError } = await service();
        await withDatabase(async (db) => {
          try {
            const s = await setPortfolioSettings(
              db,
              await organisationId(db, name),
              {
                hourlyCostDkk: opts.hourlyCost,
                hoursPerFte: opts.hoursPerFte,
                discountRate: opts.discountRate,
                horizonYears: opts.horizon,
              },
              { actor: cliActor(), organisationId: null },
            );
            printJson(s);
          } catch (err) {
            if (err instanceof PortfolioInputError) throw problemsError('settings', err.problems);
            throw err;
          }
        });
      },
    );
}
