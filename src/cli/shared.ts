/** Pieces every CLI command shares: options, loading inputs, printing problems. */
import { InvalidArgumentError, Option } from 'commander';
import { disclosurePolicy, PolicyError, type DisclosurePolicy } from '../core/disclosure/policy.ts';
import type { CsvDialect } from '../core/exchange/dialect.ts';
import type { ExchangeProblem, OrganisationData } from '../core/exchange/types.ts';
import type { Instrument, Lang } from '../core/instrument/types.ts';
import { readExchangeFile } from '../files/exchange-file.ts';
import { InstrumentLoadError, loadBuiltinInstrument } from '../instruments/registry.ts';
import { CliError } from './errors.ts';
import { readPanelFile } from '../files/panel-file.ts';
import type { PanelRespondent } from '../core/panel/schema.ts';

export const langOption = () =>
  new Option('--lang <lang>', 'language of texts').choices(['da', 'en']).default('da');

export const instrumentOption = () =>
  new Option('--instrument <id>', 'instrument the file answers').default('dt-offentlig');

export function formatOption<T extends string>(choices: readonly T[], fallback: T) {
  return new Option('--format <format>', 'output format').choices(choices).default(fallback);
}

export async function instrumentById(id: string): Promise<Instrument> {
  try {
    return await loadBuiltinInstrument(id);
  } catch (err) {
    if (err instanceof InstrumentLoadError) throw new CliError(err.message);
    throw err;
  }
}

export function formatExchangeProblem(p: ExchangeProblem): string {
  const where = [`row ${p.row}`];
  if (p.columnLetter || p.column) {
    where.push(`column ${[p.columnLetter, p.column && `(${p.column})`].filter(Boolean).join(' ')}`);
  }
  return `${p.file}: ${where.join(', ')}: ${p.message}`;
}

/** Every problem of a file, as the error that ends the command with exit code 2. */
function invalidFile(file: string, problems: readonly ExchangeProblem[]): CliError {
  const n = problems.length;
  return new CliError(
    `${file} is not valid (${n}${n >= 1000 ? '+' : ''} problem${n === 1 ? '' : 's'}; nothing was done):\n` +
      problems.map(formatExchangeProblem).join('\n'),
  );
}

/** Reads and validates a whole exchange file; every problem ends the command with exit code 2. */
export async function readValidExchangeFile(
  instrument: Instrument,
  file: string,
): Promise<{ organisations: OrganisationData[]; dialect?: CsvDialect }> {
  const result = await readExchangeFile(instrument, file);
  if (!result.ok) throw invalidFile(file, result.problems);
  return { organisations: result.organisations, ...(result.dialect ? { dialect: result.dialect } : {}) };
}

/** A panel's exchange file, or a CliError listing every problem (exit 2). */
export async function readValidPanelFile(instrument: Instrument, file: string): Promise<PanelRespondent[]> {
  const result = await readPanelFile(instrument, file);
  if (!result.ok) throw invalidFile(file, result.problems);
  return result.respondents;
}

/** A panel's smallest published breakdown cell (never below 5). */
export const minCellOption = () =>
  new Option(
    '--min-cell <n>',
    "a panel's fewest respondents behind a breakdown cell (default: the instrument's, at least 5)",
  ).argParser((v: string) => {
    const n = integer(v);
    if (n < 5) throw new InvalidArgumentError('must be at least 5');
    return n;
  });

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export type CommonOptions = { lang: Lang };

const integer = (value: string) => {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
};

/** The disclosure policy of figures computed from a file (a round brings its own). */
export const kOption = () =>
  new Option('--k <n>', 'fewest organisations behind any figure (at least 3)').argParser(integer).default(5);
export const respondentMinOption = () =>
  new Option(
    '--respondent-min <n>',
    'fewest respondents behind a group figure inside one organisation (at least 2)',
  )
    .argParser(integer)
    .default(3);

export function policyOf(opts: { k: number; respondentMin: number }): DisclosurePolicy {
  try {
    return disclosurePolicy({ k: opts.k, respondentMin: opts.respondentMin });
  } catch (err) {
    if (err instanceof PolicyError)
      throw new CliError(`--${err.field === 'k' ? 'k' : 'respondent-min'}: ${err.message}`);
    throw err;
  }
}
