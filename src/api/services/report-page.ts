/**
 * The organisation report as the web page: built for the caller's language, with its links,
 * the forms when the caller may edit, and the session's CSRF token for those forms. Also the
 * HTTP headers every report response carries.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenFor } from '../../accounts/sessions.ts';
import type { Lang } from '../../core/instrument/types.ts';
import { REPORT_CSS_PATH } from '../../reports/organisation/assets.ts';
import { reportLinks, type FormState } from '../../reports/organisation/html/context.ts';
import { renderReportHtml } from '../../reports/organisation/html/page.ts';
import type { Db } from '../../storage/index.ts';
import { sessionOf } from '../auth/session-authenticator.ts';
import { loadReportSources, ReportNotReadyError } from './organisation-report.ts';
import { builtReport, cachedPage, generatedAtText, type PageViewer } from './report-cache.ts';
import { relatedResultsFor } from './organisation-overview.ts';
import type { OrganisationResult } from '../../core/overview/related.ts';
import { renderWaitingHtml } from '../../reports/organisation/html/waiting.ts';
import { localize } from '../../i18n/i18n.ts';
import type { SafeHtml } from '../../reports/organisation/html/escape.ts';
import { staffBar } from '../../reports/staff-bar.ts';
import type { ReportScope } from './organisation-scope.ts';

/**
 * The report is the organisation's own business: never cached. Never framed, never leaked by
 * referrer: the app's security headers (src/api/security-headers.ts) hold for it as for every page.
 */
export const REPORT_HEADERS: Readonly<Record<string, string>> = { 'cache-control': 'private, no-store' };

/** Admins and the organisation's own lead change plans and targets; analysts read. */
export const EDITORS = ['admin', 'org_lead'] as const;

export type PageExtras = { form?: FormState; notice?: string; problem?: string; confirmDelete?: number };

export async function renderReportPage(
  db: Db,
  request: FastifyRequest,
  scope: ReportScope,
  lang: Lang,
  extra: PageExtras = {},
): Promise<string> {
  const session = sessionOf(request);
  const role = request.staff?.role;
  const staffBar = reportStaffBar(request, scope, lang);
  return reportDocument(
    db,
    scope,
    lang,
    {
      canEdit: role !== undefined && (EDITORS as readonly string[]).includes(role),
      ...(session ? { csrfToken: csrfTokenFor(session.sessionId) } : {}),
      ...(staffBar ? { staffBar } : {}),
    },
    extra,
    new Date(),
    await relatedResultsFor(db, request, scope.round, scope.organisation),
  );
}

/**
 * The page for a viewer whose access the route has checked: from the report cache
 * (services/report-cache.ts) when its sources are unchanged, else built and kept.
 */
export async function reportDocument(
  db: Db,
  scope: ReportScope,
  lang: Lang,
  viewer: PageViewer,
  extra: PageExtras = {},
  now = new Date(),
  /** The organisation's related results this viewer may see (part of the cache key). */
  related: readonly OrganisationResult[] = [],
): Promise<string> {
  let sources;
  try {
    sources = await loadReportSources(db, scope.round, scope.organisation, related);
  } catch (err) {
    if (!(err instanceof ReportNotReadyError)) throw err;
    return renderWaitingHtml({
      lang,
      organisation: scope.organisation.name,
      round: localize(scope.round.title, lang) || scope.round.name,
      answered: err.answered,
      invited: err.invited,
      respondentMin: scope.round.respondentMin,
      stylesheet: { href: REPORT_CSS_PATH },
      ...(viewer.staffBar ? { staffBar: viewer.staffBar } : {}),
    });
  }
  const built = await builtReport(db, sources, lang, now);
  const base = {
    stylesheet: { href: REPORT_CSS_PATH },
    links: reportLinks(scope.round.name, scope.organisation.name, lang),
  };
  if (Object.values(extra).every((v) => v === undefined)) return cachedPage(db, built, base, viewer, now);
  return renderReportHtml(
    built.report,
    { ...base, ...viewer, ...extra, generatedAtText: generatedAtText(lang, now) },
    built.charts,
  );
}

/** The staff bar of a served report, for a signed-in person (not for an API client's token). */
function reportStaffBar(request: FastifyRequest, scope: ReportScope, lang: Lang): SafeHtml | undefined {
  const session = sessionOf(request);
  const staff = request.staff;
  if (!session || !staff) return undefined;
  const links = reportLinks(scope.round.name, scope.organisation.name, lang);
  return staffBar({
    lang,
    viewer: { email: staff.email, role: staff.role, csrf: csrfTokenFor(session.sessionId) },
    path: links.page(lang).split('?')[0]!,
    otherLanguage: links.page(lang === 'da' ? 'en' : 'da'),
  });
}

export function sendReportPage(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).headers(REPORT_HEADERS).type('text/html; charset=utf-8').send(html);
}

/** `attachment; filename=…` with an ASCII fallback and the exact (UTF-8) name. */
export function attachment(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
