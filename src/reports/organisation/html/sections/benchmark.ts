/**
 * The peer comparison: the index in every peer group, and the organisation's percentile per
 * value and group. A group below k shows "too few to compare" and no number at all.
 */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { chartFigure, dataTable, section } from '../parts.ts';

export function benchmarkSection(ctx: Ctx): SafeHtml {
  const { report, t, f, charts } = ctx;
  const b = report.benchmark;
  if (b.groups.length === 0) {
    return section('benchmark', t('benchmark.title'), html`<p>${t('benchmark.none')}</p>`);
  }
  const index = b.dimensions[0]!;
  const tooFew = (colspan: number) =>
    html`<td colspan="${colspan}" class="too-few" data-status="too-few">${t('benchmark.tooFew')}</td>`;

  const indexHead = html`<tr>
    <th scope="col">${t('benchmark.group')}</th>
    <th scope="col" class="num">${t('benchmark.organisations')}</th>
    <th scope="col" class="num">${t('benchmark.q1')}</th>
    <th scope="col" class="num">${t('benchmark.median')}</th>
    <th scope="col" class="num">${t('benchmark.q3')}</th>
    <th scope="col" class="num">${t('benchmark.percentile')}</th>
  </tr>`;
  const indexBody = b.groups.map((g) => {
    const fig = index.figures[g.id];
    return html`<tr data-group="${g.kind}" data-status="${fig?.status ?? 'too-few'}">
      <th scope="row">
        ${g.label}${g.member ? '' : html` <span class="note">(${t('benchmark.notMember')})</span>`}
      </th>
      <td class="num">${g.size}</td>
      ${
        fig?.status === 'ok'
          ? html`<td class="num">${f.num(fig.q1, index.decimals)}</td>
              <td class="num">${f.num(fig.median, index.decimals)}</td>
              <td class="num">${f.num(fig.q3, index.decimals)}</td>
              <td class="num">${f.percentile(fig.percentile)}</td>`
          : tooFew(4)
      }
    </tr>`;
  });

  const matrixHead = html`<tr>
    <th scope="col">${t('benchmark.value')}</th>
    <th scope="col" class="num">${t('benchmark.ours')}</th>
    ${b.groups.map((g) => html`<th scope="col" class="num">${g.shortLabel}</th>`)}
  </tr>`;
  const matrixBody = b.dimensions.map(
    (d) =>
      html`<tr>
        <th scope="row">${d.label}</th>
        <td class="num">${f.num(d.value, d.decimals)}</td>
        ${b.groups.map((g) => {
          const fig = d.figures[g.id];
          return fig?.status === 'ok'
            ? html`<td class="num" data-group="${g.kind}">${f.percentile(fig.percentile)}</td>`
            : html`<td class="too-few" data-group="${g.kind}" data-status="too-few">
                ${t('benchmark.tooFewShort')}
              </td>`;
        })}
      </tr>`,
  );

  return section(
    'benchmark',
    t('benchmark.title'),
    html`<p>${t('benchmark.intro', { k: b.k })}</p>
      <ul class="groups">
        ${b.groups.map(
          (g) =>
            html`<li>
              <strong>${g.label}</strong> — ${t(`benchmark.groupExplain.${g.kind}`)}
              ${t('benchmark.groupSize', { count: g.size })}
            </li>`,
        )}
      </ul>
      ${chartFigure(charts.benchmarkIndex, t('benchmark.indexChartCaption'))}
      ${dataTable('benchmark-index', t('benchmark.indexTableCaption', { label: index.label }), indexHead, html`${indexBody}`)}
      <div class="keep">
        <h3>${t('benchmark.matrixTitle')}</h3>
        <p>${t('benchmark.matrixIntro')}</p>
        ${dataTable('benchmark-matrix', t('benchmark.matrixCaption'), matrixHead, html`${matrixBody}`, 'matrix')}
      </div>`,
  );
}
