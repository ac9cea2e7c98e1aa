/** The rounds overview, the form for a new round and the page of one round. */
import type { TFunction } from 'i18next';
import type { Lang } from '../../core/instrument/types.ts';
import { CITIZEN_INSTRUMENT } from '../../core/panel/combined.ts';
import { adminT } from '../../i18n/admin.ts';
import { formatDateTime, toLocalInputs } from '../../i18n/dates.ts';
import { formatNumber, localize } from '../../i18n/i18n.ts';
import { organisationPath } from '../../reports/organisation/html/context.ts';
import { html, type SafeHtml } from '../../reports/organisation/html/escape.ts';
import { rate, type Counts, type Dashboard } from '../../api/services/dashboard.ts';
import type { JobStatus } from '../../api/services/jobs.ts';
import { INVITEE_STATUSES, type InviteeStatus, type Round } from '../../storage/index.ts';
import { csrfField, langField, page, withLang, type Viewer } from '../layout.ts';
import { jobsSection } from './jobs.ts';
import { releasesSection, type RoundReleases } from './releases.ts';
import { nextChange } from './status.ts';

/** What an organisation's lead has: their organisation and the rounds it has a report in. */
export interface LeadReports {
  readonly organisation: { readonly name: string };
  readonly rounds: readonly Round[];
}

export const reportPath = (round: string, organisation: string, lang: Lang) =>
  withLang(`/reports/${encodeURIComponent(round)}/organisations/${encodeURIComponent(organisation)}`, lang);

/** The lead's own organisation's digital portfolio (issue 16), whether or not it has reports. */
function portfolioLink(lang: Lang, reports: LeadReports | null): SafeHtml {
  if (!reports) return html``;
  const name = reports.organisation.name;
  return html`<p>
    <a href="${withLang(`/admin/organisations/${encodeURIComponent(name)}/portfolio`, lang)}"
      >${adminT(lang)('portfolio.home.link', { organisation: name })}</a
    >
  </p>`;
}

function leadHome(lang: Lang, reports: LeadReports | null): SafeHtml {
  return html`${leadReports(lang, reports)}${portfolioLink(lang, reports)}`;
}

function leadReports(lang: Lang, reports: LeadReports | null): SafeHtml {
  const t = adminT(lang);
  if (!reports || reports.rounds.length === 0) return html`<p>${t('home.noReports')}</p>`;
  const { organisation, rounds } = reports;
  return html`<p>${t('home.reportsOf', { organisation: organisation.name })}</p>
    <p>
      <a href="${withLang(`${organisationPath(organisation.name)}/overview`, lang)}">${t('overview.link')}</a>
    </p>
    <ul class="reports">
      ${rounds.map(
        (r) =>
          html`<li>
            <a href="${reportPath(r.name, organisation.name, lang)}"
              >${t('home.openReport', { round: localize(r.title, lang) })}</a
            >
            (${t(`status.${r.status}`)})
          </li>`,
      )}
    </ul>`;
}

