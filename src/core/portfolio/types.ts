/**
 * The digital portfolio (contract `instruments-more.md` §6): an organisation's register of
 * digital initiatives and the gains realised month by month. Not an instrument — no answers,
 * no scores — but its rules live here like every other rule: pure, no I/O.
 */

/** The seed's three tracks (004): must-address challenges, must-have solutions, prerequisites. */
export const TRACKS = ['skal-udfordringer', 'skal-loesninger', 'forudsaetninger'] as const;
export type Track = (typeof TRACKS)[number];

export const STATUSES = ['ide', 'besluttet', 'i-gang', 'i-drift', 'stoppet'] as const;
export type Status = (typeof STATUSES)[number];

/** Initiatives whose gains are expected to be arriving (the monthly review lists these). */
export const RUNNING_STATUSES: readonly Status[] = ['i-gang', 'i-drift'];

/** One initiative, as the contract's columns carry it (amounts in DKK). */
export interface Initiative {
  /** The organisation's name, as in the `organisation` column. */
  readonly organisation: string;
  /** Unique within the organisation (case and surrounding space ignored). */
  readonly initiative: string;
  readonly track: Track;
  readonly owner: string | null;
  readonly status: Status;
  /** A dt-offentlig competency or domain id it strengthens, or null. */
  readonly competency: string | null;
  /** `YYYY-MM`: the month from which gains are expected. */
  readonly start: string;
  readonly investmentDkk: number;
  readonly runningCostDkkPerYear: number;
  readonly expectedHoursPerYear: number;
  readonly expectedDkkPerYear: number;
  /** The expected gain is written into a budget up front. */
  readonly gainsBooked: boolean;
  /** The budget year it is written into (required when `gainsBooked`). */
  readonly budgetYear: number | null;
}

/** What was realised of one initiative in one month. */
export interface Realisation {
  readonly organisation: string;
  readonly initiative: string;
  /** `YYYY-MM`. */
  readonly month: string;
  readonly realisedHours: number;
  readonly realisedDkk: number;
}

/** One problem with the input: where (row and column when it came from a file) and what. */
export interface PortfolioProblem {
  /** Rows count from 1 = the header; absent for input that did not come from a file. */
  readonly row?: number;
  /** The contract's column (or field) name. */
  readonly column?: string;
  readonly message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: PortfolioProblem[] };

/** The key that makes an initiative's name unique within its organisation. */
export const initiativeKey = (name: string): string => name.trim().toLocaleLowerCase('da');
