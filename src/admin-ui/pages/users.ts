/** The administrator's users page: who has access, inviting, and one user's page. */
import type { TFunction } from 'i18next';
import { userStatus } from '../../accounts/user-admin.ts';
import type { Lang } from '../../core/instrument/types.ts';
import { adminT } from '../../i18n/admin.ts';
import { formatDateTime } from '../../i18n/dates.ts';
import { html, type SafeHtml } from '../../reports/organisation/html/escape.ts';
import { USER_ROLES, type OrganisationChoice, type User } from '../../storage/index.ts';
import { csrfField, langField, page, withLang, type Viewer } from '../layout.ts';

export const usersPath = '/admin/users';
export const userPath = (id: number) => `/admin/users/${id}`;

/** A link that works once, shown on the page that made it (and never again). */
export interface ShownLink {
  readonly email: string;
  readonly link: string;
  readonly expiresAt: string;
  /** Why it is shown rather than mailed. */
  readonly reason: 'no-mail' | 'mail-failed';
}

export interface InviteValues {
  readonly email?: string;
  readonly role?: string;
  readonly organisation?: string;
}

function problemList(t: TFunction, problems: readonly string[]): SafeHtml {
  return problems.length
    ? html`<div class="problems" role="alert">
        <h2>${t('errors.title', { count: problems.length })}</h2>
        <ul>
          ${problems.map((p) => html`<li>${p}</li>`)}
        </ul>
      </div>`
    : html``;
}

function shownLink(t: TFunction, lang: Lang, shown: ShownLink | null): SafeHtml {
  if (!shown) return html``;
  return html`<section class="once" aria-labelledby="once-h">
    <h2 id="once-h">${t('users.once.title', { email: shown.email })}</h2>
    <p>${t(shown.reason === 'no-mail' ? 'users.once.noMail' : 'users.once.mailFailed')}</p>
    <p><code id="once-link">${shown.link}</code></p>
    <p>
      ${t('users.once.expires', { date: formatDateTime(shown.expiresAt, lang) })} ${t('users.once.never')}
    </p>
  </section>`;
}

function roleAndOrganisation(
  t: TFunction,
  prefix: string,
  organisations: readonly OrganisationChoice[],
  role: string,
  organisation: string,
): SafeHtml {
  return html`<label for="${prefix}-role">${t('users.role')}</label>
    <select id="${prefix}-role" name="role">
      ${USER_ROLES.map(
        (r) => html`<option value="${r}" ${role === r ? html` selected` : ''}>${t(`roles.${r}`)}</option>`,
      )}
    </select>
    <label for="${prefix}-organisation">${t('users.organisation')}</label>
    <select id="${prefix}-organisation" name="organisation" aria-describedby="${prefix}-organisation-hint">
      <option value="">${t('users.noOrganisation')}</option>
      ${organisations.map(
        (o) =>
          html`<option value="${String(o.id)}" ${organisation === String(o.id) ? html` selected` : ''}>
            ${o.name}
          </option>`,
      )}
    </select>
    <p class="hint" id="${prefix}-organisation-hint">${t('users.organisationHint')}</p>`;
}

function lastLogin(t: TFunction, lang: Lang, user: User): SafeHtml {
  return user.lastLoginAt
    ? html`<time datetime="${user.lastLoginAt}">${formatDateTime(user.lastLoginAt, lang)}</time>`
    : html`${t('users.never')}`;
}

export interface UsersPageInput {
  readonly users: readonly User[];
  readonly organisations: readonly OrganisationChoice[];
  readonly mail: boolean;
  readonly values?: InviteValues;
  readonly problems?: readonly string[];
  readonly shown?: ShownLink | null;
  readonly notice?: string | null;
}

