/**
 * The organisation's own figures as a workbook: one sheet per part of the report, numbers as
 * numbers (unrounded, shown with one decimal) so they can be worked with, and the comparison
 * with each peer group as the release shows it (xlsx-peers.ts). Dates are Copenhagen time.
 */
import ExcelJS from 'exceljs';
import { reportT } from '../../i18n/report.ts';
import type { OrganisationReport } from './model/types.ts';
import { DATE_TIME_FORMAT, localDate, peersSheet } from './xlsx-peers.ts';

type Cell = string | number | Date | null;

const ONE_DECIMAL = '0.0';

function sheet(
  workbook: ExcelJS.Workbook,
  name: string,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  numberColumns: readonly number[] = [],
): void {
  // Sheet names are limited to 31 characters and some punctuation.
  const ws = workbook.addWorksheet(name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.addRow([...header]).font = { bold: true };
  for (const row of rows) {
    const added = ws.addRow(row.map((c) => (c === null ? '' : c)));
    row.forEach((c, i) => {
      if (c instanceof Date) added.getCell(i + 1).numFmt = DATE_TIME_FORMAT;
    });
  }
  ws.columns.forEach((column, i) => {
    const values = [
      header[i] ?? '',
      ...rows.map((r) => (r[i] instanceof Date ? '2026-01-01 00:00' : String(r[i] ?? ''))),
    ];
    column.width = Math.min(60, Math.max(10, ...values.map((v) => v.length + 2)));
    if (numberColumns.includes(i)) column.numFmt = ONE_DECIMAL;
  });
}

export async function reportWorkbook(report: OrganisationReport): Promise<Buffer> {
  const t = reportT(report.lang);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pejling';
  workbook.created = new Date(report.generatedAt);
  const o = report.organisation;
  const s = report.summary;

  sheet(
    workbook,
    t('xlsx.summary'),
    [t('xlsx.field'), t('xlsx.value')],
    [
      [t('xlsx.organisation'), o.name],
      [t('xlsx.sector'), o.sectorLabel],
      [t('xlsx.round'), report.round.title],
      [t('xlsx.respondents'), s.respondents],
      [s.indexLabel, s.index],
      [t('summary.stage'), s.stage?.label ?? null],
      [t('xlsx.reason'), s.reason],
      [t('xlsx.release'), report.release.number],
      [t('xlsx.releaseAt'), localDate(report.release.at)],
      [t('xlsx.generated'), localDate(report.generatedAt)],
    ],
  );

  peersSheet(workbook, report);

  const rank = new Map(report.ranking.rows.map((r) => [r.id, r]));
  const targets = new Map(report.targets.current.map((r) => [r.competency, r]));
  sheet(
    workbook,
    t('xlsx.competencies'),
    [
      t('profile.competency'),
      t('profile.score'),
      t('xlsx.meanRank'),
      t('xlsx.place'),
      t('targets.target'),
      t('targets.distance'),
    ],
    report.profile.rows.map((r) => [
      r.label,
      r.score,
      rank.get(r.id)?.meanRank ?? null,
      rank.get(r.id)?.place ?? null,
      r.target,
      targets.get(r.id)?.distance ?? null,
    ]),
    [1, 2, 4, 5],
  );

  sheet(
    workbook,
    t('xlsx.domains'),
    [t('domains.domain'), t('domains.priority'), t('domains.effort'), t('domains.gap'), t('domains.advised')],
    report.domains.rows.map((r) => [
      r.label,
      r.priority,
      r.effort,
      r.gap,
      r.advised ? t('domains.gapYes') : t('domains.gapNo'),
    ]),
    [1, 2, 3],
  );

  for (const c of report.comparisons) {
    const [a, b] = c.groups;
    sheet(
      workbook,
      c.label.slice(0, 31),
      [
        t('divergence.part'),
        t('comparisons.what'),
        a!.label,
        b!.label,
        t('divergence.difference'),
        t('divergence.who'),
      ],
      c.status === 'ok'
        ? c.parts.flatMap((p) =>
            p.rows.map((r) => [
              p.label,
              r.label,
              r.a,
              r.b,
              r.difference === null ? null : Math.abs(r.difference),
              r.higher,
            ]),
          )
        : [[c.message ?? '', null, null, null, null, null]],
      [2, 3, 4],
    );
  }

  sheet(
    workbook,
    t('xlsx.advice'),
    [t('xlsx.number'), t('xlsx.kind'), t('xlsx.label'), t('xlsx.reason'), t('xlsx.recommendations')],
    report.advice.map((a, i) => [
      i + 1,
      t(`advice.kind.${a.kind}`),
      a.label,
      a.reason,
      a.recommendations.map((r) => r.title).join('; '),
    ]),
  );

  sheet(
    workbook,
    t('xlsx.plan'),
    [t('plan.action'), t('plan.advice'), t('plan.owner'), t('plan.due'), t('plan.status.label')],
    report.plan.map((p) => [p.title, p.adviceLabel, p.owner, p.dueDate, p.statusLabel]),
  );

  const tr = report.trend;
  sheet(
    workbook,
    t('xlsx.trend'),
    [
      t('trend.round'),
      t('trend.respondents'),
      s.indexLabel,
      t('trend.stage'),
      ...tr.competencies.map((c) => c.label),
      ...tr.domains.map((x) => t('domains.effortOf', { domain: x.label })),
    ],
    tr.rounds.map((r) => [
      r.title,
      r.respondents,
      r.index,
      r.stageLabel,
      ...tr.competencies.map((c) => r.competencies[c.id] ?? null),
      ...tr.domains.map((x) => r.domains[x.id] ?? null),
    ]),
    [2, ...tr.competencies.map((_, i) => 4 + i), ...tr.domains.map((_, i) => 4 + tr.competencies.length + i)],
  );

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
