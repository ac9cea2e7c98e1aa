/** The log-in and set-password pages. */
import type { Lang } from '../../core/instrument/types.ts';
import { MIN_PASSWORD_LENGTH } from '../../accounts/password.ts';
import { adminT } from '../../i18n/admin.ts';
import { html } from '../../reports/organisation/html/escape.ts';
import { langField, page, withLang, type Viewer } from '../layout.ts';

/** How staff may log in here (PEJLING_OIDC_*, PEJLING_PASSWORD_LOGIN). */
export interface LoginMethods {
  readonly password: boolean;
  /** Single sign-on is set up: the provider's name on the button, or '' for the generic text. */
  readonly sso: string | null;
  /** After an SSO session's log-out: the provider's own log-out page. */
  readonly endSessionUrl?: string | null;
}

const PASSWORD_ONLY: LoginMethods = { password: true, sso: null };

export function loginPage(
  lang: Lang,
  formToken: string,
  error: string | null,
  notice: string | null,
  email = '',
  next: string | null = null,
  forgot = false,
  methods: LoginMethods = PASSWORD_ONLY,
): string {
  const t = adminT(lang);
  return page({
    lang,
    title: t('login.title'),
    viewer: null,
    path: '/admin/login',
    notice,
    body: html`${error ? html`<div class="problems" role="alert" id="login-error"><p>${error}</p></div>` : ''}
    ${methods.endSessionUrl ? html`<p>${t('sso.stillAtProvider')} <a href="${methods.endSessionUrl}">${t('sso.endSession')}</a></p>` : ''}
    ${methods.sso !== null ? ssoForm(lang, methods.sso, next) : ''}
    ${methods.password ? passwordForm(lang, formToken, error, email, next, forgot, methods.sso !== null) : ''}`,
  });
}

/**
 * A link, not a form: the start redirects to the provider, and the pages' CSP (`form-action
 * 'self'`) rightly stops a form submission from ending up at another site.
 */
function ssoForm(lang: Lang, label: string, next: string | null) {
  const t = adminT(lang);
  const href = withLang(
    next ? `/admin/login/sso?next=${encodeURIComponent(next)}` : '/admin/login/sso',
    lang,
  );
  return html`<p>
    <a class="sso-button" href="${href}"
      >${label ? t('sso.buttonNamed', { name: label }) : t('sso.button')}</a
    >
  </p>`;
}

function passwordForm(
  lang: Lang,
  formToken: string,
  error: string | null,
  email: string,
  next: string | null,
  forgot: boolean,
  besideSso: boolean,
) {
  const t = adminT(lang);
  return html`${besideSso ? html`<h2>${t('sso.orPassword')}</h2>` : ''}
    <form method="post" action="/admin/login" novalidate>
      <input type="hidden" name="_login" value="${formToken}" />${langField(lang)}${
        next ? html`<input type="hidden" name="next" value="${next}" />` : ''
      }
      <label for="email">${t('login.email')}</label>
      <input
        type="email"
        id="email"
        name="email"
        autocomplete="username"
        required
        value="${email}"
        ${error ? html` aria-describedby="login-error"` : ''}
      />
      <label for="password">${t('login.password')}</label>
      <input type="password" id="password" name="password" autocomplete="current-password" required />
      <button type="submit">${t('login.submit')}</button>
    </form>
    ${forgot ? html`<p><a href="${withLang('/admin/forgot-password', lang)}">${t('forgot.link')}</a></p>` : ''}`;
}

/** "Forgot password": an address, and the same answer for every address. */
export function forgotPage(lang: Lang, formToken: string, state: 'form' | 'sent' | 'expired'): string {
  const t = adminT(lang);
  const body =
    state === 'sent'
      ? html`<p class="notice" role="status">${t('forgot.sent')}</p>
          <p><a href="${withLang('/admin/login', lang)}">${t('login.title')}</a></p>`
      : html`${state === 'expired' ? html`<div class="problems" role="alert"><p>${t('login.expired')}</p></div>` : ''}
          <p id="forgot-hint">${t('forgot.intro')}</p>
          <form method="post" action="/admin/forgot-password" novalidate>
            <input type="hidden" name="_login" value="${formToken}" />${langField(lang)}
            <label for="email">${t('login.email')}</label>
            <input
              type="email"
              id="email"
              name="email"
              autocomplete="username"
              required
              aria-describedby="forgot-hint"
            />
            <button type="submit">${t('forgot.submit')}</button>
          </form>`;
  return page({ lang, title: t('forgot.title'), viewer: null, path: '/admin/forgot-password', body });
}

export const setPasswordPath = (token: string) => `/admin/set-password/${token}`;

export function passwordPage(
  lang: Lang,
  token: string,
  errors: string[],
  state: 'form' | 'invalid' | 'done',
  purpose: 'invite' | 'reset' = 'invite',
): string {
  const t = adminT(lang);
  const action = setPasswordPath(token);
  const body =
    state === 'invalid'
      ? html`<p class="problems" role="alert">${t('password.invalidLink')}</p>`
      : state === 'done'
        ? html`<p class="notice" role="status">${t('password.done')}</p>
            <p>
              <a href="${withLang('/admin/login', lang)}">${t('login.title')}</a>
            </p>`
        : html`<p id="password-hint">${t('password.intro', { min: MIN_PASSWORD_LENGTH })}</p>
            ${
              errors.length
                ? html`<div class="problems" role="alert" id="password-errors">
                    <ul>
                      ${errors.map((e) => html`<li>${e}</li>`)}
                    </ul>
                  </div>`
                : ''
            }
            <form method="post" action="${action}" novalidate>
              ${langField(lang)}
              <label for="new-password">${t('password.new')}</label>
              <input
                type="password"
                id="new-password"
                name="password"
                autocomplete="new-password"
                required
                minlength="${MIN_PASSWORD_LENGTH}"
                aria-describedby="password-hint${errors.length ? ' password-errors' : ''}"
              />
              <label for="repeat-password">${t('password.repeat')}</label>
              <input
                type="password"
                id="repeat-password"
                name="repeat"
                autocomplete="new-password"
                required
              />
              <button type="submit">${t('password.submit')}</button>
            </form>`;
  const title = t(purpose === 'reset' ? 'password.resetTitle' : 'password.title');
  return page({ lang, title, viewer: null, path: action, body });
}

export function errorPage(lang: Lang, title: string, message: string, viewer: Viewer | null = null): string {
  return page({
    lang,
    title,
    viewer,
    path: '/admin',
    body: html`<p>${message}</p>
      <p><a href="${lang === 'da' ? '/admin' : '/admin?lang=en'}">Pejling</a></p>`,
  });
}
