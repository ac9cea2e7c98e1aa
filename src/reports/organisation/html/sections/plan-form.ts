/** The fields of a plan item, shared by "add to plan" under each advice, the plan's own form and editing. */
import { PLAN_LIMITS, PLAN_STATUSES } from '../../../../core/plans/plan.ts';
import { TRACKS } from '../../../../core/portfolio/types.ts';
import type { PlanEntry } from '../../model/types.ts';
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { fieldError, fieldValue, formFields, invalidAttrs } from '../parts.ts';

export function planItemFields(
  ctx: Ctx,
  form: string,
  item: PlanEntry | null,
  options: { status?: boolean; advice?: boolean } = {},
): SafeHtml {
  const { t, report } = ctx;
  const id = (field: string) => `${form}-${field}`;
  const value = (field: string, stored: string | null | undefined) => fieldValue(ctx, form, field, stored);
  const status = value('status', item?.status ?? 'planned');
  const adviceKey = value('adviceKey', item?.adviceKey ?? '');
  return html`<div class="field">
      <label for="${id('title')}">${t('plan.fieldTitle')}</label>
      <input
        id="${id('title')}"
        name="title"
        type="text"
        required
        maxlength="${PLAN_LIMITS.title}"
        value="${value('title', item?.title)}"
        ${invalidAttrs(ctx, form, 'title', id('title'))}
      />
      ${fieldError(ctx, form, 'title', id('title'))}
    </div>
    <div class="field-row">
      <div class="field">
        <label for="${id('owner')}">${t('plan.fieldOwner')}</label>
        <input
          id="${id('owner')}"
          name="owner"
          type="text"
          maxlength="${PLAN_LIMITS.owner}"
          autocomplete="off"
          value="${value('owner', item?.owner)}"
          ${invalidAttrs(ctx, form, 'owner', id('owner'))}
        />
        ${fieldError(ctx, form, 'owner', id('owner'))}
      </div>
      <div class="field">
        <label for="${id('dueDate')}">${t('plan.fieldDue')}</label>
        <input
          id="${id('dueDate')}"
          name="dueDate"
          type="date"
          value="${value('dueDate', item?.dueDate)}"
          ${invalidAttrs(ctx, form, 'dueDate', id('dueDate'))}
        />
        ${fieldError(ctx, form, 'dueDate', id('dueDate'))}
      </div>
      ${
        options.status
          ? html`<div class="field">
              <label for="${id('status')}">${t('plan.fieldStatus')}</label>
              <select id="${id('status')}" name="status" ${invalidAttrs(ctx, form, 'status', id('status'))}>
                ${PLAN_STATUSES.map(
                  (s) =>
                    html`<option value="${s}" ${s === status ? ' selected' : ''}>
                      ${t(`plan.status.${s}`)}
                    </option>`,
                )}
              </select>
              ${fieldError(ctx, form, 'status', id('status'))}
            </div>`
          : ''
      }
    </div>
    ${
      options.advice
        ? html`<div class="field">
            <label for="${id('adviceKey')}">${t('plan.fieldAdvice')}</label>
            <select id="${id('adviceKey')}" name="adviceKey">
              <option value="" ${adviceKey === '' ? ' selected' : ''}>${t('plan.noAdvice')}</option>
              ${report.advice.map(
                (a) =>
                  html`<option value="${a.key}" ${a.key === adviceKey ? ' selected' : ''}>
                    ${a.label}
                  </option>`,
              )}
              ${
                item?.adviceKey && !report.advice.some((a) => a.key === item.adviceKey)
                  ? html`<option value="${item.adviceKey}" ${item.adviceKey === adviceKey ? ' selected' : ''}>
                      ${item.adviceLabel ?? item.adviceKey}
                    </option>`
                  : ''
              }
            </select>
          </div>`
        : ''
    }`;
}

/**
 * "Make it an initiative in the portfolio": the step's name, owner and advice go with it; the
 * lead picks the track and the month gains are expected from. A plain form (POST, CSRF token),
 * no script needed; the server answers with a redirect back and a confirmation.
 */
export function toPortfolioForm(ctx: Ctx, item: PlanEntry): SafeHtml {
  const { t, report, edit } = ctx;
  if (!edit) return html``;
  const form = `plan-${item.id}-portfolio`;
  const id = (field: string) => `${form}-${field}`;
  const track = fieldValue(ctx, form, 'track', TRACKS[0]);
  const startError = ctx.options.form?.form === form && Boolean(ctx.options.form.errors.start);
  return html`<form method="post" action="${edit.planToPortfolio(item.id)}" class="plan-form to-portfolio">
    <fieldset>
      <legend>${t('portfolio.toPortfolio')}</legend>
      <p class="note">${t('portfolio.toPortfolioIntro')}</p>
      ${formFields(ctx, form)}
      <div class="field-row">
        <div class="field">
          <label for="${id('track')}">${t('portfolio.track')}</label>
          <select id="${id('track')}" name="track" ${invalidAttrs(ctx, form, 'track', id('track'))}>
            ${TRACKS.map(
              (k) =>
                html`<option value="${k}" ${k === track ? ' selected' : ''}>
                  ${t(`portfolio.tracks.${k}`)}
                </option>`,
            )}
          </select>
          ${fieldError(ctx, form, 'track', id('track'))}
        </div>
        <div class="field">
          <label for="${id('start')}">${t('portfolio.start')}</label>
          <input
            id="${id('start')}"
            name="start"
            type="text"
            inputmode="numeric"
            pattern="[0-9]{4}-[0-9]{2}"
            required
            aria-describedby="${id('start')}-hint${startError ? ` ${id('start')}-error` : ''}"
            ${startError ? html` aria-invalid="true"` : ''}
            value="${fieldValue(ctx, form, 'start', report.generatedAt.slice(0, 7))}"
          />
          <p class="note" id="${id('start')}-hint">${t('portfolio.startHint')}</p>
          ${fieldError(ctx, form, 'start', id('start'))}
        </div>
      </div>
      <button type="submit">${t('portfolio.create', { title: item.title })}</button>
    </fieldset>
  </form>`;
}
