/** The data of a round as the exchange format carries it: organisations and their respondents. */
import type { Answers } from '../instrument/types.ts';
import type { OrganisationAttributes } from '../organisations/attributes.ts';

/** The sectors of `dt-offentlig`, and of every instrument that declares none of its own. */
export const SECTORS = ['stat', 'region', 'kommune', 'andet'] as const;
/**
 * Every sector an organisation may be stored with: the default sectors and the private sector
 * of the organisation panel (`it-i-praksis`). The database holds the same list (migration 0020).
 */
export const ORGANISATION_SECTORS = ['stat', 'region', 'kommune', 'privat', 'andet'] as const;
/** A sector code: one of the instrument's `sectors` (default SECTORS). */
export type Sector = string;

export interface RespondentData {
  /** Unique within the organisation; no names needed. */
  readonly id: string;
  /** Keyed by answer id; a missing key is a missing answer. */
  readonly answers: Answers;
}

export interface OrganisationData {
  /** The organisation's name, as in the `organisation` column. */
  readonly name: string;
  readonly sector: Sector;
  readonly respondents: readonly RespondentData[];
  /**
   * Its attributes in the round, from the file's `org.*` columns: only the attributes the
   * file has a column for (an empty cell: none). Absent when the file has no such column.
   */
  readonly attributes?: Partial<OrganisationAttributes>;
}

/** One problem in an exchange file: where (row, column) and what. Rows count from 1 = header. */
export interface ExchangeProblem {
  file: string;
  row: number;
  /** Column header name, when the problem is in one cell or column. */
  column?: string;
  /** Spreadsheet-style column letter (A, B, …, AA), when known. */
  columnLetter?: string;
  message: string;
}

export const FIXED_COLUMNS = ['organisation', 'sector', 'respondent'] as const;
