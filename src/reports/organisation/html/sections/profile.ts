/** The competency profile against the comparison group, and the ranking of competencies beside the peers'. */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { chartFigure, dataTable, peerCells, section } from '../parts.ts';

export function profileSection(ctx: Ctx): SafeHtml {
  const { report, t, f, charts } = ctx;
  const p = report.profile;
  const group = p.comparison;
  const hasTargets = p.rows.some((r) => r.target !== null);
  const head = html`<tr>
    <th scope="col">${t('profile.competency')}</th>
    <th scope="col" class="num">${t('profile.score')}</th>
    ${hasTargets ? html`<th scope="col" class="num">${t('profile.target')}</th>` : ''}
    ${
      group
        ? html`<th scope="col" class="num">${t('benchmark.q1')}</th>
            <th scope="col" class="num">${t('benchmark.median')}</th>
            <th scope="col" class="num">${t('benchmark.q3')}</th>
            <th scope="col" class="num">${t('benchmark.percentile')}</th>`
        : ''
    }
  </tr>`;
  const body = p.rows.map(
    (r) =>
      html`<tr>
        <th scope="row">${r.label}</th>
        <td class="num">${f.num(r.score, 1)}</td>
        ${hasTargets ? html`<td class="num">${f.num(r.target, 1)}</td>` : ''}
        ${group ? peerCells(ctx, r.peer, 1) : ''}
      </tr>`,
  );
  return section(
    'profile',
    t('profile.title'),
    html`<p>
        ${t('profile.intro', { min: p.scale.min, max: p.scale.max })}
        ${group ? t('profile.comparedWith', { group: group.label, size: group.size ?? '–' }) : t('profile.noComparison')}
      </p>
      ${chartFigure(charts.profile, t('profile.chartCaption'), 'radar')}
      ${chartFigure(charts.benchmarkCompetencies, group ? t('profile.boxCaption', { group: group.label }) : '')}
      ${dataTable('profile-table', t('profile.tableCaption'), head, html`${body}`)}`,
  );
}

export function rankingSection(ctx: Ctx): SafeHtml {
  const { report, t, f, charts } = ctx;
  const r = report.ranking;
  const peers = r.peerStatus === 'ok';
  const head = html`<tr>
    <th scope="col">${t('ranking.competency')}</th>
    <th scope="col" class="num">${t('ranking.ourPlace')}</th>
    <th scope="col" class="num">${t('ranking.meanRank')}</th>
    ${
      peers
        ? html`<th scope="col" class="num">${t('ranking.peerPlace')}</th>
            <th scope="col" class="num">${t('ranking.peerMedian')}</th>`
        : ''
    }
  </tr>`;
  const body = r.rows.map(
    (row) =>
      html`<tr>
        <th scope="row">${row.label}</th>
        <td class="num">${f.num(row.place, 0)}</td>
        <td class="num">${f.num(row.meanRank, 1)}</td>
        ${
          peers
            ? html`<td class="num">${f.num(row.peerPlace, 0)}</td>
                <td class="num">${f.num(row.peerMedianRank, 1)}</td>`
            : ''
        }
      </tr>`,
  );
  const note =
    r.peerStatus === 'too-few'
      ? html`<p class="too-few" data-status="too-few">
          ${t('ranking.peersTooFew', { k: report.benchmark.k })}
        </p>`
      : r.comparison
        ? html`<p>${t('ranking.intro', { group: r.comparison.label })}</p>`
        : '';
  return section(
    'ranking',
    t('ranking.title'),
    html`${note} ${chartFigure(charts.ranking, t('ranking.chartCaption'))}
    ${dataTable('ranking-table', t('ranking.tableCaption'), head, html`${body}`)}`,
  );
}
