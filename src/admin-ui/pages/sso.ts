/** The pages of single sign-on: on the way in, and what went wrong. */
import type { SsoFailure } from '../../accounts/oidc/sso-login.ts';
import type { Lang } from '../../core/instrument/types.ts';
import { adminT } from '../../i18n/admin.ts';
import { html } from '../../reports/organisation/html/escape.ts';
import { page, withLang } from '../layout.ts';

/**
 * Logged in: the browser goes on to `next` from this page. A redirect straight from the
 * callback would still count as started by the provider's site, and the SameSite=Strict
 * session cookie would not go with it; a navigation from our own page does.
 */
export function ssoDonePage(lang: Lang, next: string): string {
  const t = adminT(lang);
  return page({
    lang,
    title: t('sso.doneTitle'),
    viewer: null,
    path: '/admin/login/sso/callback',
    refreshTo: next,
    body: html`<p role="status">${t('sso.done')}</p>
      <p><a href="${next}">${t('sso.continue')}</a></p>`,
  });
}

export function ssoFailurePage(lang: Lang, reason: SsoFailure, passwordLogin: boolean): string {
  const t = adminT(lang);
  const retry = reason !== 'unknown-user' && reason !== 'locked';
  return page({
    lang,
    title: t('sso.failedTitle'),
    viewer: null,
    path: '/admin/login/sso/callback',
    body: html`<div class="problems" role="alert"><p>${t(`sso.failure.${reason}`)}</p></div>
      <ul>
        ${retry ? html`<li><a href="${withLang('/admin/login/sso', lang)}">${t('sso.retry')}</a></li>` : ''}
        <li>
          <a href="${withLang('/admin/login', lang)}"
            >${t(passwordLogin ? 'sso.toLoginPage' : 'sso.toStart')}</a
          >
        </li>
      </ul>`,
  });
}

/** HTTP status of each failure: the user's fault, the provider's, or too many tries. */
export const FAILURE_STATUS: Readonly<Record<SsoFailure, number>> = {
  expired: 400,
  state: 400,
  nonce: 400,
  code: 400,
  denied: 403,
  'unknown-user': 403,
  'invalid-response': 502,
  unreachable: 502,
  locked: 429,
};
