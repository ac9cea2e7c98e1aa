/** The invitee list of a round, one invitee's page, and the confirmation before removing one. */
import type { TFunction } from 'i18next';
import type { RoleItem } from '../../core/instrument/role-item.ts';
import { SECTORS } from '../../core/exchange/types.ts';
import type { Lang } from '../../core/instrument/types.ts';
import { adminT } from '../../i18n/admin.ts';
import { formatDateTime } from '../../i18n/dates.ts';
import { localize } from '../../i18n/i18n.ts';
import { html, type SafeHtml } from '../../reports/organisation/html/escape.ts';
import {
  INVITEE_STATUSES,
  type InviteeFilter,
  type InviteeListRow,
  type InviteePage,
  type Round,
} from '../../storage/index.ts';
import { csrfField, langField, page, withLang, type Viewer } from '../layout.ts';

export const inviteesPath = (round: Round) => `/admin/rounds/${encodeURIComponent(round.name)}/invitees`;
export const inviteePath = (round: Round, id: number) => `${inviteesPath(round)}/${id}`;

/** The filters (and page) as a query string, for the pages' links. */
function query(filter: InviteeFilter, page?: number): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'sector', 'organisation', 'email'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (page && page > 1) params.set('page', String(page));
  const q = params.toString();
  return q ? `?${q}` : '';
}

export function roleText(role: string | null, roleItem: RoleItem | null, lang: Lang): string {
  if (role === null) return '';
  const label = roleItem?.labels[role];
  return label ? localize(label, lang) : role;
}

function lastMailText(t: TFunction, invitee: InviteeListRow, lang: Lang): string {
  const m = invitee.lastMail;
  if (!m) return '–';
  return t('invitees.mailLine', {
    kind: t(`invitees.mailKind.${m.kind}`),
    outcome: t(`invitees.mailOutcome.${m.outcome}`),
    at: formatDateTime(m.at, lang),
  });
}

export function problemList(t: TFunction, problems: readonly string[]): SafeHtml {
  return problems.length
    ? html`<div class="problems" role="alert">
        <h2>${t('errors.title', { count: problems.length })}</h2>
        <ul>
          ${problems.map((p) => html`<li>${p}</li>`)}
        </ul>
      </div>`
    : html``;
}

export interface InviteeListInput {
  readonly round: Round;
  readonly filter: InviteeFilter;
  readonly page: number;
  readonly perPage: number;
  readonly found: InviteePage;
  readonly roleItem: RoleItem | null;
  readonly notice: string | null;
}