export function usersPage(lang: Lang, viewer: Viewer, input: UsersPageInput): string {
  const t = adminT(lang);
  const names = new Map(input.organisations.map((o) => [o.id, o.name]));
  const values = input.values ?? {};
  const body = html`${problemList(t, input.problems ?? [])}${shownLink(t, lang, input.shown ?? null)}
    <section aria-labelledby="invite-h">
      <h2 id="invite-h">${t('users.invite')}</h2>
      <p>${t(input.mail ? 'users.inviteMail' : 'users.inviteNoMail')}</p>
      <form method="post" action="${usersPath}" novalidate>
        ${csrfField(viewer)}${langField(lang)}
        <label for="invite-email">${t('users.email')}</label>
        <input
          type="email"
          id="invite-email"
          name="email"
          autocomplete="off"
          required
          value="${values.email ?? ''}"
        />
        ${roleAndOrganisation(t, 'invite', input.organisations, values.role ?? 'analyst', values.organisation ?? '')}
        <button type="submit">${t('users.inviteSubmit')}</button>
      </form>
    </section>
    <section aria-labelledby="users-h">
      <h2 id="users-h">${t('users.list')}</h2>
      <div class="table-wrap" role="region" tabindex="0" aria-labelledby="users-caption">
        <table>
          <caption id="users-caption">
            ${t('users.list')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('users.email')}</th>
              <th scope="col">${t('users.role')}</th>
              <th scope="col">${t('users.organisation')}</th>
              <th scope="col">${t('users.status')}</th>
              <th scope="col">${t('users.lastLogin')}</th>
            </tr>
          </thead>
          <tbody>
            ${input.users.map(
              (u) =>
                html`<tr>
                  <th scope="row"><a href="${withLang(userPath(u.id), lang)}">${u.email}</a></th>
                  <td>${t(`roles.${u.role}`)}</td>
                  <td>${u.organisationId === null ? '–' : (names.get(u.organisationId) ?? '–')}</td>
                  <td>${t(`users.statuses.${userStatus(u)}`)}</td>
                  <td>${lastLogin(t, lang, u)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  return page({ lang, title: t('users.title'), viewer, path: usersPath, notice: input.notice ?? null, body });
}

export interface UserPageInput {
  readonly user: User;
  readonly organisations: readonly OrganisationChoice[];
  readonly self: boolean;
  readonly mail: boolean;
  readonly problems?: readonly string[];
  readonly shown?: ShownLink | null;
  readonly notice?: string | null;
}

export function userPage(lang: Lang, viewer: Viewer, input: UserPageInput): string {
  const t = adminT(lang);
  const { user } = input;
  const path = userPath(user.id);
  const status = userStatus(user);
  const organisation = input.organisations.find((o) => o.id === user.organisationId)?.name ?? '–';
  const body = html`${problemList(t, input.problems ?? [])}${shownLink(t, lang, input.shown ?? null)}
    <dl class="facts">
      <dt>${t('users.role')}</dt>
      <dd>${t(`roles.${user.role}`)}</dd>
      <dt>${t('users.organisation')}</dt>
      <dd>${organisation}</dd>
      <dt>${t('users.status')}</dt>
      <dd>${t(`users.statuses.${status}`)}</dd>
      <dt>${t('users.created')}</dt>
      <dd><time datetime="${user.createdAt}">${formatDateTime(user.createdAt, lang)}</time></dd>
      <dt>${t('users.lastLogin')}</dt>
      <dd>${lastLogin(t, lang, user)}</dd>
    </dl>
    ${
      input.self
        ? html`<p>${t('users.selfNote')}</p>`
        : html`<section aria-labelledby="access-h">
              <h2 id="access-h">${t('users.access')}</h2>
              <form method="post" action="${path}" novalidate>
                ${csrfField(viewer)}${langField(lang)}
                ${roleAndOrganisation(
                  t,
                  'user',
                  input.organisations,
                  user.role,
                  user.organisationId === null ? '' : String(user.organisationId),
                )}
                <p class="hint">${t('users.accessNote')}</p>
                <button type="submit">${t('users.save')}</button>
              </form>
            </section>
            <section aria-labelledby="reinvite-h">
              <h2 id="reinvite-h">${t('users.reinvite')}</h2>
              <p>
                ${t(status === 'disabled' ? 'users.reinviteDisabled' : 'users.reinviteNote')}
                ${t(input.mail ? 'users.inviteMail' : 'users.inviteNoMail')}
              </p>
              <form method="post" action="${path}/reinvite">
                ${csrfField(viewer)}${langField(lang)}
                <button type="submit" class="secondary">${t('users.reinviteSubmit')}</button>
              </form>
            </section>
            ${
              status === 'disabled'
                ? ''
                : html`<section aria-labelledby="disable-h">
                    <h2 id="disable-h">${t('users.disable')}</h2>
                    <p>${t('users.disableNote')}</p>
                    <form method="post" action="${path}/disable">
                      ${csrfField(viewer)}${langField(lang)}
                      <button type="submit" class="secondary">
                        ${t('users.disableSubmit', { email: user.email })}
                      </button>
                    </form>
                  </section>`
            }`
    }
    <p><a href="${withLang(usersPath, lang)}">${t('users.back')}</a></p>`;
  return page({ lang, title: user.email, viewer, path, notice: input.notice ?? null, body });
}
