/**
 * Adding, changing and stopping one initiative. The fields carry the contract's column names;
 * a refused form comes back with what was typed, each problem next to its field and all of
 * them in a summary at the top.
 */
import { STATUSES, TRACKS } from '../../core/portfolio/types.ts';
import { html, type SafeHtml } from '../../reports/organisation/html/escape.ts';
import type { StoredInitiative } from '../../storage/index.ts';
import { csrfField, langField, page } from '../layout.ts';
import type { FormState } from '../portfolio-form.ts';
import {
  checkboxField,
  errorSummary,
  inputField,
  link,
  portfolioNav,
  portfolioPath,
  selectField,
  valueOf,
  type PortfolioCtx,
} from './portfolio-parts.ts';

export interface InitiativePageInput {
  /** The initiative being changed; null for a new one. */
  readonly initiative: StoredInitiative | null;
  /** Its stored values as the form shows them (a new one's defaults). */
  readonly stored: Readonly<Record<string, string>>;
  readonly state: FormState;
  /** Competencies and domains an initiative may name: id and label. */
  readonly competencies: readonly (readonly [string, string])[];
  readonly notice: string | null;
}

function fields(ctx: PortfolioCtx, input: InitiativePageInput): SafeHtml {
  const { t } = ctx;
  const { state, stored } = input;
  const v = (name: string) => valueOf(state, name, stored[name] ?? '');
  const amount = (name: string) =>
    inputField('initiative', name, v(name), state, {
      label: t(`portfolio.fields.${name}`),
      hint: t('portfolio.form.amountHint'),
      inputmode: 'decimal',
    });
  // A refused form's check box is as it was sent: absent means not ticked.
  const booked =
    'initiative' in state.values ? state.values['gains_booked'] === 'ja' : stored['gains_booked'] === 'ja';
  return html`${inputField('initiative', 'initiative', v('initiative'), state, {
      label: t('portfolio.fields.initiative'),
      required: true,
      maxlength: 200,
      autocomplete: 'off',
    })}
    ${selectField(
      'initiative',
      'track',
      v('track'),
      state,
      t('portfolio.fields.track'),
      TRACKS.map((tr) => [tr, t(`portfolio.tracks.${tr}`)]),
    )}
    ${selectField(
      'initiative',
      'status',
      v('status'),
      state,
      t('portfolio.fields.status'),
      STATUSES.map((s) => [s, t(`portfolio.statuses.${s}`)]),
    )}
    ${inputField('initiative', 'owner', v('owner'), state, {
      label: t('portfolio.fields.owner'),
      hint: t('portfolio.form.ownerHint'),
      maxlength: 120,
      autocomplete: 'off',
    })}
    ${selectField('initiative', 'competency', v('competency'), state, t('portfolio.fields.competency'), [
      ['', t('portfolio.form.noCompetency')],
      ...input.competencies,
    ])}
    ${inputField('initiative', 'start', v('start'), state, {
      label: t('portfolio.fields.start'),
      hint: t('portfolio.monthHint'),
      type: 'month',
    })}
    <fieldset>
      <legend>${t('portfolio.form.amounts')}</legend>
      ${amount('investment_dkk')} ${amount('running_cost_dkk_per_year')} ${amount('expected_hours_per_year')}
      ${amount('expected_dkk_per_year')}
    </fieldset>
    <fieldset>
      <legend>${t('portfolio.form.budget')}</legend>
      ${checkboxField(
        'initiative',
        'gains_booked',
        booked,
        state,
        t('portfolio.fields.gains_booked'),
        t('portfolio.form.bookedHint'),
      )}
      ${inputField('initiative', 'budget_year', v('budget_year'), state, {
        label: t('portfolio.fields.budget_year'),
        inputmode: 'numeric',
      })}
    </fieldset>`;
}

function stopForm(ctx: PortfolioCtx, initiative: StoredInitiative): SafeHtml {
  const { t } = ctx;
  if (initiative.status === 'stoppet') return html`<p class="note">${t('portfolio.stop.already')}</p>`;
  return html`<section aria-labelledby="stop">
    <h2 id="stop">${t('portfolio.stop.title')}</h2>
    <p>${t('portfolio.stop.intro')}</p>
    <form method="post" action="${portfolioPath(ctx.organisation, `/initiatives/${initiative.id}/stop`)}">
      ${csrfField(ctx.viewer)}${langField(ctx.lang)}
      <div class="field">
        <input
          type="checkbox"
          id="stop-zero"
          name="zero"
          value="ja"
          checked
          aria-describedby="stop-zero-hint"
        />
        <label class="option" for="stop-zero">${t('portfolio.stop.zero')}</label>
        <p class="hint" id="stop-zero-hint">${t('portfolio.stop.zeroHint')}</p>
      </div>
      <button type="submit" class="secondary">${t('portfolio.stop.submit')}</button>
    </form>
  </section>`;
}

export function initiativePage(ctx: PortfolioCtx, input: InitiativePageInput, path: string): string {
  const { t } = ctx;
  const editing = input.initiative;
  const action = portfolioPath(ctx.organisation, editing ? `/initiatives/${editing.id}` : '/initiatives');
  const body = html`${portfolioNav(ctx, editing ? null : 'new')}
    ${errorSummary(ctx, 'initiative', input.state)}
    <p>${t(editing ? 'portfolio.form.editIntro' : 'portfolio.form.newIntro')}</p>
    <form method="post" action="${action}" novalidate>
      ${csrfField(ctx.viewer)}${langField(ctx.lang)} ${fields(ctx, input)}
      <button type="submit">${t(editing ? 'portfolio.form.save' : 'portfolio.form.add')}</button>
    </form>
    <p><a href="${link(ctx, '')}">${t('portfolio.back')}</a></p>
    ${editing ? stopForm(ctx, editing) : ''}`;
  return page({
    lang: ctx.lang,
    title: editing
      ? t('portfolio.form.editTitle', { initiative: editing.initiative })
      : t('portfolio.form.newTitle', { organisation: ctx.organisation }),
    viewer: ctx.viewer,
    path,
    body,
    notice: input.notice,
  });
}
