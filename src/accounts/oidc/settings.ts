/**
 * Single sign-on settings, from environment variables (README lists them). Nothing is set →
 * no single sign-on, passwords as before. A half-set or wrong configuration stops the start
 * with a message naming the variable: a deployment must not run believing SSO is on.
 */
import { z } from 'zod';
import { USER_ROLES, type UserRole } from '../../storage/index.ts';

/** The callback's path; the redirect URL registered at the provider must end in it. */
export const CALLBACK_PATH = '/admin/login/sso/callback';

export interface GroupRule {
  readonly group: string;
  readonly role: UserRole;
  /** The organisation (by name) of an `org_lead`. */
  readonly organisation?: string | undefined;
}

export interface OidcSettings {
  readonly issuer: URL;
  readonly clientId: string;
  /** Absent: a public client (PKCE alone, no client authentication). */
  readonly clientSecret: string | undefined;
  readonly redirectUrl: URL;
  readonly scope: string;
  /** The claim compared with an account's e-mail address on the first log-in. */
  readonly userClaim: string;
  /** Accept the e-mail claim without `email_verified: true` (a single-tenant provider that owns the domain). */
  readonly trustUnverifiedEmail: boolean;
  /** Where the provider sends the browser after its own log-out. */
  readonly postLogoutUrl: URL;
  /** The provider's name on the log-in button; absent → "your organisation". */
  readonly label: string | undefined;
  /** Creating accounts on first log-in from a group claim: off (empty) unless declared. */
  readonly groupsClaim: string;
  readonly provision: readonly GroupRule[];
}

export interface AuthSettings {
  readonly oidc: OidcSettings | null;
  /** False: password log-in is off for this deployment (SSO only). */
  readonly passwordLogin: boolean;
}

export class AuthConfigError extends Error {
  override name = 'AuthConfigError';
}

const groupRules = z.array(
  z
    .object({
      group: z.string().min(1),
      role: z.enum(USER_ROLES),
      organisation: z.string().min(1).optional(),
    })
    .strict()
    .refine((r) => r.role !== 'org_lead' || r.organisation !== undefined, {
      message: 'an org_lead rule needs "organisation"',
    }),
);

function url(env: NodeJS.ProcessEnv, name: string): URL {
  const value = env[name]?.trim();
  if (!value) throw new AuthConfigError(`${name} is required when PEJLING_OIDC_ISSUER is set.`);
  try {
    return new URL(value);
  } catch {
    throw new AuthConfigError(`${name} is not a valid URL.`);
  }
}

/** Plain HTTP only to the loopback interface (tests, a provider on the same host). */
export const isLoopback = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);

function requireHttps(u: URL, name: string): void {
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u)))
    throw new AuthConfigError(`${name} must be an https:// URL (plain http only on loopback).`);
}

function oidcFromEnv(env: NodeJS.ProcessEnv): OidcSettings | null {
  if (!env.PEJLING_OIDC_ISSUER?.trim()) return null;
  const issuer = url(env, 'PEJLING_OIDC_ISSUER');
  requireHttps(issuer, 'PEJLING_OIDC_ISSUER');
  const clientId = env.PEJLING_OIDC_CLIENT_ID?.trim();
  if (!clientId)
    throw new AuthConfigError('PEJLING_OIDC_CLIENT_ID is required when PEJLING_OIDC_ISSUER is set.');
  const redirectUrl = url(env, 'PEJLING_OIDC_REDIRECT_URL');
  requireHttps(redirectUrl, 'PEJLING_OIDC_REDIRECT_URL');
  if (redirectUrl.pathname !== CALLBACK_PATH || redirectUrl.search)
    throw new AuthConfigError(`PEJLING_OIDC_REDIRECT_URL must be <this server>${CALLBACK_PATH}.`);
  const postLogoutUrl = env.PEJLING_OIDC_POST_LOGOUT_URL?.trim()
    ? url(env, 'PEJLING_OIDC_POST_LOGOUT_URL')
    : new URL('/admin/login?notice=login.loggedOut', redirectUrl);
  let provision: GroupRule[] = [];
  const declared = env.PEJLING_OIDC_PROVISION?.trim();
  if (declared) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(declared);
    } catch {
      throw new AuthConfigError('PEJLING_OIDC_PROVISION is not valid JSON.');
    }
    const result = groupRules.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new AuthConfigError(`PEJLING_OIDC_PROVISION[${issue.path.join('].')}]: ${issue.message}`);
    }
    provision = result.data;
  }
  const userClaim = env.PEJLING_OIDC_USER_CLAIM?.trim() || 'email';
  if (userClaim === 'sub')
    throw new AuthConfigError(
      'PEJLING_OIDC_USER_CLAIM names the e-mail claim of the first log-in; sub is always stored after it.',
    );
  return {
    issuer,
    clientId,
    clientSecret: env.PEJLING_OIDC_CLIENT_SECRET || undefined,
    redirectUrl,
    scope: env.PEJLING_OIDC_SCOPES?.trim() || 'openid email profile',
    userClaim,
    trustUnverifiedEmail: env.PEJLING_OIDC_TRUST_UNVERIFIED_EMAIL === 'true',
    postLogoutUrl,
    label: env.PEJLING_OIDC_LABEL?.trim() || undefined,
    groupsClaim: env.PEJLING_OIDC_GROUPS_CLAIM?.trim() || 'groups',
    provision,
  };
}

export function authSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const oidc = oidcFromEnv(env);
  const mode = env.PEJLING_PASSWORD_LOGIN?.trim() || 'on';
  if (mode !== 'on' && mode !== 'off')
    throw new AuthConfigError('PEJLING_PASSWORD_LOGIN must be "on" or "off".');
  if (mode === 'off' && !oidc)
    throw new AuthConfigError(
      'PEJLING_PASSWORD_LOGIN=off needs single sign-on (PEJLING_OIDC_ISSUER …): nobody could log in.',
    );
  return { oidc, passwordLogin: mode === 'on' };
}
