/**
 * A request's path as the router sees it. The router decodes percent-escapes before it
 * matches, so `/api/%73urvey/<token>` reaches the survey routes; every rule keyed on a path
 * (the respondents' rate limit, the log's token redaction, no-store on tokened pages) has to
 * look at the decoded path too, or an escaped letter walks around it.
 */

/** The path of `url` (no query or fragment), percent-escapes decoded; undecodable ones kept. */
export function routedPath(url: string): string {
  const end = url.search(/[?#]/);
  const path = end < 0 ? url : url.slice(0, end);
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    // One malformed escape must not leave the rest encoded: decode what can be decoded.
    return path.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/**
 * Paths that carry a secret: the respondent's side (the survey API and the web survey's pages,
 * keyed by an invitation token) and the staff's one-time set-password links.
 */
const TOKENED_PATH = /^\/(api\/survey|s|admin\/set-password)(\/|$)/;
/** The segment after these is a token. */
const TOKEN_SEGMENT = /^(\/api\/survey\/|\/s\/|\/admin\/set-password\/)[^/]*/;

/** Query parameters of OpenID Connect / OAuth that are secrets or bound to one. */
const SECRET_PARAMS =
  /([?&](?:code|state|id_token|access_token|session_state|iss|error_description)=)[^&#]*/gi;

export const isTokenedPath = (url: string): boolean => TOKENED_PATH.test(routedPath(url));

/**
 * `/api/survey/<token>/draft?x=1` → `/api/survey/[token]/draft?x=1`, also when the token or
 * the prefix is percent-encoded (the path is logged decoded).
 */
export function redactUrl(url: string): string {
  const end = url.search(/[?#]/);
  // An identity provider's callback carries a one-time code, the state and, on error, its text.
  const rest = (end < 0 ? '' : url.slice(end)).replace(SECRET_PARAMS, '$1[redacted]');
  return routedPath(url).replace(TOKEN_SEGMENT, '$1[token]') + rest;
}
