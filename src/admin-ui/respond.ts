/**
 * What every staff page shares: the roles that may see it, its caching, the
 * page's language, who is looking, and the small helpers to answer with HTML or a redirect.
 */
import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenFor } from '../accounts/sessions.ts';
import { staffOf } from '../api/auth/staff.ts';
import { sessionOf } from '../api/auth/session-authenticator.ts';
import type { Lang } from '../core/instrument/types.ts';
import type { AuthSettings } from '../accounts/oidc/settings.ts';
import type { Db } from '../storage/index.ts';
import type { FormBody } from './forms.ts';
import type { PdfPrinter } from '../reports/organisation/pdf.ts';
import { withLang, type Viewer } from './layout.ts';

/** What each module of routes gets from the plugin. */
export interface AdminContext {
  readonly db: Db;
  /** Single sign-on and whether passwords log in (environment, read once at start). */
  readonly auth: AuthSettings;
  /** The app's one PDF printer (a warm Chromium). */
  readonly printer: PdfPrinter;
}

export const ADMIN_CSS = readFileSync(new URL('./admin.css', import.meta.url), 'utf8');
export const ANY_STAFF = ['admin', 'analyst', 'org_lead'] as const;
export const RUNNERS = ['admin', 'analyst'] as const;
export const ADMIN = ['admin'] as const;
export const UPLOAD_LIMIT = 10 * 1024 * 1024;

/** The security headers (CSP, no referrer, no framing) are the app's own: src/api/security-headers.ts. */
export const HEADERS = { 'cache-control': 'no-store' };

/** Staff pages are not part of the API's OpenAPI document. */
export const hidden = { hide: true } as const;

export const langOf = (request: FastifyRequest): Lang => {
  const q = (request.query as { lang?: unknown } | undefined)?.lang;
  const b = (request.body as { lang?: unknown } | undefined)?.lang;
  return q === 'en' || b === 'en' ? 'en' : 'da';
};

export function viewerOf(request: FastifyRequest): Viewer {
  const staff = staffOf(request);
  const session = sessionOf(request);
  return { email: staff.email, role: staff.role, csrf: session ? csrfTokenFor(session.sessionId) : null };
}

export const sendHtml = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).headers(HEADERS).type('text/html; charset=utf-8').send(body);
export const see = (reply: FastifyReply, location: string) =>
  reply.code(303).headers(HEADERS).header('location', location).send();
export const form = (request: FastifyRequest) => (request.body ?? {}) as FormBody;

/**
 * Where to go after logging in: only a page of this app (staff pages or reports), as a path, so
 * the log-in form can never be used to send someone to another site ("open redirect").
 */
export function safeNext(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 1000) return null;
  return /^\/(admin|reports)(\/[^\s\\]*)?(\?[^\s\\]*)?$/.test(value) && !value.startsWith('//')
    ? value
    : null;
}

/** The log-in page, coming back to `next` (when it is a page of this app) afterwards. */
export const loginPath = (lang: Lang, next?: string | null) =>
  withLang(next ? `/admin/login?next=${encodeURIComponent(next)}` : '/admin/login', lang);
