/** Where business leaders and IT leaders see things differently, largest differences first. */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { dataTable, section } from '../parts.ts';

export function divergenceSection(ctx: Ctx): SafeHtml {
  const { report, t, f } = ctx;
  const d = report.divergence;
  if (d.status === 'none') return html``;
  const counts = html`<p>
    ${t('divergence.counts', {
      business: t('divergence.businessCount', { count: d.counts.business }),
      it: t('divergence.itCount', { count: d.counts.it }),
    })}
  </p>`;
  if (d.status !== 'ok') {
    return section(
      'divergence',
      t('divergence.title'),
      html`${counts}
        <p>${d.message}</p>`,
    );
  }
  const head = html`<tr>
    <th scope="col" class="num">${t('divergence.place')}</th>
    <th scope="col">${t('divergence.what')}</th>
    <th scope="col" class="num">${t('divergence.business')}</th>
    <th scope="col" class="num">${t('divergence.it')}</th>
    <th scope="col" class="num">${t('divergence.difference')}</th>
  </tr>`;
  const body = d.rows.map(
    (r, i) =>
      html`<tr>
        <td class="num">${i + 1}</td>
        <th scope="row">${r.label}</th>
        <td class="num">${f.num(r.business, r.decimals)}</td>
        <td class="num">${f.num(r.it, r.decimals)}</td>
        <td class="num">${f.signed(r.difference, r.decimals)}</td>
      </tr>`,
  );
  return section(
    'divergence',
    t('divergence.title'),
    html`${counts}
      <p>${t('divergence.intro')}</p>
      ${d.counts.it === 1 || d.counts.business === 1 ? html`<p class="note">${t('divergence.single')}</p>` : ''}
      ${
        d.rows.length === 0
          ? html`<p>${t('divergence.noneFlagged')}</p>`
          : dataTable('divergence-table', t('divergence.tableCaption'), head, html`${body}`)
      }
      ${
        d.rankCorrelation !== null
          ? html`<p>${t('divergence.correlation', { rho: f.num(d.rankCorrelation, 2) })}</p>`
          : ''
      }`,
  );
}
