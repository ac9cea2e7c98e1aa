/** Building blocks the sections share: a section shell, a chart figure, a scrollable table, form fields. */
import type { PeerFigure } from '../model/types.ts';
import type { Ctx } from './context.ts';
import { html, trustedSvg, type Interpolation, type SafeHtml } from './escape.ts';

export function section(id: string, title: string, body: Interpolation, className = ''): SafeHtml {
  return html`<section id="${id}" class="report-section ${className}" aria-labelledby="${id}-h">
    <h2 id="${id}-h">${title}</h2>
    ${body}
  </section>`;
}

/**
 * A chart with its caption; the data table that goes with it follows it in the section. The
 * chart comes drawn for a desktop and for a phone (src/charts/responsive.ts); the stylesheet
 * shows the one that fits, so it never scrolls sideways or shrinks its text below legibility.
 */
export function chartFigure(svg: string | null, caption: string, className = ''): SafeHtml {
  if (svg === null) return html``;
  return html`<figure class="chart ${className}">
    ${trustedSvg(svg)}
    <figcaption>${caption}</figcaption>
  </figure>`;
}

/**
 * A table in a region that scrolls sideways on a narrow screen; the region is focusable (and
 * named by the caption) so keyboard users can scroll it too.
 */
export function dataTable(
  id: string,
  caption: string,
  head: SafeHtml,
  body: SafeHtml,
  className = '',
): SafeHtml {
  return html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="${id}-caption">
    <table id="${id}" class="data ${className}">
      <caption id="${id}-caption">
        ${caption}
      </caption>
      <thead>
        ${head}
      </thead>
      <tbody>
        ${body}
      </tbody>
    </table>
  </div>`;
}

/** Field-level error of a rejected form, linked to its input by id. */
export function fieldError(ctx: Ctx, form: string, field: string, inputId: string): SafeHtml {
  const state = ctx.options.form;
  const message = state?.form === form ? state.errors[field] : undefined;
  return message
    ? html`<p class="field-error" id="${inputId}-error"><span aria-hidden="true">⚠ </span>${message}</p>`
    : html``;
}

export interface FieldAttributes {
  readonly 'aria-invalid'?: 'true';
  readonly 'aria-describedby'?: string;
}

/** The value to show in a field: what was typed into a rejected form, else the stored value. */
export function fieldValue(ctx: Ctx, form: string, field: string, stored: string | null | undefined): string {
  const state = ctx.options.form;
  if (state?.form === form && field in state.values) return state.values[field]!;
  return stored ?? '';
}

export function invalidAttrs(ctx: Ctx, form: string, field: string, inputId: string): SafeHtml {
  const state = ctx.options.form;
  return state?.form === form && state.errors[field]
    ? html` aria-invalid="true" aria-describedby="${inputId}-error"`
    : html``;
}

export const hasFormErrors = (ctx: Ctx, form: string) =>
  ctx.options.form?.form === form && Object.keys(ctx.options.form.errors).length > 0;

/** The hidden fields every form carries: which form it is, and the session's CSRF token. */
export function formFields(ctx: Ctx, form: string): SafeHtml {
  return html`<input type="hidden" name="form" value="${form}" />${
      ctx.options.csrfToken ? html`<input type="hidden" name="_csrf" value="${ctx.options.csrfToken}" />` : ''
    }`;
}

/** The id of a form field's input, as the forms write it. */
export const inputId = (form: string, field: string) =>
  field.startsWith('target.') ? `target-${field.slice('target.'.length)}` : `${form}-${field}`;

/** After a rejected form: what went wrong, at the top of the page, each linked to its field. */
export function errorSummary(ctx: Ctx): SafeHtml {
  const state = ctx.options.form;
  if (!state || Object.keys(state.errors).length === 0) return html``;
  return html`<div class="error-summary screen-only" role="alert" aria-labelledby="error-summary-h">
    <h2 id="error-summary-h">${ctx.t('forms.errorSummary')}</h2>
    <ul>
      ${Object.entries(state.errors).map(
        ([field, message]) => html`<li><a href="#${inputId(state.form, field)}">${message}</a></li>`,
      )}
    </ul>
  </div>`;
}

/**
 * A peer figure as four cells (lower quartile, median, upper quartile, the quarter the
 * organisation falls in): exact from large groups, the median's band in small ones, "too few"
 * otherwise.
 */
export function peerCells(ctx: Ctx, fig: PeerFigure | null | undefined, decimals: number): SafeHtml {
  const { t, f } = ctx;
  // Quartiles one decimal finer than the values (src/core/figures/precision.ts).
  const q = decimals + 1;
  if (fig?.status === 'ok')
    return html`<td class="num">${f.num(fig.q1, q)}</td>
      <td class="num">${f.num(fig.median, q)}</td>
      <td class="num">${f.num(fig.q3, q)}</td>
      <td class="num">${fig.quarter === null ? '–' : t(`benchmark.quarter.${fig.quarter}`)}</td>`;
  if (fig?.status === 'banded')
    return html`<td class="num" data-status="banded">–</td>
      <td class="num" data-status="banded">
        ${t('benchmark.band', { low: f.num(fig.band[0], decimals), high: f.num(fig.band[1], decimals) })}
      </td>
      <td class="num" data-status="banded">–</td>
      <td class="num">${fig.quarter === null ? '–' : t(`benchmark.quarter.${fig.quarter}`)}</td>`;
  return html`<td colspan="4" class="too-few" data-status="too-few">${t('benchmark.tooFew')}</td>`;
}
