/**
 * The parts of the summary a board reads after the index and the stage: who answered, the
 * largest gaps, the next steps, the change since the previous round (with intervals) and what
 * the leaders said. Small tables and lists, no charts: this is page 1 of the PDF.
 */
import type { BoardChangeRow } from '../../model/board.ts';
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { dataTable } from '../parts.ts';

/** Answered of invited, beside the index: how much the figures rest on. */
export function responseLine(ctx: Ctx): SafeHtml {
  const { report, t, f } = ctx;
  const b = report.summary.board;
  return html`<p class="index-context board-rate">
    ${
      b.response
        ? t('summary.board.response', {
            answered: b.response.answered,
            invited: b.response.invited,
            rate: f.num(b.response.rate * 100, 0),
          })
        : t('summary.board.responseUnknown')
    }
  </p>`;
}

/** The mix of roles behind the figures, from the respondent minimum. */
export function responseBlock(ctx: Ctx): SafeHtml {
  const { report, t } = ctx;
  const roles = report.summary.board.roles;
  return html`<div class="board-block board-response">
    <h3>${t('summary.board.rolesTitle')}</h3>

    ${
      roles && 'counts' in roles
        ? dataTable(
            'summary-roles',
            t('summary.board.rolesCaption'),
            html`<tr>
              <th scope="col">${t('summary.board.role')}</th>
              <th scope="col" class="num">${t('summary.board.count')}</th>
            </tr>`,
            html`${roles.counts.map(
              (r) =>
                html`<tr>
                  <th scope="row">${r.label}</th>
                  <td class="num">${r.count}</td>
                </tr>`,
            )}`,
            'compact',
          )
        : roles
          ? html`<p class="note">${roles.hidden}</p>`
          : ''
    }
  </div>`;
}

export function gapsAndActions(ctx: Ctx): SafeHtml {
  const { report, t, f } = ctx;
  const b = report.summary.board;
  const d = 1;
  const actions = b.actions;
  return html`<div class="board-pair">
    <div class="board-block">
      <h3>${t('summary.board.gapsTitle')}</h3>
      ${
        b.gaps.length > 0
          ? html`<ol class="board-list">
              ${b.gaps.map(
                (g) =>
                  html`<li>
                    ${t('summary.board.gap', {
                      label: g.label,
                      priority: f.num(g.priority, d),
                      effort: f.num(g.effort, d),
                      gap: f.num(g.gap, d),
                    })}
                  </li>`,
              )}
            </ol>`
          : html`<p>${t('summary.board.noGaps')}</p>`
      }
      <p class="note">${t('summary.board.gapsRule')}</p>
    </div>
    <div class="board-block">
      <h3>${t(actions.source === 'plan' ? 'summary.board.actionsPlan' : 'summary.board.actionsAdvice')}</h3>
      <ol class="board-list">
        ${actions.items.map(
          (a) =>
            html`<li>
              <strong>${a.title}</strong>${[
                a.due ? t('summary.board.due', { date: f.date(a.due) }) : null,
                a.detail && actions.source === 'plan' ? t('summary.board.owner', { owner: a.detail }) : null,
              ]
                .filter(Boolean)
                .map((x) => html` · ${x}`)}
              ${a.detail && actions.source === 'advice' ? html`<br /><span class="note">${a.detail}</span>` : ''}
            </li>`,
        )}
      </ol>
    </div>
  </div>`;
}

function interval(ctx: Ctx, i: BoardChangeRow['current'], decimals: number): string {
  const { t, f } = ctx;
  if (!i) return t('common.none');
  return t('summary.board.interval', {
    value: f.num(i.value, decimals),
    low: f.num(i.low, decimals),
    high: f.num(i.high, decimals),
  });
}

export function changeBlock(ctx: Ctx): SafeHtml {
  const { report, t } = ctx;
  const c = report.summary.board.change;
  if (!c) return html``;
  return html`<div class="board-block board-change">
    <h3>${t('summary.board.changeTitle', { round: c.round })}</h3>
    <p>${c.note}</p>
    ${dataTable(
      'summary-change',
      t('summary.board.changeCaption'),
      html`<tr>
        <th scope="col">${t('summary.board.changeWhat')}</th>
        <th scope="col" class="num">${t('summary.board.changeThen', { round: c.round })}</th>
        <th scope="col" class="num">${t('summary.board.changeNow')}</th>
        <th scope="col">${t('summary.board.changeVerdict')}</th>
      </tr>`,
      html`${c.rows.map(
        (r) =>
          html`<tr data-verdict="${r.verdict}">
            <th scope="row">${r.label}</th>
            <td class="num">${interval(ctx, r.previous, r.decimals)}</td>
            <td class="num">${interval(ctx, r.current, r.decimals)}</td>
            <td>${t(`summary.board.verdict.${r.verdict}`)}</td>
          </tr>`,
      )}`,
      'compact',
    )}
    <p class="note">${t('summary.board.changeMethod')}</p>
  </div>`;
}

/** The most chosen option of each choice (the role aside) and the median of each number. */
export function saidBlock(ctx: Ctx): SafeHtml {
  const { report, t, f } = ctx;
  const a = report.answers;
  const lines = [
    ...a.choices
      .filter((c) => c.id !== report.summary.board.roleItem)
      .map((c) => {
        const top = [...c.options].sort((x, y) => y.share - x.share)[0];
        return top
          ? t('summary.board.saidChoice', {
              label: c.label,
              option: top.label,
              share: f.num(top.share * 100, 0),
              count: c.answered,
            })
          : null;
      }),
    ...a.numbers.map((n) =>
      t('summary.board.saidNumber', { label: n.label, median: f.num(n.median, 0), count: n.answered }),
    ),
  ].filter((x): x is string => x !== null);
  return html`<div class="board-block board-said">
    <h3>${t('summary.board.saidTitle')}</h3>
    ${
      lines.length > 0
        ? html`<ul class="board-list">
            ${lines.map((l) => html`<li>${l}</li>`)}
          </ul>`
        : html`<p>${t('summary.board.saidNone', { min: report.round.respondentMin })}</p>`
    }
    <p><a href="#answers">${t('summary.board.saidMore')}</a></p>
  </div>`;
}
