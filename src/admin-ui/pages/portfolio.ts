/**
 * An organisation's portfolio page (issue 16): the initiatives with filters by track, status and
 * owner (a GET form, no script), their figures per initiative, per track and in total from the
 * core, the warnings in plain words, the charts with their tables, the settings with their
 * documented defaults, import and export.
 */
import { groupFigures, type Amounts } from '../../core/portfolio/figures.ts';
import { DEFAULT_SETTINGS, SETTING_KEYS, type PortfolioSettings } from '../../core/portfolio/settings.ts';
import { STATUSES, TRACKS, type Status, type Track } from '../../core/portfolio/types.ts';
import type { PortfolioReport } from '../../api/services/portfolio.ts';
import { html, type SafeHtml } from '../../reports/organisation/html/escape.ts';
import type { StoredInitiative } from '../../storage/index.ts';
import { csrfField, langField, page } from '../layout.ts';
import type { FormState } from '../portfolio-form.ts';
import { problemList } from './rounds.ts';
import { portfolioCharts } from './portfolio-charts.ts';
import {
  errorSummary,
  formats,
  inputField,
  link,
  portfolioNav,
  portfolioPath,
  tableRegion,
  valueOf,
  type PortfolioCtx,
} from './portfolio-parts.ts';

export interface PortfolioFilter {
  readonly track?: Track | undefined;
  readonly status?: Status | undefined;
  /** An owner's name, or '-' for initiatives without one. */
  readonly owner?: string | undefined;
}

export interface PortfolioPageInput {
  readonly report: PortfolioReport;
  /** The stored initiatives, in the report's order (their ids for the edit links). */
  readonly initiatives: readonly StoredInitiative[];
  readonly filter: PortfolioFilter;
  readonly settingsForm: FormState;
  /** An import's problems, each with its row and column. */
  readonly importProblems: readonly string[];
  readonly notice: string | null;
}

const matches = (i: StoredInitiative, f: PortfolioFilter) =>
  (!f.track || i.track === f.track) &&
  (!f.status || i.status === f.status) &&
  (!f.owner || (f.owner === '-' ? !i.owner : i.owner === f.owner));

function filterForm(ctx: PortfolioCtx, input: PortfolioPageInput): SafeHtml {
  const { t } = ctx;
  const { filter, report } = input;
  const owners = [...new Set(input.initiatives.map((i) => i.owner).filter((o): o is string => !!o))].sort(
    (a, b) => a.localeCompare(b, 'da'),
  );
  const select = (name: string, label: string, value: string | undefined, options: [string, string][]) =>
    html`<div>
      <label for="filter-${name}">${label}</label>
      <select id="filter-${name}" name="${name}">
        <option value="">${t('portfolio.filter.any')}</option>
        ${options.map(([v, text]) => html`<option value="${v}" ${v === value ? html` selected` : ''}>${text}</option>`)}
      </select>
    </div>`;
  return html`<form
    method="get"
    action="${portfolioPath(ctx.organisation)}"
    class="filter"
    role="search"
    aria-label="${t('portfolio.filter.label')}"
  >
    ${ctx.lang === 'en' ? langField('en') : ''}
    <div class="filter-fields">
      ${select(
        'track',
        t('portfolio.fields.track'),
        filter.track,
        TRACKS.map((tr) => [tr, t(`portfolio.tracks.${tr}`)]),
      )}
      ${select(
        'status',
        t('portfolio.fields.status'),
        filter.status,
        STATUSES.map((s) => [s, t(`portfolio.statuses.${s}`)]),
      )}
      ${select('owner', t('portfolio.fields.owner'), filter.owner, [
        ...owners.map((o): [string, string] => [o, o]),
        ['-', t('portfolio.filter.noOwner')],
      ])}
      <div>
        <label for="filter-asOf">${t('portfolio.filter.asOf')}</label>
        <input
          type="month"
          id="filter-asOf"
          name="asOf"
          value="${report.asOf}"
          aria-describedby="filter-asOf-hint"
        />
        <p class="hint" id="filter-asOf-hint">${t('portfolio.monthHint')}</p>
      </div>
    </div>
    <button type="submit">${t('portfolio.filter.submit')}</button>
    <a class="reset" href="${link(ctx, '')}">${t('portfolio.filter.reset')}</a>
  </form>`;
}

