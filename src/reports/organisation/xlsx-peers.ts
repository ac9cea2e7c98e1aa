/**
 * The workbook's comparison with each peer group: one row per figure and group, as the web
 * report's benchmark shows it (from the release; a group below k has no numbers). Numbers are
 * numbers with the precision they are shown with as the cell's number format (quartiles one
 * decimal finer than the values); nothing is rounded into a string.
 */
import type ExcelJS from 'exceljs';
import { toLocalInputs } from '../../i18n/dates.ts';
import { reportT } from '../../i18n/report.ts';
import type { OrganisationReport } from './model/types.ts';

/** An Excel number format with `d` decimals: 0, 0.0, 0.00 … */
export const decimalsFormat = (d: number) => (d <= 0 ? '0' : `0.${'0'.repeat(d)}`);

/** A moment as the Copenhagen wall clock, for a cell formatted as a date and time (Excel has no zones). */
export const localDate = (iso: string) => {
  const { date, time } = toLocalInputs(iso);
  return new Date(`${date}T${time}:00Z`);
};
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';

export function peersSheet(workbook: ExcelJS.Workbook, report: OrganisationReport): void {
  const t = reportT(report.lang);
  const ws = workbook.addWorksheet(t('summary.board.xlsxPeers').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.addRow([
    t('benchmark.value'),
    t('benchmark.ours'),
    t('benchmark.group'),
    t('benchmark.organisations'),
    t('benchmark.q1'),
    t('benchmark.median'),
    t('benchmark.q3'),
    t('summary.board.bandLow'),
    t('summary.board.bandHigh'),
    t('benchmark.percentile'),
  ]).font = { bold: true };
  const b = report.benchmark;
  for (const d of b.dimensions)
    for (const g of b.groups) {
      const fig = d.figures[g.id] ?? { status: 'too-few' as const };
      const quarter =
        fig.status !== 'too-few' && fig.quarter !== null ? t(`benchmark.quarter.${fig.quarter}`) : null;
      const row = ws.addRow([
        d.label,
        d.value,
        g.label,
        g.size,
        fig.status === 'ok' ? fig.q1 : null,
        fig.status === 'ok' ? fig.median : null,
        fig.status === 'ok' ? fig.q3 : null,
        fig.status === 'banded' ? fig.band[0] : null,
        fig.status === 'banded' ? fig.band[1] : null,
        fig.status === 'too-few' ? t('benchmark.tooFew') : quarter,
      ]);
      row.getCell(2).numFmt = decimalsFormat(d.decimals);
      for (const c of [5, 6, 7]) row.getCell(c).numFmt = decimalsFormat(d.decimals + 1);
      for (const c of [8, 9]) row.getCell(c).numFmt = decimalsFormat(d.decimals);
    }
  ws.columns.forEach((column, i) => {
    column.width = i === 0 || i === 2 ? 36 : i === 9 ? 22 : 14;
  });
}
