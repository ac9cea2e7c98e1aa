/**
 * CSV as people have it. The exchange format is comma-separated with a decimal point (the
 * contract), but a Danish Excel saves "CSV" with semicolons and a decimal comma, with or
 * without a byte-order mark. Readers detect both from the file itself and say what they
 * found; writers can produce the Danish Excel variant on request.
 */

export type Delimiter = ',' | ';';
export type DecimalMark = '.' | ',';

export interface CsvDialect {
  readonly delimiter: Delimiter;
  /** null: the file holds no decimal number, so nothing needed deciding. */
  readonly decimal: DecimalMark | null;
}

/** The contract's format. */
export const STANDARD_CSV: CsvDialect = { delimiter: ',', decimal: '.' };
/** What Excel writes and reads with Danish regional settings (also needs a BOM to open as UTF-8). */
export const DANISH_EXCEL_CSV: CsvDialect = { delimiter: ';', decimal: ',' };

/**
 * The delimiter of a CSV text, from its header row (the first line that is not empty):
 * whichever of `;` and `,` occurs more often outside quotes; a tie is the standard comma.
 */
export function detectDelimiter(text: string): Delimiter {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  let seen = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (seen) break;
    } else {
      seen = true;
      if (!quoted && c === ';') semicolons++;
      else if (!quoted && c === ',') commas++;
    }
  }
  return semicolons > commas ? ';' : ',';
}

const POINT_DECIMAL = /^-?\d+\.\d+$/;
const COMMA_DECIMAL = /^-?\d+,\d+$/;

/**
 * The decimal mark a cell written as a decimal number uses, if it is one: `12.5` → '.',
 * `12,5` → ','; whole numbers and anything else → null (nothing to tell).
 */
export function decimalMarkOf(cell: string): DecimalMark | null {
  const text = cell.trim();
  if (POINT_DECIMAL.test(text)) return '.';
  if (COMMA_DECIMAL.test(text)) return ',';
  return null;
}

/** A number cell in the file's decimal mark, turned into the standard one. */
export const toPointDecimal = (cell: string, mark: DecimalMark | null): string =>
  mark === ',' ? cell.replace(',', '.') : cell;

/** A number written for a file with this decimal mark. */
export const formatDecimal = (value: number, mark: DecimalMark | null): string =>
  mark === ',' ? String(value).replace('.', ',') : String(value);

/** In plain words, for the messages that say how a file was read. */
export function describeDialect(d: CsvDialect): string {
  const delimiter = d.delimiter === ';' ? 'semicolon-separated' : 'comma-separated';
  const decimal = d.decimal === ',' ? ', decimal comma' : d.decimal === '.' ? ', decimal point' : '';
  return `${delimiter}${decimal}`;
}