/** The figure columns shared by the initiatives and the tracks tables. */
function figureHeads(ctx: PortfolioCtx): SafeHtml {
  const { t } = ctx;
  const keys = [
    'investment',
    'expectedTotal',
    'expectedHours',
    'fte',
    'net',
    'payback',
    'npv',
    'expectedToDate',
    'realisedToDate',
    'realisation',
  ];
  return html`${keys.map((k) => html`<th scope="col" class="num">${t(`portfolio.figures.${k}`)}</th>`)}`;
}

function figureCells(ctx: PortfolioCtx, a: Amounts): SafeHtml {
  const f = formats(ctx.lang, ctx.t);
  return html`<td class="num">${f.dkk(a.investmentDkk)}</td>
    <td class="num">${f.dkk(a.expectedTotalDkkPerYear)}</td>
    <td class="num">${f.hours(a.expectedHoursPerYear)}</td>
    <td class="num">${f.fte(a.fte)}</td>
    <td class="num">${f.dkk(a.netDkkPerYear)}</td>
    <td class="num">${f.years(a.paybackYears)}</td>
    <td class="num">${f.dkk(a.npvDkk)}</td>
    <td class="num">${f.dkk(a.expectedToDateDkk)}</td>
    <td class="num">${f.dkk(a.realisedToDateDkk)}</td>
    <td class="num">${f.share(a.realisation)}</td>`;
}

function initiativesTable(ctx: PortfolioCtx, input: PortfolioPageInput): SafeHtml {
  const { t } = ctx;
  const { report, initiatives, filter } = input;
  const shown = initiatives
    .map((i, n) => ({ stored: i, fig: report.initiatives[n]! }))
    .filter((x) => matches(x.stored, filter));
  const filtered = shown.length !== initiatives.length;
  if (initiatives.length === 0)
    return html`<p>${t('portfolio.list.empty')}</p>
      ${
        ctx.canEdit
          ? html`<p>
              <a href="${link(ctx, '/new')}">${t('portfolio.nav.new')}</a> ·
              <a href="${link(ctx, '/catalogue')}">${t('portfolio.list.fromCatalogue')}</a>
            </p>`
          : ''
      }`;
  const sum = groupFigures(shown.map((x) => x.fig));
  return tableRegion(
    'initiatives-table',
    t(filtered ? 'portfolio.list.captionFiltered' : 'portfolio.list.caption', {
      count: shown.length,
      total: initiatives.length,
      asOf: report.asOf,
    }),
    html`<tr>
      <th scope="col">${t('portfolio.fields.initiative')}</th>
      <th scope="col">${t('portfolio.fields.track')}</th>
      <th scope="col">${t('portfolio.fields.status')}</th>
      <th scope="col">${t('portfolio.fields.owner')}</th>
      <th scope="col">${t('portfolio.fields.start')}</th>
      ${figureHeads(ctx)}
    </tr>`,
    html`${shown.map(
        ({ stored, fig }) =>
          html`<tr>
            <th scope="row">
              ${ctx.canEdit ? html`<a href="${link(ctx, `/initiatives/${stored.id}`)}">${stored.initiative}</a>` : stored.initiative}
            </th>
            <td>${t(`portfolio.tracks.${stored.track}`)}</td>
            <td>${t(`portfolio.statuses.${stored.status}`)}</td>
            <td>${stored.owner ?? html`<span class="note">${t('portfolio.list.noOwner')}</span>`}</td>
            <td>${stored.start}</td>
            ${figureCells(ctx, fig)}
          </tr>`,
      )}
      <tr>
        <th scope="row" colspan="5">${t(filtered ? 'portfolio.list.sumShown' : 'portfolio.list.sumAll')}</th>
        ${figureCells(ctx, sum)}
      </tr>`,
  );
}

