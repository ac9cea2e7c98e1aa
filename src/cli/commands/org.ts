/**
 * `pejling org set|list|import|comparisons`: organisations' attributes in a round (type, size,
 * region, any `org.<key>`) and its official comparison sets, through the same services as the
 * organisations page (src/api/services/organisations.ts).
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { FileProblem } from '../../core/exchange/file-problems.ts';
import { fileProblemReason } from '../../i18n/file-problems.ts';
import { CliError } from '../errors.ts';
import { printJson } from '../shared.ts';
import { cliActor, withDatabase } from './data.ts';

const service = () => import('../../api/services/organisations.ts');
const roundOption = () => new Option('--round <name>', 'the round').makeOptionMandatory();

const collect = (value: string, previous: string[]) => [...previous, value];

function problemsError(file: string, problems: readonly FileProblem[]): CliError {
  const lines = problems.map(
    (p) =>
      `${file}${p.row > 0 ? `:${p.row}` : ''}${p.column ? ` [${p.column}]` : ''}: ${fileProblemReason(p, 'en')}`,
  );
  return new CliError(`${lines.join('\n')}\nNothing was changed.`);
}

async function readText(path: string): Promise<string> {
  try {
    return new TextDecoder('utf-8').decode(await readFile(path));
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

export function registerOrgCommands(program: Command): void {
  const org = program.command('org').description("organisations' attributes and comparison sets in a round");

  org
    .command('set')
    .description("set an organisation's attributes in a round (an empty value clears one)")
    .addOption(roundOption())
    .requiredOption('--organisation <name>', 'the organisation, by name')
    .option('--type <code>', 'its type (valid codes per sector are in the instrument)')
    .option('--size <n>', 'inhabitants (kommune, region) or full-time equivalents (stat)')
    .option('--region <name>', 'its geographic region')
    .option('--attr <key=value>', 'any other attribute (repeatable)', collect, [])
    .action(
      async (opts: {
        round: string;
        organisation: string;
        type?: string;
        size?: string;
        region?: string;
        attr: string[];
      }) => {
        const cells: Record<string, string> = {};
        if (opts.type !== undefined) cells.type = opts.type;
        if (opts.size !== undefined) cells.size = opts.size;
        if (opts.region !== undefined) cells.region = opts.region;
        for (const a of opts.attr) {
          const at = a.indexOf('=');
          if (at <= 0) throw new CliError(`--attr needs key=value (found "${a}")`);
          cells[a.slice(0, at)] = a.slice(at + 1);
        }
        if (Object.keys(cells).length === 0)
          throw new CliError('nothing to set: give --type, --size, --region or --attr');
        const { setOrganisationAttributes } = await service();
        const result = await withDatabase((db) =>
          setOrganisationAttributes(db, {
            roundName: opts.round,
            organisation: opts.organisation,
            cells,
            actor: cliActor(),
          }),
        );
        if (!result.ok) throw problemsError('--', result.problems);
        const o = result.organisation;
        process.stdout.write(
          `${o.name}: type ${o.attributes.type ?? '-'}, size ${o.attributes.size ?? '-'} (band ${o.sizeBand ?? '-'}), region ${o.attributes.region ?? '-'}\n`,
        );
      },
    );

  org
    .command('list')
    .description("the round's organisations with their attributes")
    .addOption(roundOption())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (opts: { round: string; format: 'text' | 'json' }) => {
      const { roundOrganisations } = await service();
      const view = await withDatabase((db) => roundOrganisations(db, opts.round));
      const rows = view.organisations.map((o) => ({
        name: o.name,
        sector: o.sector,
        type: o.attributes.type,
        size: o.attributes.size,
        sizeBand: o.sizeBand,
        region: o.attributes.region,
        attributes: o.attributes.extra,
        comparisons: view.comparisons.get(o.organisationId) ?? [],
      }));
      if (opts.format === 'json') return printJson(rows);
      process.stdout.write('organisation\tsector\ttype\tsize\tsize band\tregion\tother\tcomparison set\n');
      for (const r of rows)
        process.stdout.write(
          `${[
            r.name,
            r.sector,
            r.type ?? '',
            r.size ?? '',
            r.sizeBand ?? '',
            r.region ?? '',
            Object.entries(r.attributes)
              .map(([k, v]) => `${k}=${v}`)
              .join(' '),
            r.comparisons.join('; '),
          ].join('\t')}\n`,
        );
    });

  org
    .command('import')
    .description(
      'set attributes from a CSV file: organisation, then org.type, org.size, org.region, org.<key> columns',
    )
    .addOption(roundOption())
    .argument('<file>', 'the attributes file (comma- or semicolon-separated, UTF-8)')
    .action(async (file: string, opts: { round: string }) => {
      const text = await readText(file);
      const { importAttributesFile } = await service();
      const result = await withDatabase((db) =>
        importAttributesFile(db, { roundName: opts.round, text, actor: cliActor() }),
      );
      if (!result.ok) throw problemsError(file, result.problems);
      process.stdout.write(
        `Set the attributes of ${result.value.organisations} organisations in round ${opts.round}.\n`,
      );
    });

  org
    .command('comparisons')
    .description(
      "replace the round's comparison sets from a CSV file: columns organisation, comparison (one row per pair)",
    )
    .addOption(roundOption())
    .argument('<file>', 'the comparison-set file (comma- or semicolon-separated, UTF-8)')
    .action(async (file: string, opts: { round: string }) => {
      const text = await readText(file);
      const { importComparisonSets } = await service();
      const result = await withDatabase((db) =>
        importComparisonSets(db, { roundName: opts.round, text, actor: cliActor() }),
      );
      if (!result.ok) throw problemsError(file, result.problems);
      process.stdout.write(
        `Comparison sets of ${result.value.organisations} organisations (${result.value.pairs} pairs) in round ${opts.round}.\n`,
      );
    });
}
