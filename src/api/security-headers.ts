/**
 * The security headers of every response, through @fastify/helmet (registered once in
 * buildApp, before any route): a Content-Security-Policy, no referrer (invitation tokens and
 * report names are in URLs), no framing, nosniff, same-origin opener and resource policies.
 *
 * Two policies, because two kinds of page exist:
 * - `PAGE_CSP`, the default, for the staff pages, the reports (their SVG charts are inline
 *   markup with presentation attributes, no style or script) and the API: no script at all,
 *   only our own stylesheet and images;
 * - `SURVEY_HELMET`, per route on the survey's single-page app (src/web-server/static.ts):
 *   our own scripts, styles, images, fonts, manifest and API, nothing from elsewhere.
 *
 * HSTS is sent only when the request came over HTTPS (`reachedOverHttps`, which honours the
 * trust-proxy setting): helmet decides per route, HTTPS is per request, and a plain-HTTP
 * install (the embedded default on a laptop) must not be told to insist on TLS.
 */
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { reachedOverHttps } from './https.ts';

const SELF = ["'self'"];
const NONE = ["'none'"];

const PAGE_CSP = {
  'default-src': NONE,
  'style-src': SELF,
  'img-src': SELF,
  'form-action': SELF,
  'base-uri': NONE,
  'frame-ancestors': NONE,
};

const SURVEY_CSP = {
  'default-src': SELF,
  'script-src': SELF,
  'style-src': SELF,
  'img-src': SELF,
  'font-src': SELF,
  'connect-src': SELF,
  'manifest-src': SELF,
  'object-src': NONE,
  'base-uri': NONE,
  'form-action': SELF,
  'frame-ancestors': NONE,
};

const HELMET: FastifyHelmetOptions = {
  // Exactly our directives: helmet's defaults add upgrade-insecure-requests, which breaks a
  // plain-HTTP install's own stylesheet.
  contentSecurityPolicy: { useDefaults: false, directives: PAGE_CSP },
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/** Route option (`helmet: SURVEY_HELMET`) of the survey's pages and assets. */
export const SURVEY_HELMET = {
  contentSecurityPolicy: { useDefaults: false, directives: SURVEY_CSP },
} as const satisfies FastifyHelmetOptions;

export const HSTS = 'max-age=31536000';
/** Helmet has no Permissions-Policy; no page of ours uses any of these. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=()';

export function installSecurityHeaders(app: FastifyInstance): void {
  app.register(fastifyHelmet, HELMET);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (reachedOverHttps(request)) reply.header('strict-transport-security', HSTS);
  });
}