export function homePage(
  lang: Lang,
  viewer: Viewer,
  rounds: readonly Round[],
  lead: LeadReports | null = null,
): string {
  const t = adminT(lang);
  const runner = viewer.role !== 'org_lead';
  const body = runner
    ? html`${
          rounds.length === 0
            ? html`<p>${t('home.none')}</p>`
            : html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="rounds-list">
                <table>
                  <caption id="rounds-list">
                    ${t('home.title')}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${t('home.name')}</th>
                      <th scope="col">${t('home.titleCol')}</th>
                      <th scope="col">${t('home.status')}</th>
                      <th scope="col">${t('home.instrument')}</th>
                      <th scope="col">${t('home.k')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${rounds.map(
                      (r) =>
                        html`<tr>
                          <th scope="row">
                            <a href="${withLang(`/admin/rounds/${encodeURIComponent(r.name)}`, lang)}"
                              >${r.name}</a
                            >
                          </th>
                          <td>${localize(r.title, lang)}</td>
                          <td>${t(`status.${r.status}`)}</td>
                          <td>${r.instrument.id} ${r.instrument.version}</td>
                          <td>${r.kMin}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
        }
        <p><a href="${withLang('/admin/rounds/new', lang)}">${t('home.new')}</a></p>`
    : leadHome(lang, lead);
  return page({ lang, title: t(runner ? 'home.title' : 'home.reports'), viewer, path: '/admin', body });
}

export interface RoundFormValues {
  readonly [field: string]: string;
}

function field(
  t: TFunction,
  name: string,
  label: string,
  values: RoundFormValues,
  type = 'text',
  extra: SafeHtml = html``,
): SafeHtml {
  return html`<label for="${name}">${label}</label
    ><input type="${type}" id="${name}" name="${name}" value="${values[name] ?? ''}" ${extra} />`;
}

/** A moment as a date input and a time input (Copenhagen time; see src/i18n/dates.ts). */
function dateTimeFields(t: TFunction, name: string, legend: string, values: RoundFormValues): SafeHtml {
  const input = (part: 'date' | 'time') =>
    html`<input
      type="${part}"
      id="${name}_${part}"
      name="${name}_${part}"
      value="${values[`${name}_${part}`] ?? ''}"
      aria-describedby="${name}-hint"
    />`;
  return html`<fieldset class="moment">
    <legend>${legend}</legend>
    <span><label for="${name}_date">${t('round.date')}</label>${input('date')}</span>
    <span><label for="${name}_time">${t('round.time')}</label>${input('time')}</span>
    <p class="hint" id="${name}-hint">${t('round.timeZoneHint')}</p>
  </fieldset>`;
}

function roundFields(t: TFunction, values: RoundFormValues): SafeHtml {
  const lang = (code: string) =>
    html`<input
        type="checkbox"
        id="lang-${code}"
        name="lang_${code}"
        value="1"
        ${values[`lang_${code}`] ? html` checked` : ''}
      /><label class="option" for="lang-${code}">${code === 'da' ? 'Dansk' : 'English'}</label>`;
  return html`${field(t, 'title_da', t('round.titleDa'), values)}${field(t, 'title_en', t('round.titleEn'), values)}
    ${dateTimeFields(t, 'opens_at', t('round.opensAt'), values)}${dateTimeFields(t, 'closes_at', t('round.closesAt'), values)}
    ${field(t, 'k', t('round.k'), values, 'number', html` min="3" step="1"`)}
    ${field(t, 'respondent_min', t('round.respondentMin'), values, 'number', html` min="2" step="1"`)}
    <fieldset>
      <legend>${t('round.languages')}</legend>
      ${lang('da')}${lang('en')}
    </fieldset>
    ${field(t, 'organiser', t('round.organiser'), values)}
    <label for="intro_da">${t('round.introDa')}</label
    ><textarea id="intro_da" name="intro_da" rows="3">${values.intro_da ?? ''}</textarea>
    <label for="intro_en">${t('round.introEn')}</label
    ><textarea id="intro_en" name="intro_en" rows="3">${values.intro_en ?? ''}</textarea>`;
}

export function problemList(t: TFunction, problems: readonly string[], intro?: string): SafeHtml {
  return problems.length
    ? html`<div class="problems" role="alert">
        <h2>${t('errors.title', { count: problems.length })}</h2>
        ${intro ? html`<p>${intro}</p>` : ''}
        <ul>
          ${problems.map((p) => html`<li>${p}</li>`)}
        </ul>
      </div>`
    : html``;
}

export function newRoundPage(
  lang: Lang,
  viewer: Viewer,
  instruments: readonly string[],
  values: RoundFormValues,
  problems: readonly string[],
): string {
  const t = adminT(lang);
  const body = html`${problemList(t, problems)}
    <form method="post" action="/admin/rounds" novalidate>
      ${csrfField(viewer)}${langField(lang)}
      ${field(t, 'name', t('round.name'), values, 'text', html` required`)}
      <label for="instrument">${t('round.instrument')}</label
      ><select id="instrument" name="instrument">
        ${instruments.map((i) => html`<option value="${i}" ${values.instrument === i ? html` selected` : ''}>${i}</option>`)}
      </select>
      ${roundFields(t, values)}
      <button type="submit">${t('round.create')}</button>
    </form>`;
  return page({ lang, title: t('round.new'), viewer, path: '/admin/rounds/new', body });
}

export interface RoundPageInput {
  readonly round: Round;
  readonly dashboard: Dashboard;
  readonly staff: readonly string[];
  /** How many invitees have each status. */
  readonly invitees: Readonly<Record<InviteeStatus, number>>;
  readonly smtp: boolean;
  readonly releases: RoundReleases;
  /** The round's latest background jobs, newest first. */
  readonly jobs: readonly JobStatus[];
  readonly values: RoundFormValues;
  readonly problems: readonly string[];
  readonly problemsIntro?: string;
  readonly notice: string | null;
}

const momentValues = (name: string, iso: string | null): RoundFormValues => {
  const local = iso ? toLocalInputs(iso) : { date: '', time: '' };
  return { [`${name}_date`]: local.date, [`${name}_time`]: local.time };
};

export function roundValues(round: Round): RoundFormValues {
  return {
    title_da: round.title.da,
    title_en: round.title.en ?? '',
    ...momentValues('opens_at', round.opensAt),
    ...momentValues('closes_at', round.closesAt),
    k: String(round.kMin),
    respondent_min: String(round.respondentMin),
    lang_da: round.languages.includes('da') ? '1' : '',
    lang_en: round.languages.includes('en') ? '1' : '',
    intro_da: round.intro?.da ?? '',
    intro_en: round.intro?.en ?? '',
    organiser: round.organiser ?? '',
  };
}

export function roundPage(lang: Lang, viewer: Viewer, input: RoundPageInput): string {
  const t = adminT(lang);
  const { round, dashboard } = input;
  const base = `/admin/rounds/${encodeURIComponent(round.name)}`;
  const pct = (c: Counts) => {
    const r = rate(c);
    return r === null ? '–' : `${formatNumber(r * 100, 0, lang)} %`;
  };
  const countCells = (c: Counts) =>
    html`<td>${c.organisations}</td>
      <td>${c.organisationsAnswered}</td>
      <td>${c.respondents}</td>
      <td>${c.submitted}</td>
      <td>${pct(c)}</td>`;
  const countHead = html`<th scope="col">${t('round.organisations')}</th>
    <th scope="col">${t('round.organisationsAnswered')}</th>
    <th scope="col">${t('round.respondents')}</th>
    <th scope="col">${t('round.submitted')}</th>
    <th scope="col">${t('round.rate')}</th>`;
  const scopeRadios = (form: string) =>
    html`<fieldset>
      <legend>${t('round.scope')}</legend>
      <input type="radio" id="${form}-new" name="scope" value="new" checked /><label
        class="option"
        for="${form}-new"
        >${t('round.scopeNew')}</label
      >
      <input type="radio" id="${form}-pending" name="scope" value="pending" /><label
        class="option"
        for="${form}-pending"
        >${t('round.scopePending')}</label
      >
    </fieldset>`;
  const form = (action: string, content: SafeHtml, extra: SafeHtml = html``) =>
    html`<form method="post" action="${base}/${action}" ${extra}>
      ${csrfField(viewer)}${langField(lang)}${content}
    </form>`;
  const change = nextChange(round, viewer);
  const otherLang: Lang = lang === 'da' ? 'en' : 'da';

  const moment = (iso: string) => html`<time datetime="${iso}">${formatDateTime(iso, lang)}</time>`;
  const body = html`${problemList(t, input.problems, input.problemsIntro)}
    ${
      round.opensAt || round.closesAt
        ? html`<p class="dates">
            ${round.opensAt ? html`${t('round.opensAt')}: ${moment(round.opensAt)}` : ''}${
              round.opensAt && round.closesAt ? html`<br />` : ''
            }${round.closesAt ? html`${t('round.closesAt')}: ${moment(round.closesAt)}` : ''}
          </p>`
        : ''
    }
    <section aria-labelledby="dashboard">
      <h2 id="dashboard">${t('round.dashboard')}</h2>
      <p>
        ${t('round.updatedAt', { at: formatDateTime(dashboard.at, lang) })}
        <a href="${withLang(base, lang)}#dashboard">${t('round.refresh')}</a>
      </p>
      <div class="table-wrap" role="region" tabindex="0" aria-labelledby="dashboard-sectors">
        <table>
          <caption id="dashboard-sectors">
            ${t('round.sector')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('round.sector')}</th>
              ${countHead}
            </tr>
          </thead>
          <tbody>
            ${dashboard.bySector.map(
              (s) =>
                html`<tr>
                  <th scope="row">${t(`sector.sectors.${s.sector}`, { defaultValue: s.sector })}</th>
                  ${countCells(s)}
                </tr>`,
            )}
            <tr>
              <th scope="row">${t('round.total')}</th>
              ${countCells(dashboard.total)}
            </tr>
          </tbody>
        </table>
      </div>
      <div class="table-wrap" role="region" tabindex="0" aria-labelledby="dashboard-organisations">
        <table>
          <caption id="dashboard-organisations">
            ${t('round.organisation')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('round.organisation')}</th>
              <th scope="col">${t('round.sector')}</th>
              <th scope="col">${t('round.respondents')}</th>
              <th scope="col">${t('round.submitted')}</th>
            </tr>
          </thead>
          <tbody>
            ${dashboard.byOrganisation.map(
              (o) =>
                html`<tr>
                  <th scope="row">
                    ${
                      o.submitted > 0
                        ? html`<a href="${reportPath(round.name, o.name, lang)}">${o.name}</a>`
                        : o.name
                    }
                  </th>
                  <td>${t(`sector.sectors.${o.sector}`, { defaultValue: o.sector })}</td>
                  <td>${o.respondents}</td>
                  <td>${o.submitted}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
    <section aria-labelledby="invitees">
      <h2 id="invitees">${t('invitees.heading')}</h2>
      <ul class="counts">
        ${INVITEE_STATUSES.map(
          (s) =>
            html`<li>
              <a href="${withLang(`${base}/invitees?status=${s}`, lang)}"
                >${t(`invitees.status.${s}`)}: ${input.invitees[s]}</a
              >
            </li>`,
        )}
      </ul>
      <p><a href="${withLang(`${base}/invitees`, lang)}">${t('invitees.openList')}</a></p>
    </section>
    <section aria-labelledby="organisations">
      <h2 id="organisations">${t('organisations.title')}</h2>
      <p><a href="${withLang(`${base}/organisations`, lang)}">${t('organisations.link')}</a></p>
    </section>
    <section aria-labelledby="lifecycle">
      <h2 id="lifecycle">${t('round.lifecycle')}</h2>
      <p>${t('round.statusNow', { status: t(`status.${round.status}`) })}</p>
      ${change ? html`<p><a href="${withLang(`${base}/status?change=${change}`, lang)}">${t(`status.confirm.action.${change}`)}</a></p>` : ''}
    </section>
    ${
      round.status !== 'closed'
        ? html`<section aria-labelledby="invitations">
            <h2 id="invitations">${t('round.invitations')}</h2>
            ${round.status === 'draft' ? html`<p class="warning" role="note"><strong>${t('round.draftLinks')}</strong></p>` : ''}
            ${form('invitations', html`<label for="invitee-file">${t('round.upload')}</label><input type="file" id="invitee-file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required /><button type="submit">${t('round.uploadSubmit')}</button>`, html` enctype="multipart/form-data"`)}
            ${form(
              'links',
              html`${scopeRadios('links')}
                <p class="hint">${t('round.linksNote')}</p>
                <button type="submit">${t('round.links')}</button>`,
            )}
            ${
              input.smtp
                ? form(
                    'send',
                    html`${scopeRadios('send')}
                      <p class="hint">${t('round.reminderNote')}</p>
                      <input type="checkbox" id="send-new-link" name="newLink" value="1" /><label
                        class="option"
                        for="send-new-link"
                        >${t('round.newLink')}</label
                      >
                      <button type="submit">${t('round.send')}</button>`,
                  )
                : html`<p class="hint">${t('round.noSmtp')}</p>`
            }
          </section>`
        : ''
    }
    ${releasesSection(lang, input.releases, round.kMin, (content) => form('release', content))}
    <section aria-labelledby="reports">
      <h2 id="reports">${t('round.reports')}</h2>
      <ul>
        ${
          round.instrument.id === CITIZEN_INSTRUMENT
            ? html`<li><a href="${withLang(`${base}/panel`, lang)}">${t('round.panelReport')}</a></li>`
            : ''
        }
        <li>
          <a href="${withLang(`${base}/report`, lang)}">${t('round.report')}</a> (<a
            href="${withLang(`${base}/report`, otherLang)}"
            lang="${otherLang}"
            >${otherLang === 'en' ? 'English' : 'dansk'}</a
          >)
        </li>
        <li>
          <a href="${withLang(`${base}/report.pdf`, lang)}">${t('round.report')}: ${t('round.pdf')}</a>
        </li>
        <li>
          <a href="/api/rounds/${encodeURIComponent(round.name)}/sector-report"
            >${t('round.report')}: ${t('round.json')}</a
          >
        </li>
        <li>
          <a href="/api/rounds/${encodeURIComponent(round.name)}/open-data">${t('round.openData')}</a>
        </li>
      </ul>
      ${form(
        'report-pdfs',
        html`<p class="hint">${t('round.pdfsNote')}</p>
          <button type="submit">${t('round.pdfs')}</button>`,
      )}
    </section>
    ${jobsSection(lang, input.jobs)}
    <section aria-labelledby="settings">
      <h2 id="settings">${t('round.settings')}</h2>
      ${form('settings', html`${roundFields(t, input.values)}<button type="submit">${t('round.save')}</button>`, html` novalidate`)}
    </section>
    ${
      round.status === 'closed'
        ? html`<section aria-labelledby="privacy">
            <h2 id="privacy">${t('round.privacy')}</h2>
            <p>${t('round.eraseNote')}</p>
            ${form('erase-emails', html`<button type="submit" class="secondary">${t('round.erase')}</button>`)}
          </section>`
        : ''
    }
    <section aria-labelledby="staff">
      <h2 id="staff">${t('round.staff')}</h2>
      ${
        input.staff.length
          ? html`<ul>
              ${input.staff.map((s) => html`<li>${s}</li>`)}
            </ul>`
          : html`<p>${t('round.staffNone')}</p>`
      }
      ${viewer.role === 'admin' ? form('staff', html`<label for="analyst">${t('round.assign')}</label><input type="email" id="analyst" name="email" autocomplete="off" required /><button type="submit">${t('round.assignSubmit')}</button>`) : ''}
    </section>`;
  return page({
    lang,
    title: `${localize(round.title, lang)} (${round.name})`,
    viewer,
    path: base,
    body,
    notice: input.notice,
  });
}
