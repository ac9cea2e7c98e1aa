/**
 * Single sign-on (OpenID Connect): the start, which sends the browser to the provider, and
 * the callback it comes back to. Both exist only where PEJLING_OIDC_* is set. The callback's
 * URL carries the code and state, so its request line stays out of the log (`logLevel`), and
 * request-path.ts redacts them wherever a URL is logged.
 */
import type { FastifyInstance } from 'fastify';
import { sessionPolicy } from '../../accounts/policy.ts';
import { finishSsoLogin, SSO_LOGIN_MS, startSsoLogin } from '../../accounts/oidc/sso-login.ts';
import {
  clearCookie,
  loginCookieName,
  readCookie,
  sessionCookieName,
  setCookie,
  ssoCookieName,
} from '../../api/auth/cookies.ts';
import { HttpProblem } from '../../api/problem.ts';
import type { Lang } from '../../core/instrument/types.ts';
import { withLang } from '../layout.ts';
import { FAILURE_STATUS, ssoDonePage, ssoFailurePage } from '../pages/sso.ts';
import { hidden, langOf, safeNext, see, sendHtml, type AdminContext } from '../respond.ts';

export function ssoRoutes(app: FastifyInstance, { db, auth }: AdminContext): void {
  const policy = sessionPolicy();
  const settings = () => {
    if (!auth.oidc) throw new HttpProblem(404, 'not-found', 'Not found', 'Single sign-on is not set up.');
    return auth.oidc;
  };

  app.get('/admin/login/sso', { config: { access: 'public' }, schema: hidden }, async (request, reply) => {
    const oidc = settings();
    const lang = langOf(request);
    const next = safeNext((request.query as { next?: string }).next);
    const started = await startSsoLogin(db, oidc, { next, lang, address: request.ip });
    if (!started.ok)
      return sendHtml(
        reply,
        ssoFailurePage(lang, started.reason, auth.passwordLogin),
        FAILURE_STATUS[started.reason],
      );
    setCookie(request, reply, ssoCookieName(request), started.binding, SSO_LOGIN_MS / 1000, 'lax');
    return see(reply, started.url.href);
  });

  app.get(
    '/admin/login/sso/callback',
    { config: { access: 'public' }, logLevel: 'warn', schema: hidden },
    async (request, reply) => {
      const oidc = settings();
      // The registered redirect URL, not the Host header: the code is bound to it.
      const callbackUrl = new URL(request.url, oidc.redirectUrl);
      const result = await finishSsoLogin(
        db,
        oidc,
        {
          binding: readCookie(request, ssoCookieName(request)),
          callbackUrl,
          address: request.ip,
          presentedSessionId: readCookie(request, sessionCookieName(request)),
        },
        policy,
      );
      clearCookie(request, reply, ssoCookieName(request), 'lax');
      if (!result.ok) {
        const lang = (result.lang as Lang | null) ?? langOf(request);
        return sendHtml(
          reply,
          ssoFailurePage(lang, result.reason, auth.passwordLogin),
          FAILURE_STATUS[result.reason],
        );
      }
      const lang = result.lang === 'en' ? 'en' : 'da';
      clearCookie(request, reply, loginCookieName(request));
      setCookie(request, reply, sessionCookieName(request), result.session.id);
      return sendHtml(reply, ssoDonePage(lang, result.next ?? withLang('/admin', lang)));
    },
  );
}