export function inviteeListPage(lang: Lang, viewer: Viewer, input: InviteeListInput): string {
  const t = adminT(lang);
  const { round, filter, found } = input;
  const base = inviteesPath(round);
  const pages = Math.max(1, Math.ceil(found.total / input.perPage));
  const statusOptions = INVITEE_STATUSES.map(
    (s) =>
      html`<option value="${s}" ${filter.status === s ? html` selected` : ''}>
        ${t(`invitees.status.${s}`)} (${found.counts[s]})
      </option>`,
  );
  const all = INVITEE_STATUSES.reduce((n, s) => n + found.counts[s], 0);
  const body = html`<p>
      <a href="${withLang(`/admin/rounds/${encodeURIComponent(round.name)}`, lang)}">${t('invitees.back')}</a>
    </p>
    <section aria-labelledby="invitee-counts">
      <h2 id="invitee-counts">${t('invitees.counts')}</h2>
      <ul class="counts">
        <li>
          <a href="${withLang(`${base}${query({ ...filter, status: undefined })}`, lang)}"
            >${t('invitees.all')}: ${all}</a
          >
        </li>
        ${INVITEE_STATUSES.map(
          (s) =>
            html`<li>
              <a
                href="${withLang(`${base}${query({ ...filter, status: s })}`, lang)}"
                ${filter.status === s ? html` aria-current="true"` : ''}
                >${t(`invitees.status.${s}`)}: ${found.counts[s]}</a
              >
            </li>`,
        )}
      </ul>
    </section>
    <form method="get" action="${base}" role="search" aria-label="${t('invitees.filter')}">
      ${lang === 'da' ? '' : langField(lang)}
      <label for="filter-status">${t('invitees.statusCol')}</label
      ><select id="filter-status" name="status">
        <option value="">${t('invitees.any')}</option>
        ${statusOptions}
      </select>
      <label for="filter-sector">${t('round.sector')}</label
      ><select id="filter-sector" name="sector">
        <option value="">${t('invitees.any')}</option>
        ${SECTORS.map(
          (s) =>
            html`<option value="${s}" ${filter.sector === s ? html` selected` : ''}>
              ${t(`sector.sectors.${s}`, { defaultValue: s })}
            </option>`,
        )}
      </select>
      <label for="filter-organisation">${t('round.organisation')}</label
      ><input
        type="search"
        id="filter-organisation"
        name="organisation"
        value="${filter.organisation ?? ''}"
      />
      <label for="filter-email">${t('invitees.email')}</label
      ><input type="search" id="filter-email" name="email" value="${filter.email ?? ''}" />
      <button type="submit">${t('invitees.filterSubmit')}</button>
      <a href="${withLang(base, lang)}">${t('invitees.clear')}</a>
    </form>
    ${
      found.invitees.length === 0
        ? html`<p>${t('invitees.none')}</p>`
        : html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="invitee-list">
            <table>
              <caption id="invitee-list">
                ${t('invitees.caption', { from: (input.page - 1) * input.perPage + 1, to: (input.page - 1) * input.perPage + found.invitees.length, total: found.total })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('round.organisation')}</th>
                  <th scope="col">${t('round.sector')}</th>
                  <th scope="col">${t('invitees.role')}</th>
                  <th scope="col">${t('invitees.email')}</th>
                  <th scope="col">${t('invitees.statusCol')}</th>
                  <th scope="col">${t('invitees.lastMail')}</th>
                  <th scope="col">${t('invitees.actions')}</th>
                </tr>
              </thead>
              <tbody>
                ${found.invitees.map(
                  (i) =>
                    html`<tr>
                      <th scope="row">${i.organisation}</th>
                      <td>${t(`sector.sectors.${i.sector}`, { defaultValue: i.sector })}</td>
                      <td>${roleText(i.role, input.roleItem, lang)}</td>
                      <td>${i.email ?? '–'}</td>
                      <td>${t(`invitees.status.${i.status}`)}</td>
                      <td>${lastMailText(t, i, lang)}</td>
                      <td>
                        <a
                          href="${withLang(inviteePath(round, i.respondentId), lang)}"
                          aria-label="${t('invitees.openLabel', { who: i.email ?? i.externalId, organisation: i.organisation })}"
                          >${t('invitees.open')}</a
                        >
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    ${
      pages > 1
        ? html`<nav aria-label="${t('invitees.pages')}">
            <p>
              ${input.page > 1 ? html`<a href="${withLang(`${base}${query(filter, input.page - 1)}`, lang)}" rel="prev">${t('invitees.previous')}</a>` : ''}
              ${t('invitees.pageOf', { page: input.page, pages })}
              ${input.page < pages ? html`<a href="${withLang(`${base}${query(filter, input.page + 1)}`, lang)}" rel="next">${t('invitees.next')}</a>` : ''}
            </p>
          </nav>`
        : ''
    }`;
  return page({
    lang,
    title: t('invitees.title', { round: localize(round.title, lang) }),
    viewer,
    path: `${base}${query(filter, input.page)}`,
    body,
    notice: input.notice,
  });
}

export interface InviteePageInput {
  readonly round: Round;
  readonly invitee: InviteeListRow;
  readonly roleItem: RoleItem | null;
  readonly smtp: boolean;
  /** What was typed, when the form comes back with problems. */
  readonly values?: { readonly email: string; readonly role: string };
  readonly problems: readonly string[];
  readonly notice: string | null;
}

export function inviteePage(lang: Lang, viewer: Viewer, input: InviteePageInput): string {
  const t = adminT(lang);
  const { round, invitee, roleItem } = input;
  const path = inviteePath(round, invitee.respondentId);
  const values = input.values ?? { email: invitee.email ?? '', role: invitee.role ?? '' };
  const open = round.status !== 'closed';
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang) : '–');
  const roleField = roleItem
    ? html`<select id="invitee-role" name="role">
        <option value="">${t('invitees.noRole')}</option>
        ${roleItem.codes.map(
          (c) =>
            html`<option value="${c}" ${values.role === c ? html` selected` : ''}>
              ${roleText(c, roleItem, lang)}
            </option>`,
        )}
      </select>`
    : html`<input type="text" id="invitee-role" name="role" value="${values.role}" maxlength="64" />`;
  const body = html`<p><a href="${withLang(inviteesPath(round), lang)}">${t('invitees.backToList')}</a></p>
    ${problemList(t, input.problems)}
    <dl class="facts">
      <dt>${t('round.organisation')}</dt>
      <dd>
        ${invitee.organisation} (${t(`sector.sectors.${invitee.sector}`, { defaultValue: invitee.sector })})
      </dd>
      <dt>${t('invitees.respondent')}</dt>
      <dd>${invitee.externalId}</dd>
      <dt>${t('invitees.email')}</dt>
      <dd>${invitee.email ?? '–'}</dd>
      <dt>${t('invitees.role')}</dt>
      <dd>${roleText(invitee.role, roleItem, lang) || '–'}</dd>
      <dt>${t('invitees.statusCol')}</dt>
      <dd>${t(`invitees.status.${invitee.status}`)}</dd>
      <dt>${t('invitees.link')}</dt>
      <dd>${t(invitee.hasLink ? 'invitees.hasLink' : 'invitees.noLink')}</dd>
      <dt>${t('invitees.opened')}</dt>
      <dd>
        ${invitee.firstOpenedAt ? t('invitees.openedAt', { first: when(invitee.firstOpenedAt), last: when(invitee.lastOpenedAt) }) : '–'}
      </dd>
      <dt>${t('invitees.lastMail')}</dt>
      <dd>${lastMailText(t, invitee, lang)}</dd>
    </dl>
    ${
      open
        ? html`<section aria-labelledby="correct">
              <h2 id="correct">${t('invitees.correct')}</h2>
              <p class="hint">${t('invitees.correctNote')}</p>
              <form method="post" action="${path}" novalidate>
                ${csrfField(viewer)}${langField(lang)}
                <label for="invitee-email">${t('invitees.email')}</label
                ><input
                  type="email"
                  id="invitee-email"
                  name="email"
                  value="${values.email}"
                  autocomplete="off"
                  required
                />
                <label for="invitee-role">${t('invitees.role')}</label>${roleField}
                <input type="checkbox" id="keep-links" name="keep_links" value="1" /><label
                  class="option"
                  for="keep-links"
                  >${t('invitees.keepLinks')}</label
                >
                <input type="checkbox" id="revoke" name="revoke" value="1" /><label
                  class="option"
                  for="revoke"
                  >${t('invitees.revoke')}</label
                >
                <button type="submit">${t('invitees.save')}</button>
              </form>
            </section>
            <section aria-labelledby="resend">
              <h2 id="resend">${t('invitees.resend')}</h2>
              ${
                !input.smtp
                  ? html`<p class="hint">${t('round.noSmtp')}</p>`
                  : !invitee.email
                    ? html`<p class="hint">${t('invitees.noEmail')}</p>`
                    : html`<p class="hint">${t('invitees.resendNote')}</p>
                        <form method="post" action="${path}/resend">
                          ${csrfField(viewer)}${langField(lang)}
                          <input type="checkbox" id="new-link" name="new_link" value="1" /><label
                            class="option"
                            for="new-link"
                            >${t('invitees.newLink')}</label
                          >
                          <button type="submit">${t('invitees.resendSubmit')}</button>
                        </form>`
              }
            </section>
            <section aria-labelledby="remove">
              <h2 id="remove">${t('invitees.remove')}</h2>
              ${
                invitee.status === 'submitted'
                  ? html`<p>${t('invitees.cannotRemove')}</p>`
                  : html`<p><a href="${withLang(`${path}/remove`, lang)}">${t('invitees.removeLink')}</a></p>`
              }
            </section>`
        : html`<p>${t('invitees.closed')}</p>`
    }`;
  return page({
    lang,
    title: t('invitees.one', { who: invitee.email ?? invitee.externalId }),
    viewer,
    path,
    body,
    notice: input.notice,
  });
}

export function removePage(lang: Lang, viewer: Viewer, round: Round, invitee: InviteeListRow): string {
  const t = adminT(lang);
  const path = inviteePath(round, invitee.respondentId);
  const who = invitee.email ?? invitee.externalId;
  const body = html`<p class="break-anywhere">
      ${t('invitees.removeWhat', { who, organisation: invitee.organisation })}
    </p>
    <p>${t(invitee.status === 'draft' ? 'invitees.removeDraft' : 'invitees.removeNoDraft')}</p>
    <form method="post" action="${path}/remove">
      ${csrfField(viewer)}${langField(lang)}
      <input type="hidden" name="confirm" value="yes" />
      <button type="submit">${t('invitees.removeSubmit')}</button>
    </form>
    <p><a href="${withLang(path, lang)}">${t('invitees.cancel')}</a></p>`;
  return page({ lang, title: t('invitees.removeTitle', { who }), viewer, path: `${path}/remove`, body });
}
