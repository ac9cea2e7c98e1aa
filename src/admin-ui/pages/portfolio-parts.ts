/**
 * What the portfolio pages share: who is looking and at which organisation, the pages' own
 * navigation, number formats, and form fields whose server-side errors stand next to them
 * (`aria-invalid`, `aria-describedby`) and in a summary at the top that links to each field.
 */
import type { TFunction } from 'i18next';
import type { Lang } from '../../core/instrument/types.ts';
import { adminT } from '../../i18n/admin.ts';
import { formatNumber } from '../../i18n/i18n.ts';
import { html, type SafeHtml } from '../../reports/organisation/html/escape.ts';
import { withLang, type Viewer } from '../layout.ts';
import type { FormState } from '../portfolio-form.ts';

export interface PortfolioCtx {
  readonly lang: Lang;
  readonly t: TFunction;
  readonly viewer: Viewer;
  /** The organisation's name. */
  readonly organisation: string;
  /** Administrators and the organisation's own lead change the portfolio; analysts read it. */
  readonly canEdit: boolean;
}

export function portfolioCtx(lang: Lang, viewer: Viewer, organisation: string): PortfolioCtx {
  return {
    lang,
    t: adminT(lang),
    viewer,
    organisation,
    canEdit: viewer.role === 'admin' || viewer.role === 'org_lead',
  };
}

/** The portfolio's pages under one organisation. */
export const portfolioPath = (organisation: string, rest = '') =>
  `/admin/organisations/${encodeURIComponent(organisation)}/portfolio${rest}`;

export const link = (ctx: PortfolioCtx, rest: string) =>
  withLang(portfolioPath(ctx.organisation, rest), ctx.lang);

type Section = 'overview' | 'new' | 'review' | 'catalogue';

/** The portfolio's own navigation, the current page marked. */
export function portfolioNav(ctx: PortfolioCtx, current: Section | null): SafeHtml {
  const { t } = ctx;
  const items: [Section, string, string][] = [
    ['overview', '', t('portfolio.nav.overview')],
    ...(ctx.canEdit
      ? ([
          ['new', '/new', t('portfolio.nav.new')],
          ['review', '/review', t('portfolio.nav.review')],
        ] as [Section, string, string][])
      : []),
    ['catalogue', '/catalogue', t('portfolio.nav.catalogue')],
  ];
  return html`<nav aria-label="${t('portfolio.nav.label')}">
    <ul class="links wrap">
      ${items.map(
        ([id, rest, label]) =>
          html`<li>
            <a href="${link(ctx, rest)}" ${id === current ? html`aria-current="page"` : ''}>${label}</a>
          </li>`,
      )}
    </ul>
  </nav>`;
}

/** Amounts, hours, FTE, years and shares as the page's language writes them. */
export function formats(lang: Lang, t: TFunction) {
  return {
    dkk: (v: number) => t('portfolio.format.dkk', { value: formatNumber(v, 0, lang) }),
    hours: (v: number) => formatNumber(v, 0, lang),
    fte: (v: number) => formatNumber(v, 2, lang),
    years: (v: number | null) =>
      v === null
        ? t('portfolio.format.never')
        : t('portfolio.format.years', { value: formatNumber(v, 1, lang) }),
    share: (v: number | null) =>
      v === null ? '–' : t('portfolio.format.percent', { value: formatNumber(v * 100, 0, lang) }),
    plain: (v: number) => formatNumber(v, 0, lang),
  };
}

/** The id of a form field's input. */
export const fieldId = (form: string, name: string) => `${form}-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** After a refused form: every problem at the top of the page, each linked to its field. */
export function errorSummary(
  ctx: PortfolioCtx,
  form: string,
  state: FormState,
  /** Names of fields whose message alone would not say which field (a table of like rows). */
  labels: Readonly<Record<string, string>> = {},
): SafeHtml {
  const entries = Object.entries(state.errors);
  if (entries.length === 0) return html``;
  return html`<div class="problems" role="alert" aria-labelledby="${form}-summary">
    <h2 id="${form}-summary">${ctx.t('portfolio.errorSummary', { count: entries.length })}</h2>
    <p>${ctx.t('portfolio.nothingSaved')}</p>
    <ul>
      ${entries.map(([field, message]) =>
        field === '_form'
          ? html`<li>${message}</li>`
          : html`<li>
              <a href="#${fieldId(form, field)}">${labels[field] ? `${labels[field]}: ` : ''}${message}</a>
            </li>`,
      )}
    </ul>
  </div>`;
}

export interface FieldOptions {
  readonly label: string;
  readonly hint?: string;
  readonly type?: string;
  readonly inputmode?: 'decimal' | 'numeric';
  readonly required?: boolean;
  readonly maxlength?: number;
  readonly autocomplete?: string;
}

function described(id: string, hint: boolean, error: boolean): SafeHtml {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`${error ? html` aria-invalid="true"` : ''}${ids ? html` aria-describedby="${ids}"` : ''}`;
}

function errorOf(id: string, message: string | undefined): SafeHtml {
  return message
    ? html`<p class="field-error" id="${id}-error"><span aria-hidden="true">⚠ </span>${message}</p>`
    : html``;
}

/** A text input with its label, hint and error. */
export function inputField(
  form: string,
  name: string,
  value: string,
  state: FormState,
  o: FieldOptions,
): SafeHtml {
  const id = fieldId(form, name);
  const error = state.errors[name];
  return html`<div class="field">
    <label for="${id}">${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    <input
      type="${o.type ?? 'text'}"
      id="${id}"
      name="${name}"
      value="${value}"
      ${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.required ? html` required` : ''}${
        o.maxlength ? html` maxlength="${o.maxlength}"` : ''
      }${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${described(id, !!o.hint, !!error)}
    />
    ${errorOf(id, error)}
  </div>`;
}

/** A select with its label and error. */
export function selectField(
  form: string,
  name: string,
  value: string,
  state: FormState,
  label: string,
  options: readonly (readonly [string, string])[],
): SafeHtml {
  const id = fieldId(form, name);
  const error = state.errors[name];
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${name}" ${described(id, false, !!error)}>
      ${options.map(
        ([v, text]) => html`<option value="${v}" ${v === value ? html` selected` : ''}>${text}</option>`,
      )}
    </select>
    ${errorOf(id, error)}
  </div>`;
}

/** A check box with its label, hint and error. */
export function checkboxField(
  form: string,
  name: string,
  checked: boolean,
  state: FormState,
  label: string,
  hint?: string,
): SafeHtml {
  const id = fieldId(form, name);
  const error = state.errors[name];
  return html`<div class="field">
    <input
      type="checkbox"
      id="${id}"
      name="${name}"
      value="ja"
      ${checked ? html` checked` : ''}${described(id, !!hint, !!error)}
    />
    <label class="option" for="${id}">${label}</label>
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''} ${errorOf(id, error)}
  </div>`;
}

/** A table in a focusable scroll region (a wide table scrolls on its own on a phone). */
export function tableRegion(
  id: string,
  caption: SafeHtml | string,
  head: SafeHtml,
  body: SafeHtml,
): SafeHtml {
  return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${id}">
    <table>
      <caption id="${id}">
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

/** A value typed into a refused form, else the stored one. */
export const valueOf = (state: FormState, name: string, stored: string) =>
  name in state.values ? state.values[name]! : stored;
