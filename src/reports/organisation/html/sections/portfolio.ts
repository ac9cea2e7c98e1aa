/**
 * The portfolio's coverage of the organisation's largest gaps: one plain sentence, then a
 * table — each gap or advised competency, why, the running and the planned initiatives that
 * name it, and whether it is covered. Status in words, never by colour alone.
 */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { dataTable, section } from '../parts.ts';

export function portfolioSection(ctx: Ctx): SafeHtml {
  const { report, t } = ctx;
  const p = report.portfolio;
  if (!p) return html``;
  const list = (names: readonly string[]) =>
    names.length === 0
      ? t('common.none')
      : html`<ul class="initiatives">
          ${names.map((n) => html`<li>${n}</li>`)}
        </ul>`;
  const head = html`<tr>
    <th scope="col">${t('portfolio.gap')}</th>
    <th scope="col">${t('portfolio.kind')}</th>
    <th scope="col">${t('portfolio.why')}</th>
    <th scope="col">${t('portfolio.running')}</th>
    <th scope="col">${t('portfolio.planned')}</th>
    <th scope="col">${t('portfolio.status')}</th>
  </tr>`;
  const body = p.rows.map(
    (r) =>
      html`<tr data-gap="${r.kind}:${r.id}" data-coverage="${r.coverage}">
        <th scope="row">${r.label}</th>
        <td>${t(`advice.kind.${r.kind}`)}</td>
        <td>${r.reason}</td>
        <td>${list(r.running)}</td>
        <td>${list(r.planned)}</td>
        <td><span class="status status-${r.coverage}">${r.coverageLabel}</span></td>
      </tr>`,
  );
  return section(
    'portfolio',
    t('portfolio.title'),
    html`<p>${t('portfolio.intro')}</p>
      <p data-portfolio-summary="true">${p.summary}</p>
      ${p.rows.length > 0 ? dataTable('portfolio-table', t('portfolio.tableCaption'), head, html`${body}`) : ''}`,
  );
}
