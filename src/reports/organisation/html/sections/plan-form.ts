/** The fields of a plan item, shared by "add to plan" under each advice, the plan's own form and editing. */
import { PLAN_LIMITS, PLAN_STATUSES } from '../../../../core/plans/plan.ts';
import type { PlanEntry } from '../../model/types.ts';
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { fieldError, fieldValue, invalidAttrs } from '../parts.ts';

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
