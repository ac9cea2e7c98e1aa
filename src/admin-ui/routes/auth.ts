/** Log-in, log-out and setting a password from a one-time link. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { logIn } from '../../accounts/login.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../accounts/password.ts';
import { sessionPolicy } from '../../accounts/policy.ts';
import { requestPasswordReset } from '../../accounts/password-reset.ts';
import { passwordLinkPurpose, setPasswordWithToken } from '../../accounts/users.ts';
import { HttpProblem } from '../../api/problem.ts';
import {
  accountMail,
  accountMailConfigured,
  sendOneMail,
  setPasswordLink,
} from '../../rounds/mail/account-mail.ts';
import { logOut, logOutEverywhere } from '../../api/auth/logout.ts';
import {
  clearCookie,
  loginCookieName,
  readCookie,
  sessionCookieName,
  setCookie,
} from '../../api/auth/cookies.ts';
import { crossSite } from '../../api/auth/csrf.ts';
import { sessionOf } from '../../api/auth/session-authenticator.ts';
import { adminT } from '../../i18n/admin.ts';
import { withLang } from '../layout.ts';
import { errorPage, forgotPage, loginPage, passwordPage, type LoginMethods } from '../pages/auth.ts';
import { endSessionUrl } from '../../accounts/oidc/provider.ts';
import { ANY_STAFF, form, hidden, langOf, safeNext, see, sendHtml, type AdminContext } from '../respond.ts';

/**
 * The forms used before anyone is logged in (log-in, forgot password) carry a random token that
 * must match a cookie set with the form: another site can neither read nor set it.
 */
function freshLoginToken(request: FastifyRequest, reply: FastifyReply): string {
  const token = randomBytes(32).toString('base64url');
  setCookie(request, reply, loginCookieName(request), token, 3600);
  return token;
}

function loginTokenMatches(request: FastifyRequest, presented: string | undefined): boolean {
  const cookie = readCookie(request, loginCookieName(request)) ?? '';
  const given = presented ?? '';
  return (
    cookie.length > 0 &&
    cookie.length === given.length &&
    timingSafeEqual(Buffer.from(cookie), Buffer.from(given))
  );
}

