/** The four effect domains: priority against current effort, gaps highlighted. */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { chartFigure, dataTable, section } from '../parts.ts';

export function domainsSection(ctx: Ctx): SafeHtml {
  const { report, t, f, charts } = ctx;
  const d = report.domains;
  const head = html`<tr>
    <th scope="col" class="num">${t('domains.number')}</th>
    <th scope="col">${t('domains.domain')}</th>
    <th scope="col" class="num">${t('domains.priority')}</th>
    <th scope="col" class="num">${t('domains.effort')}</th>
    <th scope="col" class="num">${t('domains.gap')}</th>
    <th scope="col">${t('domains.advised')}</th>
  </tr>`;
  const body = d.rows.map(
    (r, i) =>
      html`<tr class="${r.advised ? 'highlight' : ''}">
        <td class="num">${i + 1}</td>
        <th scope="row">${r.label}</th>
        <td class="num">${f.num(r.priority, 1)}</td>
        <td class="num">${f.num(r.effort, 1)}</td>
        <td class="num">${f.signed(r.gap, 1)}</td>
        <td>${r.advised ? html`<strong>${t('domains.gapYes')}</strong>` : t('domains.gapNo')}</td>
      </tr>`,
  );
  return section(
    'domains',
    t('domains.title'),
    html`<p>${t('domains.intro', { gap: f.num(d.minGap, 1) })}</p>
      ${chartFigure(charts.domains, t('domains.chartCaption'))}
      ${dataTable('domains-table', t('domains.tableCaption'), head, html`${body}`)}`,
  );
}
