/**
 * What a valid portfolio is: each initiative's fields, unique names within an organisation,
 * and realisations that belong to a known initiative, fall in a month from its start on and
 * come once per initiative and month. Problems say the row and the column when the input came
 * from a file (the row is passed in), so an import can be rejected whole with every reason.
 */
import { isMonth, isBefore } from './month.ts';
import {
  initiativeKey,
  STATUSES,
  TRACKS,
  type Initiative,
  type PortfolioProblem,
  type Realisation,
} from './types.ts';

export interface ValidateOptions {
  /** Ids an initiative's `competency` may name (dt-offentlig competencies and domains). */
  readonly competencies: ReadonlySet<string>;
}

const MAX_NAME = 200;
const MAX_OWNER = 120;
const MAX_AMOUNT = 1e12;

/** The problems of one initiative's fields (none: it is valid). */
export function initiativeProblems(
  i: Initiative,
  options: ValidateOptions,
  row?: number,
): PortfolioProblem[] {
  const problems: PortfolioProblem[] = [];
  const add = (column: string, message: string) =>
    problems.push({ ...(row ? { row } : {}), column, message });
  if (!i.organisation.trim()) add('organisation', 'the organisation is missing');
  if (!i.initiative.trim()) add('initiative', 'the initiative has no name');
  else if (i.initiative.length > MAX_NAME)
    add('initiative', `the name is longer than ${MAX_NAME} characters`);
  if (!(TRACKS as readonly string[]).includes(i.track))
    add('track', `unknown track ${JSON.stringify(i.track)} (use ${TRACKS.join(', ')})`);
  if (!(STATUSES as readonly string[]).includes(i.status))
    add('status', `unknown status ${JSON.stringify(i.status)} (use ${STATUSES.join(', ')})`);
  if (i.owner !== null && i.owner.length > MAX_OWNER)
    add('owner', `the owner is longer than ${MAX_OWNER} characters`);
  if (i.competency !== null && !options.competencies.has(i.competency))
    add('competency', `unknown competency or domain ${JSON.stringify(i.competency)}`);
  if (!isMonth(i.start)) add('start', `the start must be a month as YYYY-MM, not ${JSON.stringify(i.start)}`);
  const amounts: [string, number][] = [
    ['investment_dkk', i.investmentDkk],
    ['running_cost_dkk_per_year', i.runningCostDkkPerYear],
    ['expected_hours_per_year', i.expectedHoursPerYear],
    ['expected_dkk_per_year', i.expectedDkkPerYear],
  ];
  for (const [column, value] of amounts) amountProblem(value, column, add);
  if (
    i.budgetYear !== null &&
    !(Number.isInteger(i.budgetYear) && i.budgetYear >= 1900 && i.budgetYear <= 2999)
  )
    add('budget_year', `the budget year must be a year such as 2027, not ${JSON.stringify(i.budgetYear)}`);
  if (i.gainsBooked && i.budgetYear === null)
    add('budget_year', 'the gains are booked (gains_booked = ja) but no budget year says where');
  return problems;
}

function amountProblem(value: number, column: string, add: (column: string, message: string) => void): void {
  if (!Number.isFinite(value)) add(column, 'not a number');
  else if (value < 0) add(column, `a negative amount (${value}) is not allowed`);
  else if (value > MAX_AMOUNT) add(column, `the amount ${value} is implausibly large`);
}

/** Duplicate names within an organisation: every repeat is a problem at its own row. */
export function duplicateProblems(
  initiatives: readonly { initiative: Initiative; row?: number }[],
): PortfolioProblem[] {
  const seen = new Map<string, number | undefined>();
  const problems: PortfolioProblem[] = [];
  for (const { initiative: i, row } of initiatives) {
    const key = `${initiativeKey(i.organisation)}\u0000${initiativeKey(i.initiative)}`;
    if (seen.has(key)) {
      const first = seen.get(key);
      problems.push({
        ...(row ? { row } : {}),
        column: 'initiative',
        message: `the initiative ${JSON.stringify(i.initiative)} is already in the portfolio${first ? ` (row ${first})` : ''}`,
      });
    } else seen.set(key, row);
  }
  return problems;
}

/**
 * The problems of realisations against the initiatives they belong to: unknown initiative,
 * a bad month or one before the start, negative amounts, a month given twice.
 */
export function realisationProblems(
  realisations: readonly { realisation: Realisation; row?: number }[],
  initiatives: readonly Initiative[],
): PortfolioProblem[] {
  const byKey = new Map(
    initiatives.map((i) => [`${initiativeKey(i.organisation)}\u0000${initiativeKey(i.initiative)}`, i]),
  );
  const seen = new Set<string>();
  const problems: PortfolioProblem[] = [];
  for (const { realisation: r, row } of realisations) {
    const add = (column: string, message: string) =>
      problems.push({ ...(row ? { row } : {}), column, message });
    const key = `${initiativeKey(r.organisation)}\u0000${initiativeKey(r.initiative)}`;
    const initiative = byKey.get(key);
    if (!initiative)
      add(
        'initiative',
        `no initiative ${JSON.stringify(r.initiative)} in ${JSON.stringify(r.organisation)}'s portfolio`,
      );
    if (!isMonth(r.month)) add('month', `the month must be YYYY-MM, not ${JSON.stringify(r.month)}`);
    else if (initiative && isMonth(initiative.start) && isBefore(r.month, initiative.start))
      add('month', `${r.month} is before the initiative's start (${initiative.start})`);
    amountProblem(r.realisedHours, 'realised_hours', add);
    amountProblem(r.realisedDkk, 'realised_dkk', add);
    if (seen.has(`${key}\u0000${r.month}`))
      add('month', `${r.month} is given twice for ${JSON.stringify(r.initiative)}`);
    seen.add(`${key}\u0000${r.month}`);
  }
  return problems;
}
