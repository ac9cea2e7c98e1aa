/**
 * Where respondents and staff reach the app: `PEJLING_PUBLIC_URL`, never the request's Host
 * header. A link in an invitation mail carries a credential; built from a header anyone can set,
 * one crafted request would send a round's invitations to an attacker's server. So links are
 * only ever made from the configured address, and without one nothing that makes links runs.
 */

export class PublicUrlError extends Error {
  override readonly name = 'PublicUrlError';
}

/** The configured address without a trailing slash, or null when none is set. */
export function configuredPublicUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.PEJLING_PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PublicUrlError(`PEJLING_PUBLIC_URL is not a URL (got ${JSON.stringify(raw)})`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username)
    throw new PublicUrlError(
      `PEJLING_PUBLIC_URL must be an http(s) address without query, fragment or credentials, such as https://pejling.example.dk (got ${JSON.stringify(raw)})`,
    );
  return raw.replace(/\/+$/, '');
}

/** The address links are made from; refuses when none is configured. */
export function publicUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = configuredPublicUrl(env);
  if (url === null)
    throw new PublicUrlError(
      'PEJLING_PUBLIC_URL is not set: links in invitations need the address respondents reach Pejling at (e.g. https://pejling.example.dk)',
    );
  return url;
}
