/** The organisation's figures against its earlier rounds. */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { chartFigure, dataTable, section } from '../parts.ts';

export function trendSection(ctx: Ctx): SafeHtml {
  const { report, t, f, charts } = ctx;
  const tr = report.trend;
  if (tr.rounds.length < 2) return section('trend', t('trend.title'), html`<p>${t('trend.none')}</p>`);
  const first = tr.rounds[0]!;
  const last = tr.rounds[tr.rounds.length - 1]!;

  const indexHead = html`<tr>
    <th scope="col">${t('trend.round')}</th>
    <th scope="col" class="num">${t('trend.respondents')}</th>
    <th scope="col" class="num">${report.summary.indexLabel}</th>
    <th scope="col">${t('trend.stage')}</th>
  </tr>`;
  const indexBody = tr.rounds.map(
    (r) =>
      html`<tr>
        <th scope="row">${r.title}</th>
        <td class="num">${r.respondents}</td>
        <td class="num">${f.num(r.index, report.summary.indexDecimals)}</td>
        <td>${r.stageLabel ?? t('common.none')}</td>
      </tr>`,
  );

  const compHead = html`<tr>
    <th scope="col">${t('trend.competency')}</th>
    ${tr.rounds.map((r) => html`<th scope="col" class="num">${r.title}</th>`)}
    <th scope="col" class="num">${t('trend.change', { from: first.title })}</th>
  </tr>`;
  const change = (a: number | null | undefined, b: number | null | undefined) =>
    a === null || a === undefined || b === null || b === undefined ? null : b - a;
  const compBody = tr.competencies.map(
    (c) =>
      html`<tr>
        <th scope="row">${c.label}</th>
        ${tr.rounds.map((r) => html`<td class="num">${f.num(r.competencies[c.id], 1)}</td>`)}
        <td class="num">${f.signed(change(first.competencies[c.id], last.competencies[c.id]), 1)}</td>
      </tr>`,
  );
  const domainBody = tr.domains.map(
    (d) =>
      html`<tr>
        <th scope="row">${d.label}</th>
        ${tr.rounds.map((r) => html`<td class="num">${f.num(r.domains[d.id], 1)}</td>`)}
        <td class="num">${f.signed(change(first.domains[d.id], last.domains[d.id]), 1)}</td>
      </tr>`,
  );
  const domainHead = html`<tr>
    <th scope="col">${t('trend.domain')}</th>
    ${tr.rounds.map((r) => html`<th scope="col" class="num">${r.title}</th>`)}
    <th scope="col" class="num">${t('trend.change', { from: first.title })}</th>
  </tr>`;

  const indexChange = change(first.index, last.index);
  return section(
    'trend',
    t('trend.title'),
    html`<p>
        ${t('trend.intro', { count: tr.rounds.length })}
        ${indexChange === null ? '' : t('trend.indexChange', { change: f.signed(indexChange, report.summary.indexDecimals), from: first.title })}
      </p>
      ${chartFigure(charts.trendIndex, t('trend.indexChartCaption'))}
      ${dataTable('trend-index', t('trend.indexTableCaption'), indexHead, html`${indexBody}`)}
      ${chartFigure(charts.trendCompetencies, t('trend.competencyChartCaption'))}
      ${dataTable('trend-competencies', t('trend.competencyTableCaption'), compHead, html`${compBody}`)}
      ${dataTable('trend-domains', t('trend.domainTableCaption'), domainHead, html`${domainBody}`)}`,
  );
}
