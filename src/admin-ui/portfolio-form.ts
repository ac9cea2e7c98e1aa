/**
 * The portfolio pages' form fields → the core's values, and the core's problems → words in the
 * page's language. The forms use the contract's column names as field names, so a problem's
 * column is the field it belongs to. Numbers are read as people type them on a Danish page:
 * a decimal comma (with or without thousands dots) or a decimal point, spaces ignored.
 *
 * The core's problem messages are English sentences (the API and the CLI show them as they
 * are); here they are recognised by their fixed wording and said again from the catalogue, so
 * the core needs no second set of texts. `test/accounts/portfolio-pages.test.ts` feeds the core
 * every kind of bad input and checks that each message is recognised.
 */
import type { TFunction } from 'i18next';
import type { Initiative, PortfolioProblem, Status, Track } from '../core/portfolio/types.ts';
import type { PortfolioSettings } from '../core/portfolio/settings.ts';

export interface FormState {
  /** What was typed, shown again after a refusal. */
  readonly values: Readonly<Record<string, string>>;
  /** Field name → message; `_form` for what belongs to no one field. */
  readonly errors: Readonly<Record<string, string>>;
}

export const NO_FORM: FormState = { values: {}, errors: {} };

/**
 * A number as typed on a page in `lang`. Danish: a decimal comma, dots between groups of three
 * digits ("300.000", "1.234,5"); English: a decimal point, commas between groups of three
 * ("300,000"). Either page also takes the other decimal mark where it cannot be a thousands
 * separator ("12,5" on an English page, "1.5" on a Danish one). Spaces are ignored. Null when
 * blank, NaN when it is not a number.
 */