export function authRoutes(app: FastifyInstance, { db, auth }: AdminContext): void {
  const policy = sessionPolicy();
  const methods = (endSessionUrl: string | null = null): LoginMethods => ({
    password: auth.passwordLogin,
    sso: auth.oidc ? (auth.oidc.label ?? '') : null,
    endSessionUrl,
  });
  const forgotOffered = () => auth.passwordLogin && accountMailConfigured();
  app.get('/admin/login', { config: { access: 'public' }, schema: hidden }, async (request, reply) => {
    const lang = langOf(request);
    const token = freshLoginToken(request, reply);
    const query = request.query as { notice?: string; next?: string; sso?: string };
    const loggedOut = query.notice === 'login.loggedOut';
    const notice = loggedOut ? adminT(lang)('login.loggedOut') : null;
    // After an SSO session ends here, the provider's session lives on: offer its log-out.
    const endSession =
      loggedOut && query.sso === '1' && auth.oidc ? ((await endSessionUrl(auth.oidc))?.href ?? null) : null;
    return sendHtml(
      reply,
      loginPage(lang, token, null, notice, '', safeNext(query.next), forgotOffered(), methods(endSession)),
    );
  });

  app.post('/admin/login', { config: { access: 'public' }, schema: hidden }, async (request, reply) => {
    const lang = langOf(request);
    const t = adminT(lang);
    const body = form(request);
    const next = safeNext(body.next);
    const fresh = () => freshLoginToken(request, reply);
    if (!auth.passwordLogin)
      return sendHtml(
        reply,
        loginPage(lang, '', t('sso.passwordOff'), null, '', next, false, methods()),
        403,
      );
    if (crossSite(request) || !loginTokenMatches(request, body._login))
      return sendHtml(
        reply,
        loginPage(lang, fresh(), t('login.expired'), null, body.email ?? '', next, false, methods()),
        403,
      );
    const result = await logIn(
      db,
      {
        email: (body.email ?? '').slice(0, 320),
        password: (body.password ?? '').slice(0, MAX_PASSWORD_LENGTH * 4),
        address: request.ip,
        presentedSessionId: readCookie(request, sessionCookieName(request)),
      },
      policy,
    );
    if (!result.ok) {
      const status = result.reason === 'locked' ? 429 : 401;
      return sendHtml(
        reply,
        loginPage(
          lang,
          fresh(),
          t(result.reason === 'locked' ? 'login.locked' : 'login.invalid'),
          null,
          body.email ?? '',
          next,
          forgotOffered(),
          methods(),
        ),
        status,
      );
    }
    clearCookie(request, reply, loginCookieName(request));
    setCookie(request, reply, sessionCookieName(request), result.session.id);
    // Back to the page that asked for the log-in (a report link from a mail), else home.
    return see(reply, next ?? withLang('/admin', lang));
  });

  app.post('/admin/logout', { config: { access: ANY_STAFF }, schema: hidden }, async (request, reply) => {
    const { sso } = await logOut(db, request, reply);
    const target = `/admin/login?notice=login.loggedOut${sso && auth.oidc ? '&sso=1' : ''}`;
    return see(reply, withLang(target, langOf(request)));
  });

  app.post(
    '/admin/logout-everywhere',
    { config: { access: ANY_STAFF }, schema: hidden },
    async (request, reply) => {
      const sso = sessionOf(request)?.authMethod === 'oidc' && auth.oidc !== null;
      await logOutEverywhere(db, request, reply);
      return see(
        reply,
        withLang(`/admin/login?notice=login.loggedOut${sso ? '&sso=1' : ''}`, langOf(request)),
      );
    },
  );

  // The token is in the path (a link from a mail, the users page or the CLI): these requests
  // stay out of the log (and request-path.ts redacts the path, http-policy.ts makes it no-store).
  app.get(
    '/admin/set-password/:token',
    { config: { access: 'public' }, logLevel: 'warn', schema: hidden },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const purpose = await passwordLinkPurpose(db, token);
      return sendHtml(
        reply,
        passwordPage(langOf(request), token, [], purpose ? 'form' : 'invalid', purpose),
        purpose ? 200 : 404,
      );
    },
  );

  app.post(
    '/admin/set-password/:token',
    { config: { access: 'public' }, logLevel: 'warn', schema: hidden },
    async (request, reply) => {
      const lang = langOf(request);
      const t = adminT(lang);
      const { token } = request.params as { token: string };
      const body = form(request);
      if (crossSite(request))
        return sendHtml(reply, errorPage(lang, t('password.title'), t('errors.csrf')), 403);
      const purpose = await passwordLinkPurpose(db, token);
      const password = body.password ?? '';
      if (password !== (body.repeat ?? ''))
        return sendHtml(reply, passwordPage(lang, token, [t('password.mismatch')], 'form', purpose), 422);
      const result = await setPasswordWithToken(db, token, password);
      if (result.ok) return sendHtml(reply, passwordPage(lang, token, [], 'done', purpose));
      if (result.reason === 'invalid-link')
        return sendHtml(reply, passwordPage(lang, token, [], 'invalid'), 404);
      const messages = result.problems.map((p) =>
        t(`password.${p}`, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH }),
      );
      return sendHtml(reply, passwordPage(lang, token, messages, 'form', purpose), 422);
    },
  );

  // "Forgot password" exists only where a mail can carry the link.
  const forgotAvailable = () => {
    if (!forgotOffered())
      throw new HttpProblem(404, 'not-found', 'Not found', 'Password reset by mail is not configured.');
  };

  app.get('/admin/forgot-password', { config: { access: 'public' }, schema: hidden }, (request, reply) => {
    forgotAvailable();
    return sendHtml(reply, forgotPage(langOf(request), freshLoginToken(request, reply), 'form'));
  });

  app.post(
    '/admin/forgot-password',
    { config: { access: 'public' }, schema: hidden },
    async (request, reply) => {
      forgotAvailable();
      const lang = langOf(request);
      const body = form(request);
      if (crossSite(request) || !loginTokenMatches(request, body._login))
        return sendHtml(reply, forgotPage(lang, freshLoginToken(request, reply), 'expired'), 403);
      clearCookie(request, reply, loginCookieName(request));
      const issued = await requestPasswordReset(db, { email: body.email ?? '', address: request.ip });
      if (issued) {
        const link = setPasswordLink(issued.token, lang);
        // Not awaited: how long the mail takes must not tell whether the address has an account.
        void sendOneMail(
          accountMail('reset', { to: issued.user.email, link, expiresAt: issued.expiresAt, lang }),
        ).catch((err: unknown) =>
          request.log.warn({ err: { message: (err as Error).message } }, 'password reset mail failed'),
        );
      }
      return sendHtml(reply, forgotPage(lang, '', 'sent'));
    },
  );
}
