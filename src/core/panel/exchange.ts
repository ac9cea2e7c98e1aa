/**
 * The exchange format of a panel of individuals (`instruments-more.md` §2): `respondent`,
 * an optional `weight` (a positive number; blank = 1), then one column per answer id. No
 * `organisation` or `sector` column: the respondents belong to no organisation. Checked whole
 * before anything is returned: every problem with its row, column and reason, or every row.
 */
import { validateAnswers } from '../answers/validate.ts';
import { escapeFormula, formatCell, parseCell, unescapeFormula } from '../answers/values.ts';
import { problemList } from '../exchange/parse.ts';
import type { ExchangeProblem } from '../exchange/types.ts';
import type { AnswerValue, Instrument } from '../instrument/types.ts';
import type { PanelRespondent } from './schema.ts';

export type PanelExchangeResult =
  { ok: true; respondents: PanelRespondent[] } | { ok: false; problems: ExchangeProblem[] };

export const PANEL_COLUMNS = ['respondent', 'weight'] as const;
const ORGANISATION_COLUMNS = ['organisation', 'sector'];
const NUMBER = /^\d+(\.\d+)?$|^\d*\.\d+$/;

/** Reads a weight cell: blank is 1; otherwise a positive number (decimal point or comma). */
export function parseWeight(cell: string): { weight: number } | { error: string } {
  const raw = cell.trim();
  if (raw === '') return { weight: 1 };
  const text = /^\d+,\d+$/.test(raw) ? raw.replace(',', '.') : raw;
  if (!NUMBER.test(text.replace(/^-/, '')))
    return { error: `weight must be a positive number such as 1.25 (found "${raw}")` };
  const weight = Number(text);
  if (!Number.isFinite(weight) || weight <= 0)
    return { error: `weight must be greater than 0 (found "${raw}")` };
  return { weight };
}

export function panelReader(instrument: Instrument, file: string) {
  const { problems, add } = problemList(file);
  let header: string[] | null = null;
  let weightCol = -1;
  const answerCols: { col: number; id: string }[] = [];
  const respondents: PanelRespondent[] = [];
  const ids = new Map<string, number>();
  let rowNo = 0;
  let headerOk = false;

  const readHeader = (cells: readonly string[]) => {
    const h = (header = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim()));
    if (h[0] !== 'respondent')
      add(1, 0, h[0], `column A must be "respondent" (found ${h[0] ? `"${h[0]}"` : 'nothing'})`);
    const seen = new Set<string>();
    h.forEach((name, i) => {
      if (i === 0) return;
      if (seen.has(name)) add(1, i, name, `column "${name}" appears twice`);
      seen.add(name);
      if (ORGANISATION_COLUMNS.includes(name))
        add(
          1,
          i,
          name,
          `a panel file has no "${name}" column: ${instrument.id}'s respondents belong to no organisation`,
        );
      else if (name === 'weight') weightCol = i;
      else if (name === '') add(1, i, undefined, 'empty column header');
      else if (!instrument.slotById.has(name))
        add(1, i, name, `unknown column: "${name}" is not an answer id of ${instrument.id}`);
      else answerCols.push({ col: i, id: name });
    });
  };

  const readRow = (h: readonly string[], cells: readonly string[]) => {
    if (cells.every((c) => c.trim() === '')) return;
    if (cells.length !== h.length) {
      add(rowNo, undefined, undefined, `has ${cells.length} cells; the header has ${h.length}`);
      return;
    }
    const id = unescapeFormula(cells[0]!.trim());
    if (id === '') add(rowNo, 0, 'respondent', 'respondent id is empty');
    else if (ids.has(id)) add(rowNo, 0, 'respondent', `respondent "${id}" is also in row ${ids.get(id)}`);
    else ids.set(id, rowNo);
    let weight = 1;
    if (weightCol >= 0) {
      const w = parseWeight(cells[weightCol]!);
      if ('error' in w) add(rowNo, weightCol, 'weight', w.error);
      else weight = w.weight;
    }
    const answers: Record<string, AnswerValue> = {};
    for (const { col, id: answerId } of answerCols) {
      const { value, error } = parseCell(instrument.slotById.get(answerId)!, cells[col]!);
      if (error) add(rowNo, col, answerId, error);
      else if (value !== undefined) answers[answerId] = value;
    }
    for (const p of validateAnswers(instrument, answers)) {
      const col = answerCols.find((c) => c.id === p.answerId)?.col;
      add(rowNo, col, p.answerId, p.message);
    }
    respondents.push({ id, weight, answers });
  };

  return {
    row(cells: readonly string[]) {
      rowNo++;
      if (header === null) {
        readHeader(cells);
        headerOk = problems.length === 0;
      } else if (headerOk) readRow(header, cells);
    },
    finish(): PanelExchangeResult {
      if (header === null || header.every((c) => c === ''))
        return {
          ok: false,
          problems: [{ file, row: 1, message: 'the file is empty: a header row is required' }],
        };
      if (problems.length > 0) return { ok: false, problems };
      if (respondents.length === 0)
        return {
          ok: false,
          problems: [
            { file, row: 2, message: 'the file has a header but no respondents: nothing to import' },
          ],
        };
      return { ok: true, respondents };
    },
  };
}

export function parsePanelRows(
  instrument: Instrument,
  rows: readonly (readonly string[])[],
  file: string,
): PanelExchangeResult {
  const reader = panelReader(instrument, file);
  for (const r of rows) reader.row(r);
  return reader.finish();
}

/** The panel's rows for export (the same columns import takes). */
export function panelExchangeRows(
  instrument: Instrument,
  respondents: readonly PanelRespondent[],
): string[][] {
  const header = ['respondent', 'weight', ...instrument.answerIds];
  return [
    header,
    ...respondents.map((r) => [
      escapeFormula(r.id),
      String(r.weight),
      ...instrument.answerIds.map((id) => formatCell(instrument.slotById.get(id)!, r.answers[id])),
    ]),
  ];
}
