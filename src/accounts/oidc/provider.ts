/**
 * The identity provider through `openid-client` (certified, maintained, built on
 * oauth4webapi): discovery, the authorisation URL with PKCE (S256), the code exchange with the
 * checks of state, nonce, issuer, audience and signature, the userinfo claims, and the
 * end-session URL. Only the provider's metadata is cached in memory (per issuer and client);
 * nothing about a log-in under way is.
 */
import * as client from 'openid-client';
import { isLoopback, type OidcSettings } from './settings.ts';

/** Why talking to the provider failed, in the words the failure page uses. */
export type ProviderFailure = 'unreachable' | 'code' | 'nonce' | 'state' | 'denied' | 'invalid-response';

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly reason: ProviderFailure,
    /** The provider's error code or the library's — never a token or a claim value. */
    readonly detail: string,
  ) {
    super(`identity provider: ${reason} (${detail})`);
  }
}

const METADATA_MS = 60 * 60_000;
const cache = new Map<string, { at: number; config: Promise<client.Configuration> }>();

function discover(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer.href} ${settings.clientId}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < METADATA_MS) return hit.config;
  const config = client
    .discovery(
      settings.issuer,
      settings.clientId,
      settings.clientSecret,
      settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
      { execute: isLoopback(settings.issuer) ? [client.allowInsecureRequests] : [], timeout: 10 },
    )
    .catch((err: unknown) => {
      cache.delete(key); // a provider down now may be up on the next try
      throw classify(err);
    });
  cache.set(key, { at: Date.now(), config });
  return config;
}

/** The library's errors → a reason; only codes travel on, never response bodies. */
export function classify(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  if (err instanceof client.ResponseBodyError)
    return new ProviderError(err.error === 'invalid_grant' ? 'code' : 'invalid-response', err.error);
  if (err instanceof client.AuthorizationResponseError)
    return new ProviderError(err.error === 'access_denied' ? 'denied' : 'invalid-response', err.error);
  const e = err as { code?: unknown; cause?: unknown; name?: unknown };
  const code = typeof e.code === 'string' ? e.code : String(e.name ?? 'error');
  // openid-client wraps oauth4webapi's error, whose cause names the claim that did not match.
  const inner = e.cause as { claim?: unknown; message?: unknown; cause?: { claim?: unknown } } | undefined;
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
    const claim = inner?.claim ?? inner?.cause?.claim;
    return new ProviderError(claim === 'nonce' ? 'nonce' : 'invalid-response', `${code}:${String(claim)}`);
  }
  if (code === 'OAUTH_INVALID_RESPONSE' && /state/i.test(String(inner?.message ?? '')))
    return new ProviderError('state', code);
  if (code.startsWith('OAUTH_')) return new ProviderError('invalid-response', code);
  // fetch failures (refused, DNS, timeout) and anything else before an answer
  return new ProviderError('unreachable', code);
}

export interface AuthorizationRequest {
  readonly url: URL;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export async function authorizationRequest(settings: OidcSettings): Promise<AuthorizationRequest> {
  const config = await discover(settings);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUrl.href,
    scope: settings.scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

export interface VerifiedIdentity {
  readonly issuer: string;
  readonly subject: string;
  /** ID token claims, with userinfo's added where the ID token lacks them. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/**
 * Exchanges the code (once: the provider refuses a second use) and checks the ID token. The
 * tokens stay in this function: nothing stores or logs them.
 */
export async function redeemCode(
  settings: OidcSettings,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<VerifiedIdentity> {
  const config = await discover(settings);
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    let claims: Record<string, unknown> = { ...idClaims };
    const missing = [settings.userClaim, settings.groupsClaim].some((c) => !(c in claims));
    if (missing && config.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    }
    return { issuer: idClaims.iss, subject: idClaims.sub, claims };
  } catch (err) {
    throw classify(err);
  }
}

/** The provider's end-session URL for this client, or undefined when it has none (or is down). */
export async function endSessionUrl(settings: OidcSettings): Promise<URL | undefined> {
  try {
    const config = await discover(settings);
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, {
      client_id: settings.clientId,
      post_logout_redirect_uri: settings.postLogoutUrl.href,
    });
  } catch {
    return undefined;
  }
}
