/**
 * The fast CSV reader must give exactly csv-parse's records, or stop and leave the rest to
 * csv-parse (see src/core/exchange/fast-csv.ts): checked against csv-parse on random input
 * built from the characters that matter, and through feedCsv on files csv-parse rejects.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { feedCsv } from '../../src/core/exchange/csv.ts';
import { readSimpleCsv } from '../../src/core/exchange/fast-csv.ts';

function csvParse(text: string, delimiter: string): { records: string[][]; error: string | null } {
  const records: string[][] = [];
  try {
    parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (r: string[]) => {
        records.push(r);
        return null;
      },
    });
    return { records, error: null };
  } catch (err) {
    return { records, error: (err as Error).message };
  }
}

const PIECES = ['a', 'bc', ',', ';', '"', '""', '\n', '\r\n', '\r', ' ', 'æø', '\uFEFF', '\t'];

describe('the fast CSV reader', () => {
  it('gives csv-parse’s records on random input, or stops where csv-parse has the same prefix', () => {
    let seed = 17;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let whole = 0;
    let stopped = 0;
    const differences: unknown[] = [];
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    for (let t = 0; t < 30_000; t++) {
      let text = random() < 0.1 ? '\uFEFF' : '';
      const length = Math.floor(random() * 16);
      // Half of the pieces from the common ones (letters, comma, quote), so that plain
      // records are frequent and quoted ones too.
      for (let k = 0; k < length; k++)
        text += PIECES[Math.floor(random() * (random() < 0.5 ? 5 : PIECES.length))]!;
      const delimiter = random() < 0.7 ? ',' : ';';
      const reference = csvParse(text, delimiter);
      const mine: string[][] = [];
      const result = readSimpleCsv(text, delimiter, (r) => mine.push(r));
      if (result === null) {
        whole++;
        if (reference.error !== null || !same(mine, reference.records))
          differences.push({ text, reference, mine });
      } else {
        stopped++;
        if (!same(mine, reference.records.slice(0, result)))
          differences.push({ text, reference, mine, result });
      }
    }
    expect(differences).toEqual([]);
    // Both outcomes were exercised, many times.
    expect(whole).toBeGreaterThan(5_000);
    expect(stopped).toBeGreaterThan(5_000);
  });

  it('reads quoted fields with delimiters, quotes and line breaks, LF and CRLF files, a BOM', () => {
    const rows: string[][] = [];
    expect(readSimpleCsv('\uFEFFa,"b,""c""\nd",\r\n"",x\r\n', ',', (r) => rows.push(r))).toBeNull();
    expect(rows).toEqual([
      ['a', 'b,"c"\nd', ''],
      ['', 'x'],
    ]);
  });

  it('leaves malformed CSV to csv-parse: the same error, after the same records', () => {
    for (const text of ['h1,h2\na,b\nc,"d\n', 'h1,h2\na,b\nc,d"e\n', 'h1,h2\na,"b"c\n', 'h\r\na\nb\n']) {
      const fed: string[][] = [];
      const result = feedCsv(text, 'f.csv', (r) => fed.push(r));
      const reference = csvParse(text, ',');
      expect(fed).toEqual(reference.records);
      if (reference.error === null) expect(result).toEqual({ delimiter: ',' });
      else
        expect(result).toEqual({
          ok: false,
          problems: [
            expect.objectContaining({ file: 'f.csv', message: expect.stringMatching(/^not valid CSV: /) }),
          ],
        });
    }
  });
});