export function parseDecimal(raw: string, lang: 'da' | 'en' = 'da'): number | null {
  let text = raw.replace(/[\s\u00a0]/g, '');
  if (text === '') return null;
  const [group, decimal] = lang === 'da' ? ['.', ','] : [',', '.'];
  const grouped = new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d+)?$`);
  if (grouped.test(text)) text = text.split(group).join('');
  if (text.includes(',')) text = text.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

export const AMOUNT_FIELDS = [
  'investment_dkk',
  'running_cost_dkk_per_year',
  'expected_hours_per_year',
  'expected_dkk_per_year',
] as const;

export const INITIATIVE_FIELDS = [
  'initiative',
  'track',
  'owner',
  'status',
  'competency',
  'start',
  ...AMOUNT_FIELDS,
  'gains_booked',
  'budget_year',
] as const;

/** The form of one initiative → the core's initiative, or the fields it could not read. */
export function readInitiativeForm(
  body: Readonly<Record<string, string | undefined>>,
  organisation: string,
  t: TFunction,
  lang: 'da' | 'en',
): { ok: true; initiative: Initiative } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const text = (name: string) => (body[name] ?? '').trim();
  const amount = (name: (typeof AMOUNT_FIELDS)[number]): number => {
    const value = parseDecimal(text(name), lang);
    if (value === null) return 0;
    if (Number.isNaN(value)) errors[name] = t('portfolio.problems.notNumber', { value: text(name) });
    return value;
  };
  const amounts = Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, amount(f)])) as Record<
    (typeof AMOUNT_FIELDS)[number],
    number
  >;
  let budgetYear: number | null = null;
  if (text('budget_year') !== '') {
    budgetYear = Number(text('budget_year'));
    if (!/^\d{4}$/.test(text('budget_year'))) {
      errors['budget_year'] = t('portfolio.problems.budgetYear', { value: text('budget_year') });
      budgetYear = null;
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    initiative: {
      organisation,
      initiative: text('initiative'),
      track: text('track') as Track,
      owner: text('owner') || null,
      status: text('status') as Status,
      competency: text('competency') || null,
      start: text('start'),
      investmentDkk: amounts.investment_dkk,
      runningCostDkkPerYear: amounts.running_cost_dkk_per_year,
      expectedHoursPerYear: amounts.expected_hours_per_year,
      expectedDkkPerYear: amounts.expected_dkk_per_year,
      gainsBooked: body['gains_booked'] === 'ja',
      budgetYear,
    },
  };
}

/** An initiative as the form's values (numbers written with the page's decimal mark). */
export function initiativeValues(i: Initiative, lang: 'da' | 'en'): Record<string, string> {
  const num = (n: number) => (lang === 'da' ? String(n).replace('.', ',') : String(n));
  return {
    initiative: i.initiative,
    track: i.track,
    owner: i.owner ?? '',
    status: i.status,
    competency: i.competency ?? '',
    start: i.start,
    investment_dkk: num(i.investmentDkk),
    running_cost_dkk_per_year: num(i.runningCostDkkPerYear),
    expected_hours_per_year: num(i.expectedHoursPerYear),
    expected_dkk_per_year: num(i.expectedDkkPerYear),
    gains_booked: i.gainsBooked ? 'ja' : '',
    budget_year: i.budgetYear === null ? '' : String(i.budgetYear),
  };
}

/** The settings form shows the discount rate in per cent; the core keeps a fraction. */
export function readSettingsForm(
  body: Readonly<Record<string, string | undefined>>,
  t: TFunction,
  lang: 'da' | 'en',
):
  | { ok: true; input: Partial<Record<keyof PortfolioSettings, number>> }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const input: Partial<Record<keyof PortfolioSettings, number>> = {};
  for (const key of ['hourlyCostDkk', 'hoursPerFte', 'discountRate', 'horizonYears'] as const) {
    const raw = (body[key] ?? '').trim();
    const value = parseDecimal(raw, lang);
    if (value === null) continue;
    if (Number.isNaN(value)) errors[key] = t('portfolio.problems.notNumber', { value: raw });
    else input[key] = key === 'discountRate' ? value / 100 : value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, input };
}

/** Recognised wordings of the core's messages (src/core/portfolio/), each with its key. */
const PATTERNS: readonly [RegExp, string][] = [
  [/is already in the portfolio/, 'duplicate'],
  [/negative amount/, 'negative'],
  [/implausibly large/, 'tooLarge'],
  [/^not a number$|is not a number/, 'notNumberCell'],
  [/^unknown track/, 'track'],
  [/^unknown status/, 'status'],
  [/^unknown competency/, 'competency'],
  [/before the initiative's start \((\d{4}-\d{2})\)/, 'beforeStart'],
  [/gains are booked .* but no budget year/, 'bookedNoYear'],
  [/budget year must be a year/, 'budgetYearRange'],
  [/the start must be a month/, 'start'],
  [/the month must be YYYY-MM/, 'month'],
  [/^no initiative /, 'unknownInitiative'],
  [/whose portfolio you may change/, 'organisation'],
  [/^the organisation is missing/, 'organisationMissing'],
  [/^the initiative has no name/, 'noName'],
  [/longer than (\d+) characters/, 'tooLong'],
  [/header is neither/, 'header'],
  [/must be ja or nej/, 'gainsBooked'],
  [/^a value is required/, 'required'],
  [/given twice/, 'twice'],
  [/^not valid CSV/, 'csv'],
  [/must be (?:a whole number|a number) from ([\d.]+) to ([\d.]+)/, 'settingRange'],
  [/^no such initiative/, 'noSuchInitiative'],
  [/unsupported file type/, 'fileType'],
  [/not UTF-8|UTF-8/, 'encoding'],
];

/** The key a core message is said with, or null when its wording is not known here. */
export function problemKey(message: string): { key: string; match: RegExpExecArray } | null {
  for (const [pattern, key] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return { key, match };
  }
  return null;
}

/** A core problem in the page's language (the English sentence itself when it is not known). */
export function problemText(p: PortfolioProblem, t: TFunction): string {
  const known = problemKey(p.message);
  if (!known) return p.message;
  const [, a, b] = known.match;
  if (known.key === 'settingRange' && p.column === 'discountRate')
    return t('portfolio.problems.settingRange', { a: Number(a) * 100, b: Number(b) * 100 });
  return t(`portfolio.problems.${known.key}`, { a, b, message: p.message });
}

/** A file's problem with its place: "Row 3, column month: …". */
export function fileProblemLine(p: PortfolioProblem, t: TFunction): string {
  const where = p.row
    ? p.column
      ? t('portfolio.import.rowColumn', { row: p.row, column: p.column })
      : t('portfolio.import.row', { row: p.row })
    : p.column
      ? t('portfolio.import.column', { column: p.column })
      : '';
  const text = problemText(p, t);
  return where ? `${where}: ${text}` : text;
}

/** Problems of a form, by field (the first of each), the rest under `_form`. */
export function problemsByField(
  problems: readonly PortfolioProblem[],
  fields: readonly string[],
  t: TFunction,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of problems) {
    const field = p.column && fields.includes(p.column) ? p.column : '_form';
    const text = problemText(p, t);
    errors[field] = errors[field] ? `${errors[field]} ${text}` : text;
  }
  return errors;
}
