/**
 * What can be wrong with a file a person uploads (invitees, organisation attributes, comparison
 * sets): a code and its values, never a sentence. The sentence is the page's language's
 * (src/i18n/file-problems.ts), so the same problem reads in Danish on a Danish page and in
 * English in the API, and it always names the valid codes where there are any.
 */
export const FILE_PROBLEM_CODES = [
  'notUtf8',
  'notCsv',
  'notXlsx',
  'noWorksheet',
  'missingColumn',
  'unknownColumn',
  'tooManyRows',
  'noRows',
  'nul',
  'required',
  'tooLong',
  'notOneOf',
  'notOneOfOrEmpty',
  'notEmail',
  'duplicate',
  'sectorConflict',
  'respondentExists',
  'roundClosed',
  // Organisation attributes and comparison sets
  'attributeName',
  'noTypes',
  'typeNotOneOf',
  'notSize',
  'attributeConflict',
  'roundFinal',
  'firstColumn',
  'columnTwice',
  'noAttributeColumns',
  'unknownOrganisation',
  'organisationAgain',
  'pairColumns',
  'selfComparison',
  'samePair',
] as const;
export type FileProblemCode = (typeof FILE_PROBLEM_CODES)[number];

export type FileProblemParams = Readonly<Record<string, string | number | readonly string[]>>;

export interface FileProblem {
  /** Row of the file as a spreadsheet shows it: 1 is the header. */
  readonly row: number;
  /** The column's header, when the problem is in one column or cell. */
  readonly column?: string;
  readonly code: FileProblemCode;
  readonly params?: FileProblemParams;
}

export function fileProblem(
  row: number,
  column: string | undefined,
  code: FileProblemCode,
  params?: FileProblemParams,
): FileProblem {
  return { row, ...(column ? { column } : {}), code, ...(params ? { params } : {}) };
}