function tracksTable(ctx: PortfolioCtx, report: PortfolioReport): SafeHtml {
  const { t } = ctx;
  return tableRegion(
    'tracks-table',
    t('portfolio.tracksCaption', { asOf: report.asOf }),
    html`<tr>
      <th scope="col">${t('portfolio.fields.track')}</th>
      <th scope="col" class="num">${t('portfolio.figures.initiatives')}</th>
      ${figureHeads(ctx)}
    </tr>`,
    html`${TRACKS.map(
        (tr) =>
          html`<tr>
            <th scope="row">${t(`portfolio.tracks.${tr}`)}</th>
            <td class="num">${report.byTrack[tr].initiatives}</td>
            ${figureCells(ctx, report.byTrack[tr])}
          </tr>`,
      )}
      <tr>
        <th scope="row">${t('portfolio.total')}</th>
        <td class="num">${report.total.initiatives}</td>
        ${figureCells(ctx, report.total)}
      </tr>`,
  );
}

function warningsSection(ctx: PortfolioCtx, input: PortfolioPageInput): SafeHtml {
  const { t } = ctx;
  const f = formats(ctx.lang, t);
  const { warnings } = input.report;
  const idOf = (name: string) => input.initiatives.find((i) => i.initiative === name)?.id;
  return html`<section aria-labelledby="warnings">
    <h2 id="warnings">${t('portfolio.warnings.title', { count: warnings.length })}</h2>
    ${
      warnings.length === 0
        ? html`<p>${t('portfolio.warnings.none')}</p>`
        : html`<ul class="warning">
            ${warnings.map((w) => {
              const id = idOf(w.initiative);
              const text = t(`portfolio.warnings.${w.code}`, {
                initiative: w.initiative,
                share: f.share(w.realisation ?? null),
              });
              return html`<li>
                ${text}${
                  ctx.canEdit && id !== undefined
                    ? html` <a href="${link(ctx, `/initiatives/${id}`)}"
                        >${t('portfolio.warnings.fix')}<span class="visually-hidden"
                          >: ${w.initiative}</span
                        ></a
                      >`
                    : ''
                }
              </li>`;
            })}
          </ul>`
    }
  </section>`;
}

const settingShown = (key: keyof PortfolioSettings, value: number, lang: 'da' | 'en') => {
  const v = key === 'discountRate' ? Math.round(value * 100000) / 1000 : value;
  return lang === 'da' ? String(v).replace('.', ',') : String(v);
};

function settingsSection(ctx: PortfolioCtx, input: PortfolioPageInput): SafeHtml {
  const { t, lang } = ctx;
  const { settings } = input.report;
  const state = input.settingsForm;
  const unit = (key: keyof PortfolioSettings) => t(`portfolio.settings.unit.${key}`);
  const defaultText = (key: keyof PortfolioSettings) =>
    t('portfolio.settings.default', {
      value: settingShown(key, DEFAULT_SETTINGS[key], lang),
      unit: unit(key),
      source: t(`portfolio.settings.source.${key}`),
    });
  const intro = html`<p>
    ${settings.defaults ? t('portfolio.settings.usingDefaults') : t('portfolio.settings.usingOwn')}
    ${t('portfolio.settings.blankIsDefault')}
  </p>`;
  if (!ctx.canEdit)
    return html`<section aria-labelledby="settings">
      <h2 id="settings">${t('portfolio.settings.title')}</h2>
      ${intro}
      <dl class="facts">
        ${SETTING_KEYS.map(
          (key) =>
            html`<dt>${t(`portfolio.settings.${key}`)}</dt>
              <dd>
                ${settingShown(key, settings[key], lang)} ${unit(key)}
                <span class="note">(${defaultText(key)})</span>
              </dd>`,
        )}
      </dl>
    </section>`;
  return html`<section aria-labelledby="settings">
    <h2 id="settings">${t('portfolio.settings.title')}</h2>
    ${errorSummary(ctx, 'settings', state)} ${intro}
    <form method="post" action="${portfolioPath(ctx.organisation, '/settings')}" novalidate>
      ${csrfField(ctx.viewer)}${langField(lang)}
      ${SETTING_KEYS.map((key) =>
        inputField('settings', key, valueOf(state, key, settingShown(key, settings[key], lang)), state, {
          label: `${t(`portfolio.settings.${key}`)} (${unit(key)})`,
          hint: defaultText(key),
          inputmode: 'decimal',
        }),
      )}
      <button type="submit">${t('portfolio.settings.save')}</button>
    </form>
  </section>`;
}

