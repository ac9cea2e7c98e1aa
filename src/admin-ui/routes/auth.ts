/** Log-in, log-out and setting a password from a one-time link. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { logIn } from '../../accounts/login.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../accounts/password.ts';
import { sessionPolicy } from '../../accounts/policy.ts';
import { setPasswordWithToken } from '../../accounts/users.ts';
import { logOut, logOutEverywhere } from '../../api/auth/logout.ts';
import {
  clearCookie,
  loginCookieName,
  readCookie,
  sessionCookieName,
  setCookie,
} from '../../api/auth/cookies.ts';
import { crossSite } from '../../api/auth/csrf.ts';
import { adminT } from '../../i18n/admin.ts';
import { hashToken, peekPasswordToken } from '../../storage/index.ts';
import { withLang } from '../layout.ts';
import { errorPage, loginPage, passwordPage } from '../pages/auth.ts';
import { ANY_STAFF, form, hidden, langOf, safeNext, see, sendHtml, type AdminContext } from '../respond.ts';

export function authRoutes(app: FastifyInstance, { db }: AdminContext): void {
  const policy = sessionPolicy();
  app.get('/admin/login', { config: { access: 'public' }, schema: hidden }, (request, reply) => {
    const lang = langOf(request);
    const token = randomBytes(32).toString('base64url');
    setCookie(request, reply, loginCookieName(request), token, 3600);
    const query = request.query as { notice?: string; next?: string };
    const notice = query.notice === 'login.loggedOut' ? adminT(lang)('login.loggedOut') : null;
    return sendHtml(reply, loginPage(lang, token, null, notice, '', safeNext(query.next)));
  });

  app.post('/admin/login', { config: { access: 'public' }, schema: hidden }, async (request, reply) => {
    const lang = langOf(request);
    const t = adminT(lang);
    const body = form(request);
    const next = safeNext(body.next);
    const cookie = readCookie(request, loginCookieName(request)) ?? '';
    const presented = body._login ?? '';
    const fresh = () => {
      const token = randomBytes(32).toString('base64url');
      setCookie(request, reply, loginCookieName(request), token, 3600);
      return token;
    };
    const sameToken =
      cookie.length > 0 &&
      cookie.length === presented.length &&
      timingSafeEqual(Buffer.from(cookie), Buffer.from(presented));
    if (crossSite(request) || !sameToken)
      return sendHtml(reply, loginPage(lang, fresh(), t('login.expired'), null, body.email ?? '', next), 403);
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
    await logOut(db, request, reply);
    return see(reply, withLang('/admin/login?notice=login.loggedOut', langOf(request)));
  });

  app.post(
    '/admin/logout-everywhere',
    { config: { access: ANY_STAFF }, schema: hidden },
    async (request, reply) => {
      await logOutEverywhere(db, request, reply);
      return see(reply, withLang('/admin/login?notice=login.loggedOut', langOf(request)));
    },
  );

  // The token is in the path (a link from a mail or the CLI): keep these requests out of the log.
  app.get(
    '/admin/password/:token',
    { config: { access: 'public' }, logLevel: 'warn', schema: hidden },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const live =
        /^[A-Za-z0-9_-]{43}$/.test(token) &&
        (await peekPasswordToken(db, hashToken(token), new Date().toISOString())) !== undefined;
      return sendHtml(
        reply,
        passwordPage(langOf(request), token, [], live ? 'form' : 'invalid'),
        live ? 200 : 404,
      );
    },
  );

  app.post(
    '/admin/password/:token',
    { config: { access: 'public' }, logLevel: 'warn', schema: hidden },
    async (request, reply) => {
      const lang = langOf(request);
      const t = adminT(lang);
      const { token } = request.params as { token: string };
      const body = form(request);
      if (crossSite(request))
        return sendHtml(reply, errorPage(lang, t('password.title'), t('errors.csrf')), 403);
      const password = body.password ?? '';
      if (password !== (body.repeat ?? ''))
        return sendHtml(reply, passwordPage(lang, token, [t('password.mismatch')], 'form'), 422);
      const result = await setPasswordWithToken(db, token, password);
      if (result.ok) return sendHtml(reply, passwordPage(lang, token, [], 'done'));
      if (result.reason === 'invalid-link')
        return sendHtml(reply, passwordPage(lang, token, [], 'invalid'), 404);
      const messages = result.problems.map((p) =>
        t(`password.${p}`, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH }),
      );
      return sendHtml(reply, passwordPage(lang, token, messages, 'form'), 422);
    },
  );
}
