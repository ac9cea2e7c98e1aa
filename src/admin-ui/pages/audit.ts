/** The audit log page and the data-subject export form (administrators). */
import type { Lang } from '../../core/instrument/types.ts';
import { adminT } from '../../i18n/admin.ts';
import { html } from '../../reports/organisation/html/escape.ts';
import { AUDIT_ACTIONS } from '../../rounds/audit-actions.ts';
import { formatDateTime } from '../../i18n/dates.ts';
import { auditActionName, type AuditPage } from '../../rounds/audit.ts';
import { filterQuery, type AuditFilterValues } from '../audit-filter.ts';
import { csrfField, langField, page, withLang, type Viewer } from '../layout.ts';

export interface AuditView {
  readonly values: AuditFilterValues;
  readonly problems: readonly string[];
  readonly page: AuditPage | null;
}

export function auditPage(lang: Lang, viewer: Viewer, view: AuditView): string {
  const t = adminT(lang);
  const { values, problems, page: result } = view;
  const query = filterQuery(values);
  const link = (path: string, extra?: string) =>
    withLang(`${path}${query || extra ? '?' : ''}${[query, extra].filter(Boolean).join('&')}`, lang);
  const actions = [...AUDIT_ACTIONS]
    .map((a) => ({ code: a, name: auditActionName(a, lang) }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
  const form = html`<form method="get" action="/admin/audit" class="filter" aria-labelledby="audit-filter">
    <h2 id="audit-filter">${t('audit.filter.title')}</h2>
    ${lang === 'da' ? '' : langField(lang)}
    <div class="filter-fields">
      <div>
        <label for="audit-actor">${t('audit.actor')}</label>
        <input type="text" id="audit-actor" name="actor" value="${values.actor}" autocomplete="off" />
      </div>
      <div>
        <label for="audit-action">${t('audit.action')}</label>
        <select id="audit-action" name="action">
          <option value="">${t('audit.filter.anyAction')}</option>
          ${actions.map(
            (a) =>
              html`<option value="${a.code}" ${a.code === values.action ? html`selected` : ''}>
                ${a.name}
              </option>`,
          )}
        </select>
      </div>
      <div>
        <label for="audit-from">${t('audit.filter.from')}</label>
        <input type="date" id="audit-from" name="from" value="${values.from}" />
      </div>
      <div>
        <label for="audit-to">${t('audit.filter.to')}</label>
        <input type="date" id="audit-to" name="to" value="${values.to}" />
      </div>
    </div>
    <p class="hint">${t('audit.filter.hint')}</p>
    <button type="submit">${t('audit.filter.apply')}</button>
    <a class="reset" href="${withLang('/admin/audit', lang)}">${t('audit.filter.reset')}</a>
  </form>`;
  if (!result) {
    // The problems first: the first thing read after the heading, the form to fix them below.
    const body = html`<div class="problems" role="alert">
        <p>${t('audit.filter.problems')}</p>
        <ul>
          ${problems.map((p) => html`<li>${p}</li>`)}
        </ul>
      </div>
      ${form}`;
    return page({
      lang,
      title: t('audit.title'),
      viewer,
      path: query ? `/admin/audit?${query}` : '/admin/audit',
      body,
    });
  }
  const { entries, older, newer } = result;
  const table = entries.length
    ? html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="audit-entries">
        <table>
          <caption id="audit-entries">
            ${t('audit.entries')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('audit.at')}</th>
              <th scope="col">${t('audit.actor')}</th>
              <th scope="col">${t('audit.action')}</th>
              <th scope="col">${t('audit.subject')}</th>
              <th scope="col">${t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            ${entries.map(
              (e) =>
                html`<tr>
                  <th scope="row"><time datetime="${e.at}">${formatDateTime(e.at, lang)}</time></th>
                  <td>${e.actor}</td>
                  <td>${auditActionName(e.action, lang)}</td>
                  <td>${e.subject ?? ''}</td>
                  <td>${e.details === null ? '' : JSON.stringify(e.details)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`
    : html`<p role="status">${t('audit.none')}</p>`;
  const paging =
    newer !== null || older !== null
      ? html`<nav aria-label="${t('audit.paging')}">
          <ul class="links">
            ${newer !== null ? html`<li><a href="${link('/admin/audit', `after=${newer}`)}">${t('audit.newer')}</a></li>` : ''}
            ${older !== null ? html`<li><a href="${link('/admin/audit', `before=${older}`)}">${t('audit.older')}</a></li>` : ''}
          </ul>
        </nav>`
      : '';
  const body = html`${form}
    <p><a href="${link('/admin/audit.csv')}" download>${t('audit.csvLink')}</a></p>
    ${table}${paging}`;
  return page({
    lang,
    title: t('audit.title'),
    viewer,
    path: query ? `/admin/audit?${query}` : '/admin/audit',
    body,
  });
}

export function privacyPage(lang: Lang, viewer: Viewer): string {
  const t = adminT(lang);
  const body = html`<p>${t('privacy.intro')}</p>
    <form method="post" action="/admin/privacy">
      ${csrfField(viewer)}${langField(lang)} <label for="subject-email">${t('privacy.email')}</label
      ><input type="email" id="subject-email" name="email" autocomplete="off" required />
      <button type="submit">${t('privacy.submit')}</button>
    </form>`;
  return page({ lang, title: t('privacy.title'), viewer, path: '/admin/privacy', body });
}
