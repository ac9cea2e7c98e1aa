/** Where two groups of the organisation's own respondents see things differently, largest differences first. */
import type { ComparisonSection } from '../../model/types.ts';
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { dataTable, section } from '../parts.ts';

export function comparisonsSection(ctx: Ctx): SafeHtml {
  const { report, t } = ctx;
  if (report.comparisons.length === 0) return html``;
  return section(
    'comparisons',
    t('comparisons.title'),
    html`<p>${t('comparisons.intro', { min: report.round.respondentMin })}</p>
      ${report.comparisons.map((c) => comparison(ctx, c))}`,
  );
}

function comparison(ctx: Ctx, c: ComparisonSection): SafeHtml {
  const { t, f } = ctx;
  const [a, b] = c.groups;
  const heading = html`<h3>${c.label}</h3>`;
  if (c.status !== 'ok')
    return html`${heading}
      <p data-status="${c.status}">${c.message}</p>`;
  const head = html`<tr>
    <th scope="col" class="num">${t('comparisons.place')}</th>
    <th scope="col">${t('comparisons.what')}</th>
    <th scope="col" class="num">${a!.label}</th>
    <th scope="col" class="num">${b!.label}</th>
    <th scope="col" class="num">${t('comparisons.difference')}</th>
  </tr>`;
  const body = c.rows.map(
    (r, i) =>
      html`<tr>
        <td class="num">${i + 1}</td>
        <th scope="row">${r.label}</th>
        <td class="num">${f.num(r.a, r.decimals)}</td>
        <td class="num">${f.num(r.b, r.decimals)}</td>
        <td class="num">${f.signed(r.difference, r.decimals)}</td>
      </tr>`,
  );
  return html`${heading}
    <p>${t('comparisons.counts', { a: a!.label, countA: a!.count, b: b!.label, countB: b!.count })}</p>
    <p>${t('comparisons.sign', { a: a!.label, b: b!.label })}</p>
    ${
      c.rows.length === 0
        ? html`<p>${t('comparisons.noneFlagged')}</p>`
        : dataTable(
            `comparison-${c.id}`,
            t('comparisons.tableCaption', { label: c.label }),
            head,
            html`${body}`,
          )
    }
    ${c.rankCorrelation !== null ? html`<p>${t('comparisons.correlation', { rho: f.num(c.rankCorrelation, 2) })}</p>` : ''}`;
}
