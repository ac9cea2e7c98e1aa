/** Targets per competency for the next round (distance now), and whether last round's were met. */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { dataTable, fieldError, fieldValue, formFields, invalidAttrs, section } from '../parts.ts';

export function targetsSection(ctx: Ctx): SafeHtml {
  const { report, t, f } = ctx;
  const tg = report.targets;
  const anySet = tg.current.some((r) => r.target !== null);
  const head = html`<tr>
    <th scope="col">${t('targets.competency')}</th>
    <th scope="col" class="num">${t('targets.score')}</th>
    <th scope="col" class="num">${t('targets.target')}</th>
    <th scope="col" class="num">${t('targets.distance')}</th>
  </tr>`;
  const body = tg.current.map(
    (r) =>
      html`<tr>
        <th scope="row">${r.label}</th>
        <td class="num">${f.num(r.score, 1)}</td>
        <td class="num">${f.num(r.target, 1)}</td>
        <td class="num">
          ${r.target === null ? t('common.none') : r.met ? t('targets.reached') : f.distance(r.distance)}
        </td>
      </tr>`,
  );

  const previous = tg.previous;
  const previousTable = previous
    ? dataTable(
        'targets-previous',
        t('targets.previousCaption', { round: previous.roundTitle }),
        html`<tr>
          <th scope="col">${t('targets.competency')}</th>
          <th scope="col" class="num">${t('targets.targetSet')}</th>
          <th scope="col" class="num">${t('targets.scoreNow')}</th>
          <th scope="col">${t('targets.met')}</th>
        </tr>`,
        html`${previous.rows.map(
          (r) =>
            html`<tr data-met="${r.met === null ? 'unknown' : String(r.met)}">
              <th scope="row">${r.label}</th>
              <td class="num">${f.num(r.target, 1)}</td>
              <td class="num">${f.num(r.score, 1)}</td>
              <td>
                ${
                  r.met === null
                    ? t('targets.unknown')
                    : r.met
                      ? html`<span class="met"
                          ><span aria-hidden="true">✓ </span>${t('targets.metYes')}</span
                        >`
                      : html`<span class="missed"
                          ><span aria-hidden="true">✗ </span
                          >${t('targets.metNo', { distance: f.distance(r.distance) })}</span
                        >`
                }
              </td>
            </tr>`,
        )}`,
      )
    : html`<p>${t('targets.noPrevious')}</p>`;

  const edit = ctx.edit;
  const form = 'targets';
  const fields = edit
    ? html`<form method="post" action="${edit.targets}" class="screen-only targets-form">
        ${formFields(ctx, form)}
        <fieldset>
          <legend>${t('targets.formLegend', { min: tg.scale.min, max: tg.scale.max })}</legend>
          <div class="targets-grid">
            ${tg.current.map((r) => {
              const id = `target-${r.competency}`;
              const field = `target.${r.competency}`;
              return html`<div class="field">
                <label for="${id}">${r.label}</label>
                <input
                  id="${id}"
                  name="${field}"
                  type="text"
                  inputmode="decimal"
                  autocomplete="off"
                  size="4"
                  value="${fieldValue(ctx, form, field, r.target === null ? '' : String(r.target))}"
                  ${invalidAttrs(ctx, form, field, id)}
                />
                ${fieldError(ctx, form, field, id)}
              </div>`;
            })}
          </div>
          <p class="note">${t('targets.blankRemoves')}</p>
        </fieldset>
        <button type="submit">${t('targets.save')}</button>
      </form>`
    : report.planEditable
      ? ''
      : html`<p class="note" data-read-only="true">${t('planEdit.closed')}</p>`;

  return section(
    'targets',
    t('targets.title'),
    html`<p>${t('targets.intro')}</p>
      ${anySet ? dataTable('targets-table', t('targets.tableCaption'), head, html`${body}`) : html`<p>${t('targets.none')}</p>`}
      ${fields}
      <div class="keep">
        <h3>${t('targets.previousTitle')}</h3>
        ${previousTable}
      </div>`,
  );
}
