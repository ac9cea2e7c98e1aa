/** The action plan: what the organisation has decided to do, who owns it and by when; editable on screen. */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { dataTable, formFields, section } from '../parts.ts';
import { planItemFields, toPortfolioForm } from './plan-form.ts';

export function planSection(ctx: Ctx): SafeHtml {
  const { report, t, f } = ctx;
  const plan = report.plan;
  const head = html`<tr>
    <th scope="col">${t('plan.action')}</th>
    <th scope="col">${t('plan.advice')}</th>
    <th scope="col">${t('plan.owner')}</th>
    <th scope="col">${t('plan.due')}</th>
    <th scope="col">${t('plan.status.label')}</th>
  </tr>`;
  const body = plan.map(
    (p) =>
      html`<tr data-plan-item="${p.id}">
        <th scope="row">${p.title}</th>
        <td>${p.adviceLabel ?? t('common.none')}</td>
        <td>${p.owner ?? t('common.none')}</td>
        <td>${p.dueDate ? f.date(p.dueDate) : t('common.none')}</td>
        <td>
          <span class="status status-${p.status}">${p.statusLabel}</span>
          ${p.overdue ? html`<span class="overdue"><span aria-hidden="true">⚠ </span>${t('planEdit.overdue')}</span>` : ''}
          ${p.inPortfolio ? html`<span class="in-portfolio" data-in-portfolio="true">${t('portfolio.inPortfolio')}</span>` : ''}
        </td>
      </tr>`,
  );
  const edit = ctx.edit;
  return section(
    'plan',
    t('plan.title'),
    html`${report.planEditable ? '' : html`<p class="note" data-read-only="true">${t('planEdit.closed')}</p>`}
    ${
      plan.length === 0
        ? html`<p>${t('plan.empty')}</p>`
        : dataTable('plan-table', t('plan.tableCaption'), head, html`${body}`)
    }
    ${
      edit
        ? html`<div class="screen-only plan-edit">
            ${plan.length > 0 ? html`<h3>${t('plan.editTitle')}</h3>` : ''}
            ${plan.map((p) => {
              const form = `plan-${p.id}`;
              return html`<details
                class="plan-item-edit"
                ${[form, `${form}-portfolio`].includes(ctx.options.form?.form ?? '') ? ' open' : ''}
              >
                <summary>${t('plan.edit', { title: p.title })}</summary>
                <form method="post" action="${edit.planUpdate(p.id)}" class="plan-form">
                  ${formFields(ctx, form)} ${planItemFields(ctx, form, p, { status: true, advice: true })}
                  <button type="submit">${t('plan.save')}</button>
                </form>
                <form method="post" action="${edit.planDelete(p.id)}" class="delete-form">
                  ${formFields(ctx, `${form}-delete`)}
                  <button type="submit" class="secondary">${t('plan.delete', { title: p.title })}</button>
                </form>
                ${p.inPortfolio === false ? toPortfolioForm(ctx, p) : ''}
                <p class="note">${t('plan.changed', { by: p.updatedBy, at: f.dateTime(p.updatedAt) })}</p>
              </details>`;
            })}
            <h3 id="plan-new-h">${t('plan.newTitle')}</h3>
            <form method="post" action="${edit.planCreate}" class="plan-form" aria-labelledby="plan-new-h">
              ${formFields(ctx, 'plan-new')}
              ${planItemFields(ctx, 'plan-new', null, { status: true, advice: true })}
              <button type="submit">${t('plan.add')}</button>
            </form>
          </div>`
        : ''
    }`,
  );
}

/**
 * Deleting asks first, without JavaScript: the delete button posts without `confirm`, and the
 * server answers with the page and this box at the top, whose button posts again with
 * `confirm=yes`; "No" goes back to the plan.
 */
export function confirmDelete(ctx: Ctx): SafeHtml {
  const { report, t, edit } = ctx;
  const item = report.plan.find((p) => p.id === ctx.options.confirmDelete);
  if (!edit || !item) return html``;
  return html`<div class="confirm screen-only" role="alert" aria-labelledby="confirm-delete-h">
    <h2 id="confirm-delete-h">${t('planEdit.confirmTitle', { title: item.title })}</h2>
    <p>${t('planEdit.confirmText')}</p>
    <form method="post" action="${edit.planDelete(item.id)}" class="delete-form">
      ${formFields(ctx, `plan-${item.id}-delete`)}
      <input type="hidden" name="confirm" value="yes" />
      <button type="submit" class="secondary">${t('planEdit.confirmYes')}</button>
      <a href="${edit.page(report.lang)}#plan" class="cancel">${t('planEdit.confirmNo')}</a>
    </form>
  </div>`;
}
