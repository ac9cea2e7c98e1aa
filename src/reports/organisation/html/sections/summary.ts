/** Where the organisation stands: the maturity index, its stage on the curve and why. */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { section } from '../parts.ts';

export function summarySection(ctx: Ctx): SafeHtml {
  const { report, t, f } = ctx;
  const s = report.summary;
  const top = report.advice.slice(0, 3);
  const comparison = report.benchmark.comparison;
  const peer = comparison ? report.benchmark.dimensions[0]?.figures[comparison.id] : undefined;
  const rounds = report.trend.rounds;
  const previous = rounds.length > 1 ? rounds[rounds.length - 2]! : null;
  const change = previous && previous.index !== null && s.index !== null ? s.index - previous.index : null;
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
          ${
            peer?.status === 'ok'
              ? html`<p class="index-context">
                  ${t('summary.peerMedian', {
                    group: comparison!.label,
                    median: f.num(peer.median, s.indexDecimals),
                  })}
                </p>`
              : peer?.status === 'banded'
                ? html`<p class="index-context">
                    ${t('summary.peerBand', {
                      group: comparison!.label,
                      low: f.num(peer.band[0], s.indexDecimals),
                      high: f.num(peer.band[1], s.indexDecimals),
                    })}
                  </p>`
                : ''
          }
          ${
            change !== null
              ? html`<p class="index-context">
                  ${t('summary.change', {
                    change: f.signed(change, s.indexDecimals),
                    round: previous!.title,
                  })}
                </p>`
              : ''
          }
        </div>
        <div class="stage-card">
          <p class="stage-label">${t('summary.stage')}</p>
          <p class="stage-value">${s.stage?.label ?? t('summary.noStage')}</p>
          ${s.stage ? html`<p class="stage-description">${s.stage.description}</p>` : ''}
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
      ${s.reason ? html`<p class="reason">${s.reason}</p>` : ''}
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
      }
      ${
        top.length > 0
          ? html`<h3>${t('summary.topAdvice')}</h3>
              <ol class="top-advice">
                ${top.map((a) => html`<li><a href="#advice-${a.kind}-${a.id}">${a.label}</a></li>`)}
              </ol>`
          : ''
      }`,
  );
}
