/**
 * Access control. Every route declares who may call it in `config.access`; a route without a
 * declaration fails at registration, so nothing is ever unprotected by omission. One onRequest
 * hook enforces the declarations:
 *
 * - `'public'`: anyone;
 * - `'respondent'`: the invitation token in the URL (`:token`); unknown tokens and tokens of
 *   closed rounds get the same 404, so a guess learns nothing;
 * - a list of staff roles: a staff credential (today an API bearer token; a session cookie
 *   can be added as another authenticator) whose user has one of the roles.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findRespondentByToken, type Db, type RespondentContext, type UserRole } from '../storage/index.ts';
import { USER_ROLES as STORED_ROLES } from '../storage/schema.ts';
import { findStaffByApiToken, type StaffIdentity } from './data/api-tokens.ts';
import { HttpProblem, notFound } from './problem.ts';

export type Access = 'public' | 'respondent' | readonly UserRole[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** Set on staff routes: who is calling. */
    staff: StaffIdentity | null;
    /** Set on respondent routes: whose invitation the token is. */
    respondent: RespondentContext | null;
  }
}

/**
 * A way for staff to prove who they are. `undefined`: no credential of this kind was
 * presented (try the next authenticator); `null`: one was presented and is not valid.
 */
export interface StaffAuthenticator {
  readonly name: string;
  authenticate(request: FastifyRequest): Promise<StaffIdentity | null | undefined>;
}

export function bearerTokenAuthenticator(db: Db): StaffAuthenticator {
  return {
    name: 'bearer',
    async authenticate(request) {
      const header = request.headers.authorization;
      if (header === undefined) return undefined;
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) return null;
      return (await findStaffByApiToken(db, match[1]!)) ?? null;
    },
  };
}

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
  /** Left out of the OpenAPI document (`schema.hide`), e.g. the web survey's static files. */
  readonly hidden: boolean;
}

export function checkAccessDeclaration(method: string, url: string, access: unknown): Access {
  const where = `${method} ${url}`;
  if (access === 'public' || access === 'respondent') {
    if (access === 'respondent' && !url.includes(':token')) {
      throw new Error(`${where}: a respondent route must carry the invitation token as :token`);
    }
    return access;
  }
  if (
    Array.isArray(access) &&
    access.length > 0 &&
    access.every((r) => STORED_ROLES.includes(r as UserRole))
  ) {
    return access as readonly UserRole[];
  }
  throw new Error(
    `${where} does not declare config.access ('public', 'respondent' or a list of roles); ` +
      'every route must say who may call it',
  );
}

export function installAccessControl(
  app: FastifyInstance,
  db: Db,
  authenticators: readonly StaffAuthenticator[],
): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.decorateRequest('staff', null);
  app.decorateRequest('respondent', null);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = checkAccessDeclaration(methods.join(','), route.url, route.config?.access);
    const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
    for (const method of methods) routes.push({ method, url: route.url, access, hidden });
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (access === 'public') return;
    if (access === 'respondent') {
      const token = (request.params as { token?: string }).token ?? '';
      const context = await findRespondentByToken(db, token);
      if (!context || context.round.status === 'closed') throw notFound();
      request.respondent = context;
      return;
    }
    if (!Array.isArray(access)) throw new Error('route without access declaration'); // unreachable: onRoute

    let identity: StaffIdentity | null | undefined;
    for (const authenticator of authenticators) {
      identity = await authenticator.authenticate(request);
      if (identity !== undefined) break;
    }
    if (!identity) {
      reply.header('www-authenticate', 'Bearer realm="pejling"');
      throw new HttpProblem(
        401,
        'unauthenticated',
        'Unauthorized',
        identity === null
          ? 'The credentials are not valid.'
          : 'This endpoint needs an API token (Authorization: Bearer …).',
      );
    }
    if (!access.includes(identity.role)) {
      throw new HttpProblem(403, 'forbidden', 'Forbidden', `Role ${identity.role} may not do this.`);
    }
    request.staff = identity;
  });
  return routes;
}
