/**
 * Where two groups of the organisation's own respondents see things differently: one part each
 * for single questions, competency scores, domain gaps and the ranking (the core's parts,
 * src/core/figures/compare.ts), each largest difference first, the sign said in words, and a
 * dot plot of the two groups' values with its table.
 */
import { rankingComparisonOption } from '../../../../charts/ranking-comparison.ts';
import { columnSizes, renderResponsiveChart } from '../../../../charts/responsive.ts';
import type { ComparisonPartView, ComparisonSection } from '../../model/types.ts';
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { chartFigure, dataTable, section } from '../parts.ts';

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
  const heading = html`<h3 id="comparison-${c.id}-h">${c.label}</h3>`;
  if (c.status !== 'ok')
    return html`${heading}
      <p data-status="${c.status}">${c.message}</p>`;
  return html`${heading}
    <p>${t('comparisons.counts', { a: a!.label, countA: a!.count, b: b!.label, countB: b!.count })}</p>
    <p>${t('divergence.sign', { who: t('divergence.who') })}</p>
    ${c.parts.length === 0 ? html`<p>${t('comparisons.noneFlagged')}</p>` : c.parts.map((p) => part(ctx, c, p))}
    ${c.rankCorrelation !== null ? html`<p>${t('comparisons.correlation', { rho: f.num(c.rankCorrelation, 2) })}</p>` : ''}`;
}

function part(ctx: Ctx, c: ComparisonSection, p: ComparisonPartView): SafeHtml {
  const { t, f, report } = ctx;
  const [a, b] = c.groups.map((g) => g.label) as [string, string];
  const id = `comparison-${c.id}-${p.part}`;
  const head = html`<tr>
    <th scope="col">${t('comparisons.what')}</th>
    <th scope="col" class="num">${a}</th>
    <th scope="col" class="num">${b}</th>
    <th scope="col" class="num">${t('divergence.difference')}</th>
    <th scope="col">${t('divergence.who')}</th>
  </tr>`;
  const body = p.rows.map(
    (r) =>
      html`<tr>
        <th scope="row">${r.label}</th>
        <td class="num">${f.num(r.a, r.decimals)}</td>
        <td class="num">${f.num(r.b, r.decimals)}</td>
        <td class="num">${r.difference === null ? '–' : f.num(Math.abs(r.difference), r.decimals)}</td>
        <td>${r.higher ?? '–'}</td>
      </tr>`,
  );
  const values = p.rows.flatMap((r) => [r.a, r.b]).filter((v): v is number => v !== null);
  const scale =
    p.part === 'ranks'
      ? { min: 1, max: report.ranking.size, interval: 1 }
      : p.part === 'questions' || p.part === 'competencies'
        ? { ...report.profile.scale, interval: 1 }
        : { min: Math.floor(Math.min(0, ...values)), max: Math.ceil(Math.max(0, ...values)) };
  const chart = renderResponsiveChart(
    rankingComparisonOption({
      rows: p.rows.map((r) => ({ label: r.label, ours: r.a, peers: r.b })),
      size: report.ranking.size,
      scale,
      labels: {
        ours: a,
        peers: b,
        axis: t(p.part === 'ranks' ? 'divergence.rankAxis' : 'divergence.valueAxis'),
      },
    }),
    {
      id: `${id}-chart`,
      title: t('divergence.chartTitle', { part: p.label, a, b }),
      description: t('divergence.chartDescription', { a, b }),
    },
    columnSizes(100 + p.rows.length * 38),
  );
  return html`<h4 id="${id}-h">${p.label}</h4>
    <p>${p.threshold}</p>
    ${chartFigure(chart, t('divergence.chartCaption', { a, b }))}
    ${dataTable(id, t('divergence.tableCaption', { part: p.label, a, b }), head, html`${body}`, 'divergence')}`;
}