function filesSection(ctx: PortfolioCtx, input: PortfolioPageInput): SafeHtml {
  const { t } = ctx;
  const exportLink = (kind: string, format: string) =>
    html`<li>
      <a href="${link(ctx, `/export?kind=${kind}&format=${format}`)}"
        >${t(`portfolio.export.${kind}`)} — ${t(`portfolio.export.format.${format}`)}</a
      >
    </li>`;
  return html`<section aria-labelledby="files">
    <h2 id="files">${t('portfolio.files.title')}</h2>
    <h3>${t('portfolio.export.title')}</h3>
    <ul>
      ${['initiatives', 'realisations'].map(
        (kind) => html`${exportLink(kind, 'csv')}${exportLink(kind, 'danish')}${exportLink(kind, 'xlsx')}`,
      )}
    </ul>
    ${
      ctx.canEdit
        ? html`<h3 id="import">${t('portfolio.import.title')}</h3>
            ${problemList(t, input.importProblems, input.importProblems.length ? t('portfolio.import.refused') : undefined)}
            <p class="hint" id="import-hint">${t('portfolio.import.hint')}</p>
            <form
              method="post"
              action="${portfolioPath(ctx.organisation, '/import')}"
              enctype="multipart/form-data"
            >
              ${csrfField(ctx.viewer)}${langField(ctx.lang)}
              <label for="import-file">${t('portfolio.import.file')}</label>
              <input
                type="file"
                id="import-file"
                name="file"
                accept=".csv,.xlsx,text/csv"
                required
                aria-describedby="import-hint"
              />
              <button type="submit">${t('portfolio.import.submit')}</button>
            </form>`
        : ''
    }
  </section>`;
}

export function portfolioPage(ctx: PortfolioCtx, input: PortfolioPageInput, path: string): string {
  const { t } = ctx;
  const body = html`${portfolioNav(ctx, 'overview')}
    <p>${t('portfolio.intro')}</p>
    ${warningsSection(ctx, input)}
    <section aria-labelledby="initiatives">
      <h2 id="initiatives">${t('portfolio.list.title')}</h2>
      ${filterForm(ctx, input)} ${initiativesTable(ctx, input)}
    </section>
    <section aria-labelledby="tracks">
      <h2 id="tracks">${t('portfolio.tracksTitle')}</h2>
      <p class="hint">${t('portfolio.figuresHint')}</p>
      ${tracksTable(ctx, input.report)}
    </section>
    <section aria-labelledby="charts">
      <h2 id="charts">${t('portfolio.charts.title')}</h2>
      ${portfolioCharts(ctx, input.report)}
    </section>
    ${settingsSection(ctx, input)} ${filesSection(ctx, input)}`;
  return page({
    lang: ctx.lang,
    title: t('portfolio.title', { organisation: ctx.organisation }),
    viewer: ctx.viewer,
    path,
    body,
    notice: input.notice,
  });
}
