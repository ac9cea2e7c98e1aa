/**
 * The summary a board reads (page 1 of the PDF): the maturity index beside the comparison
 * group's median and the published reference, the stage and why, who answered, the largest
 * gaps, the next steps, the change since the previous round and what the leaders said.
 */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { section } from '../parts.ts';
import { changeBlock, gapsAndActions, responseBlock, responseLine, saidBlock } from './board.ts';

function peerLine(ctx: Ctx): SafeHtml {
  const { report, t, f } = ctx;
  const s = report.summary;
  const c = s.board.comparison;
  if (!c) return html``;
  const fig = c.figure;
  // Medians one decimal finer than the values (src/core/figures/precision.ts).
  if (fig.status === 'ok')
    return html`<p class="index-context">
      ${t('summary.peerMedian', { group: c.group, median: f.num(fig.median, s.indexDecimals + 1) })}
    </p>`;
  if (fig.status === 'banded')
    return html`<p class="index-context">
      ${t('summary.peerBand', {
        group: c.group,
        low: f.num(fig.band[0], s.indexDecimals),
        high: f.num(fig.band[1], s.indexDecimals),
      })}
    </p>`;
  return html``;
}

export function summarySection(ctx: Ctx): SafeHtml {
  const { report, t, f } = ctx;
  const s = report.summary;
  const ref = s.board.reference;
  return section(
    'summary',
    t('summary.title'),
    html`<div class="summary-grid">
        <div class="index-card">
          <p class="index-label">${s.indexLabel}</p>
          <p class="index-value">
            <span class="index-number">${f.num(s.index, s.indexDecimals)}</span>
            <span class="index-of">${t('summary.of100')}</span>
          </p>
          ${peerLine(ctx)} ${responseLine(ctx)}
        </div>
        <div class="stage-card">
          <p class="stage-label">${t('summary.stage')}</p>
          <p class="stage-value">${s.stage?.label ?? t('summary.noStage')}</p>
          ${s.stage ? html`<p class="stage-description">${s.stage.description}</p>` : ''}
          ${ref ? html`<p class="index-context">${ref.text}</p>` : ''}
        </div>
      </div>
      <ol class="ladder" aria-label="${t('summary.ladder')}">
        ${s.ladder.map(
          (step, i) =>
            html`<li
              class="step${step.reached ? ' reached' : ''}${step.current ? ' current' : ''}"
              ${step.current ? html` aria-current="step"` : ''}
            >
              <span class="step-number" aria-hidden="true">${i + 1}</span>
              <span class="step-label">${step.label}</span>
              ${step.current ? html`<span class="visually-hidden"> (${t('summary.current')})</span>` : ''}
            </li>`,
        )}
      </ol>
      ${s.reason ? html`<p class="reason">${s.reason}</p>` : ''} ${gapsAndActions(ctx)} ${changeBlock(ctx)}
      <div class="board-pair">${responseBlock(ctx)} ${saidBlock(ctx)}</div>
      <p>${t('summary.respondents', { count: s.respondents })}</p>
      <p class="release-line">
        ${t(report.release.final ? 'summary.releaseFinal' : 'summary.release', {
          number: report.release.number,
          at: f.dateTime(report.release.at),
        })}
      </p>
      ${
        report.release.notes.length > 0
          ? html`<ul class="notes">
              ${report.release.notes.map((n) => html`<li>${n}</li>`)}
            </ul>`
          : ''
      }`,
  );
}
