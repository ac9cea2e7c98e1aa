/** The organisation beside the whole round and the published references the instrument carries. */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { dataTable, section } from '../parts.ts';

export function referencesSection(ctx: Ctx): SafeHtml {
  const { report, t } = ctx;
  const r = report.references;
  if (!r || r.rows.length === 0) return html``;
  const head = html`<tr>
    <th scope="col">${t('references.what')}</th>
    <th scope="col" class="num">${t('references.ours')}</th>
    <th scope="col" class="num">${t('references.round')}</th>
    ${r.references.map((x) => html`<th scope="col" class="num">${x.label}</th>`)}
  </tr>`;
  const body = r.rows.map(
    (row) =>
      html`<tr>
        <th scope="row">${row.label}</th>
        <td class="num">${row.ours}</td>
        <td class="num">${row.round}</td>
        ${r.references.map((x) => html`<td class="num">${row.reference[x.id] ?? ''}</td>`)}
      </tr>`,
  );
  return section(
    'references',
    t('references.title'),
    html`<p>${t('references.intro', { release: report.release.number })}</p>
      ${dataTable('references-table', t('references.caption'), head, html`${body}`)}
      ${r.references.map((x) => html`<p class="note">${x.label}: ${x.source}</p>`)}`,
  );
}
