/**
 * Log-in, log-out and passwords for API clients that use the session cookie (the staff pages
 * use the same functions through forms). Log-in answers the same for an unknown e-mail and a
 * wrong password; a locked account or address gets 429 whatever the password.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { logIn } from '../../accounts/login.ts';
import { MAX_PASSWORD_LENGTH } from '../../accounts/password.ts';
import { sessionPolicy } from '../../accounts/policy.ts';
import { csrfTokenFor } from '../../accounts/sessions.ts';
import { setPasswordWithToken } from '../../accounts/users.ts';
import type { Db } from '../../storage/index.ts';
import { readCookie, sessionCookieName, setCookie } from '../auth/cookies.ts';
import { crossSite, csrfFailure } from '../auth/csrf.ts';
import { sessionOf } from '../auth/session-authenticator.ts';
import { staffOf } from '../auth/staff.ts';
import { logOut, logOutEverywhere } from '../auth/logout.ts';
import { HttpProblem, problemResponses } from '../problem.ts';
import type { AuthSettings } from '../../accounts/oidc/settings.ts';

/** PEJLING_PASSWORD_LOGIN=off: this deployment logs staff in by single sign-on only. */
export const passwordLoginOff = () =>
  new HttpProblem(
    403,
    'password-login-off',
    'Forbidden',
    'Password log-in is turned off here; log in with single sign-on (/admin/login/sso).',
  );

const ANY_STAFF = ['admin', 'analyst', 'org_lead'] as const;

const sessionSchema = z.object({
  email: z.string(),
  role: z.enum(ANY_STAFF),
  csrfToken: z
    .string()
    .nullable()
    .describe('send as x-csrf-token with every state-changing request made with the cookie'),
});

export const adminAuthRoutes: FastifyPluginAsyncZod<{ db: Db; auth?: AuthSettings }> = async (
  app,
  { db, auth },
) => {
  const policy = sessionPolicy();

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail and password; sets the session cookie',
        body: z.object({ email: z.string().max(320), password: z.string().max(MAX_PASSWORD_LENGTH * 4) }),
        response: { 200: sessionSchema, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      if (crossSite(request)) throw csrfFailure();
      if (auth && !auth.passwordLogin) throw passwordLoginOff();
      const result = await logIn(
        db,
        {
          ...request.body,
          address: request.ip,
          presentedSessionId: readCookie(request, sessionCookieName(request)),
        },
        policy,
      );
      if (!result.ok) {
        if (result.reason === 'locked') {
          reply.header('retry-after', '900');
          throw new HttpProblem(
            429,
            'locked',
            'Too many requests',
            'Too many failed log-ins; try again later.',
          );
        }
        throw new HttpProblem(401, 'invalid-credentials', 'Unauthorized', 'The e-mail or password is wrong.');
      }
      setCookie(request, reply, sessionCookieName(request), result.session.id);
      reply.header('cache-control', 'no-store');
      return { email: result.user.email, role: result.user.role, csrfToken: result.session.csrfToken };
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: ['auth'],
        summary: 'Who is logged in, and the CSRF token of the session',
        response: { 200: sessionSchema, ...problemResponses(401) },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const session = sessionOf(request);
      reply.header('cache-control', 'no-store');
      return {
        email: staff.email,
        role: staff.role,
        csrfToken: session ? csrfTokenFor(session.sessionId) : null,
      };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: ['auth'],
        summary: 'End this session',
        response: { 204: z.null(), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await logOut(db, request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout-everywhere',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: ['auth'],
        summary: "End every session of the caller's account",
        response: { 200: z.object({ ended: z.number().int() }), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const ended = await logOutEverywhere(db, request, reply);
      return { ended };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'public' },
      // The token is in the body, never the URL; still, keep this route's request lines out of the log.
      logLevel: 'warn',
      schema: {
        tags: ['auth'],
        summary: 'Set a password with a one-time link token',
        body: z.object({ token: z.string().max(100), password: z.string().max(MAX_PASSWORD_LENGTH * 4) }),
        response: { 204: z.null(), ...problemResponses(400, 404, 422) },
      },
    },
    async (request, reply) => {
      const result = await setPasswordWithToken(db, request.body.token, request.body.password);
      if (!result.ok && result.reason === 'invalid-link')
        throw new HttpProblem(404, 'not-found', 'Not found', 'The link does not work (any more).');
      if (!result.ok && result.reason === 'weak') {
        throw new HttpProblem(
          422,
          'weak-password',
          'Unprocessable content',
          'The password is not acceptable.',
          result.problems.map((p) => ({
            in: 'body' as const,
            field: 'password',
            path: ['password'],
            message: p,
            code: p,
          })),
        );
      }
      return reply.code(204).send(null);
    },
  );
};
