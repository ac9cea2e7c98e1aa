/**
 * The peer comparison: the index in every peer group, and the organisation's place per value
 * and group. Small groups show the median's band and the quarter; groups below k, or held
 * back, show why and no number at all.
 */
import type { GroupRef, PeerFigure } from '../../model/types.ts';
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { chartFigure, dataTable, peerCells, section } from '../parts.ts';

export function benchmarkSection(ctx: Ctx): SafeHtml {
  const { report, t, f, charts } = ctx;
  const b = report.benchmark;
  if (b.groups.length === 0) {
    return section('benchmark', t('benchmark.title'), html`<p>${t('benchmark.none')}</p>`);
  }
  const index = b.dimensions[0]!;
  const indexHead = html`<tr>
    <th scope="col">${t('benchmark.group')}</th>
    <th scope="col" class="num">${t('benchmark.organisations')}</th>
    <th scope="col" class="num">${t('benchmark.q1')}</th>
    <th scope="col" class="num">${t('benchmark.median')}</th>
    <th scope="col" class="num">${t('benchmark.q3')}</th>
    <th scope="col" class="num">${t('benchmark.percentile')}</th>
  </tr>`;
  const size = (g: GroupRef) => (g.size === null ? t('benchmark.fewerThan', { k: b.k }) : String(g.size));
  const indexBody = b.groups.map((g) => {
    const fig = index.figures[g.id];
    return html`<tr data-group="${g.kind}" data-status="${fig?.status ?? 'too-few'}">
      <th scope="row">
        ${g.label}${g.member ? '' : html` <span class="note">(${t('benchmark.notMember')})</span>`}
      </th>
      <td class="num">${size(g)}</td>
      ${peerCells(ctx, fig, index.decimals)}
    </tr>`;
  });
  const place = (fig: PeerFigure | undefined, kind: string) =>
    fig?.status === 'ok' || fig?.status === 'banded'
      ? html`<td class="num" data-group="${kind}" data-status="${fig.status}">
          ${fig.quarter === null ? '–' : t(`benchmark.quarterShort.${fig.quarter}`)}
        </td>`
      : html`<td class="too-few" data-group="${kind}" data-status="too-few">
          ${t('benchmark.tooFewShort')}
        </td>`;
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
        ${b.groups.map((g) => place(d.figures[g.id], g.kind))}
      </tr>`,
  );
  const notes = b.groups
    .filter((g) => g.status !== 'current')
    .map(
      (g) =>
        html`<li>
          ${t(
            g.status === 'earlier'
              ? 'benchmark.status.earlier'
              : `benchmark.status.notShown.${g.reason ?? 'withheld'}`,
            {
              group: g.label,
              k: b.k,
              release: g.figuresOf ?? '',
            },
          )}
        </li>`,
    );
  return section(
    'benchmark',
    t('benchmark.title'),
    html`<p>${t('benchmark.intro', { k: b.k, exact: 3 * b.k })}</p>
      <ul class="groups">
        ${b.groups.map(
          (g) =>
            html`<li>
              <strong>${g.label}</strong> — ${t(`benchmark.groupExplain.${g.kind}`)}
              ${g.size === null ? t('benchmark.groupSizeHidden', { k: b.k }) : t('benchmark.groupSize', { count: g.size })}
            </li>`,
        )}
      </ul>
      ${
        notes.length > 0
          ? html`<ul class="notes">
              ${notes}
            </ul>`
          : ''
      }
      ${chartFigure(charts.benchmarkIndex, t('benchmark.indexChartCaption'))}
      ${dataTable('benchmark-index', t('benchmark.indexTableCaption', { label: index.label }), indexHead, html`${indexBody}`)}
      <div class="keep">
        <h3>${t('benchmark.matrixTitle')}</h3>
        <p>${t('benchmark.matrixIntro')}</p>
        ${dataTable('benchmark-matrix', t('benchmark.matrixCaption'), matrixHead, html`${matrixBody}`, 'matrix')}
      </div>`,
  );
}
