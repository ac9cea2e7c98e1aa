/**
 * The monthly review (seed 001: follow the portfolio monthly, like the budget): every running
 * initiative's expected and realised gain for one month, in one form that saves all or
 * nothing. A month is chosen with a GET form; amounts accept a decimal comma.
 */
import { html, type SafeHtml } from '../../reports/organisation/html/escape.ts';
import { csrfField, langField, page } from '../layout.ts';
import type { FormState } from '../portfolio-form.ts';
import {
  errorSummary,
  fieldId,
  formats,
  link,
  portfolioNav,
  portfolioPath,
  tableRegion,
  valueOf,
  type PortfolioCtx,
} from './portfolio-parts.ts';

export interface ReviewRow {
  readonly id: number;
  readonly initiative: string;
  readonly owner: string | null;
  /** The month's share of the expected gain (a twelfth of a year's). */
  readonly expectedHours: number;
  readonly expectedDkk: number;
  /** What is stored for the month, if anything. */
  readonly realisedHours: number | null;
  readonly realisedDkk: number | null;
}

export interface ReviewPageInput {
  readonly month: string;
  readonly rows: readonly ReviewRow[];
  /** Running initiatives that start after the month (nothing to enter yet). */
  readonly later: readonly { readonly initiative: string; readonly start: string }[];
  readonly state: FormState;
  readonly notice: string | null;
}

const shown = (v: number | null, lang: 'da' | 'en') =>
  v === null ? '' : lang === 'da' ? String(v).replace('.', ',') : String(v);

function cell(
  ctx: PortfolioCtx,
  input: ReviewPageInput,
  name: string,
  label: string,
  stored: string,
): SafeHtml {
  const id = fieldId('review', name);
  const error = input.state.errors[name];
  return html`<td>
    <label class="visually-hidden" for="${id}">${label}</label>
    <input
      type="text"
      inputmode="decimal"
      id="${id}"
      name="${name}"
      size="10"
      value="${valueOf(input.state, name, stored)}"
      ${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}
    />
    ${error ? html`<p class="field-error" id="${id}-error"><span aria-hidden="true">⚠ </span>${error}</p>` : ''}
  </td>`;
}

/** Each field's name for the error summary: which initiative, hours or DKK. */
const fieldLabels = (ctx: PortfolioCtx, input: ReviewPageInput): Record<string, string> =>
  Object.fromEntries(
    input.rows.flatMap((r) => [
      [`hours.${r.id}`, ctx.t('portfolio.review.realisedHoursOf', { initiative: r.initiative })],
      [`dkk.${r.id}`, ctx.t('portfolio.review.realisedDkkOf', { initiative: r.initiative })],
    ]),
  );

export function reviewPage(ctx: PortfolioCtx, input: ReviewPageInput, path: string): string {
  const { t, lang } = ctx;
  const f = formats(lang, t);
  const chooser = html`<form
    method="get"
    action="${portfolioPath(ctx.organisation, '/review')}"
    class="filter"
  >
    ${lang === 'en' ? langField('en') : ''}
    <label for="review-month-choice">${t('portfolio.review.month')}</label>
    <p class="hint" id="review-month-choice-hint">${t('portfolio.monthHint')}</p>
    <input
      type="month"
      id="review-month-choice"
      name="month"
      value="${input.month}"
      aria-describedby="review-month-choice-hint"
    />
    <button type="submit" class="secondary">${t('portfolio.review.choose')}</button>
  </form>`;
  const table =
    input.rows.length === 0
      ? html`<p>${t('portfolio.review.none', { month: input.month })}</p>`
      : html`<form method="post" action="${portfolioPath(ctx.organisation, '/review')}" novalidate>
          ${csrfField(ctx.viewer)}${langField(lang)}
          <input type="hidden" name="month" value="${input.month}" />
          <p class="hint">${t('portfolio.review.hint')}</p>
          ${tableRegion(
            'review-table',
            t('portfolio.review.caption', { month: input.month, count: input.rows.length }),
            html`<tr>
              <th scope="col">${t('portfolio.fields.initiative')}</th>
              <th scope="col" class="num">${t('portfolio.review.expectedHours')}</th>
              <th scope="col" class="num">${t('portfolio.review.expectedDkk')}</th>
              <th scope="col">${t('portfolio.review.realisedHours')}</th>
              <th scope="col">${t('portfolio.review.realisedDkk')}</th>
            </tr>`,
            html`${input.rows.map(
              (r) =>
                html`<tr>
                  <th scope="row">
                    ${r.initiative}${r.owner ? html`<br /><span class="note">${r.owner}</span>` : ''}
                  </th>
                  <td class="num">${f.hours(r.expectedHours)}</td>
                  <td class="num">${f.dkk(r.expectedDkk)}</td>
                  ${cell(
                    ctx,
                    input,
                    `hours.${r.id}`,
                    t('portfolio.review.realisedHoursOf', { initiative: r.initiative }),
                    shown(r.realisedHours, lang),
                  )}
                  ${cell(
                    ctx,
                    input,
                    `dkk.${r.id}`,
                    t('portfolio.review.realisedDkkOf', { initiative: r.initiative }),
                    shown(r.realisedDkk, lang),
                  )}
                </tr>`,
            )}`,
          )}
          <button type="submit">${t('portfolio.review.save', { month: input.month })}</button>
        </form>`;
  const body = html`${portfolioNav(ctx, 'review')}
    <p>${t('portfolio.review.intro')}</p>
    ${chooser} ${errorSummary(ctx, 'review', input.state, fieldLabels(ctx, input))} ${table}
    ${
      input.later.length
        ? html`<p class="note">
            ${t('portfolio.review.later', {
              names: input.later.map((l) => `${l.initiative} (${l.start})`).join(', '),
            })}
          </p>`
        : ''
    }
    <p><a href="${link(ctx, '')}">${t('portfolio.back')}</a></p>`;
  return page({
    lang,
    title: t('portfolio.review.title', { organisation: ctx.organisation }),
    viewer: ctx.viewer,
    path,
    body,
    notice: input.notice,
  });
}
