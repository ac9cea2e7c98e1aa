/**
 * Rendered organisation reports kept in process memory: the model, its charts (drawing them
 * is most of a page's cost) and the page as a template with holes for what belongs to the
 * request (the viewer's staff bar and CSRF token, the time). Purely an optimisation: every
 * request reads the report's sources from the database (cheap rows: releases, versions, live
 * submissions, pending invitations, targets, plan) and the entry's key is their digest
 * (`sourcesKey`), so another app instance on the same database has its own cache and neither
 * is ever stale: a new submission, a plan or target edit, a new release, another language or
 * another day change the key. The key names the organisation, so one organisation's entry can
 * never answer for another; access is checked by the route before anything is looked up.
 *
 * Bounded by bytes (PEJLING_REPORT_CACHE_MB, default 192; 0 turns it off).
 */
import { randomBytes } from 'node:crypto';
import type { Lang } from '../../core/instrument/types.ts';
import { renderReportCharts, type ReportCharts } from '../../reports/organisation/html/charts.ts';
import { escapeHtml, placeholderHtml, type SafeHtml } from '../../reports/organisation/html/escape.ts';
import { formatter } from '../../reports/organisation/html/format.ts';
import { renderReportHtml, type RenderOptions } from '../../reports/organisation/html/page.ts';
import { buildOrganisationReport } from '../../reports/organisation/model/build.ts';
import type { OrganisationReport } from '../../reports/organisation/model/types.ts';
import type { Db } from '../../storage/index.ts';
import { ByteLru } from './byte-lru.ts';
import { reportInputOf, sourcesKey, type ReportSources } from './organisation-report.ts';

export interface BuiltReport {
  readonly key: string;
  readonly report: OrganisationReport;
  readonly charts: ReportCharts;
  /** Page templates by viewer variant (see `cachedPage`). */
  readonly pages: Map<string, readonly Piece[]>;
  bytes: number;
}

/** A template's text, or a hole filled per request. */
type Piece = string | { readonly hole: Hole };
type Hole = 'staffBar' | 'csrf' | 'generatedAt';

function capBytes(): number {
  const mb = Number(process.env.PEJLING_REPORT_CACHE_MB ?? 192);
  return Number.isFinite(mb) && mb >= 0 ? mb * 2 ** 20 : 192 * 2 ** 20;
}

// Per database object, like the release caches: tests open several databases in one process.
const caches = new WeakMap<Db, ByteLru<BuiltReport>>();
const building = new WeakMap<Db, Map<string, Promise<BuiltReport>>>();

function cacheOf(db: Db): ByteLru<BuiltReport> | null {
  let cache = caches.get(db);
  if (!cache) {
    const cap = capBytes();
    if (cap === 0) return null;
    caches.set(db, (cache = new ByteLru(cap)));
  }
  return cache;
}

/** The report of `sources` (its model and charts), from the cache or built and kept. */
export async function builtReport(
  db: Db,
  sources: ReportSources,
  lang: Lang,
  now: Date,
): Promise<BuiltReport> {
  const key = sourcesKey(sources, lang, now);
  const cache = cacheOf(db);
  const hit = cache?.get(key);
  if (hit) return hit;
  if (!cache) return build(db, sources, lang, now, key);
  // Single flight: concurrent requests for one report wait for one build.
  let inFlight = building.get(db);
  if (!inFlight) building.set(db, (inFlight = new Map()));
  let pending = inFlight.get(key);
  if (!pending) {
    pending = build(db, sources, lang, now, key).then((built) => {
      cache.set(key, built, built.bytes);
      return built;
    });
    const flights = inFlight;
    void pending.finally(() => flights.delete(key)).catch(() => undefined);
    inFlight.set(key, pending);
  }
  return pending;
}

async function build(db: Db, sources: ReportSources, lang: Lang, now: Date, key: string) {
  const report = buildOrganisationReport(await reportInputOf(sources, db, lang, now));
  const charts = renderReportCharts(report);
  const chartChars = Object.values(charts).reduce((n, c: string | null) => n + (c?.length ?? 0), 0);
  // Object graphs take a few times their JSON's length in the heap.
  const bytes = chartChars + 3 * JSON.stringify(report).length;
  return { key, report, charts, pages: new Map(), bytes };
}

/** What a page shows of its viewer. */
export interface PageViewer {
  readonly canEdit: boolean;
  readonly csrfToken?: string;
  readonly staffBar?: SafeHtml;
}

// Placeholders no stored text can contain: random per process and never sent (every one is
// replaced before a page leaves).
const MARK = randomBytes(12).toString('hex');
const HOLES: Record<Hole, string> = {
  staffBar: `pejling-hole-${MARK}-staff-bar`,
  csrf: `pejling-hole-${MARK}-csrf`,
  generatedAt: `pejling-hole-${MARK}-generated-at`,
};
const HOLE_PATTERN = new RegExp(`(${Object.values(HOLES).join('|')})`);
const HOLE_OF = new Map(Object.entries(HOLES).map(([hole, text]) => [text, hole as Hole]));

/**
 * The page of a built report for a viewer, with no form state or notice (those pages are
 * rendered afresh from the cached model and charts): the template of the viewer's variant,
 * made once, with the request's staff bar, CSRF token and time put in.
 */
export function cachedPage(
  db: Db,
  built: BuiltReport,
  base: Pick<RenderOptions, 'stylesheet' | 'links'>,
  viewer: PageViewer,
  now: Date,
): string {
  const variant = [viewer.canEdit, viewer.csrfToken !== undefined, viewer.staffBar !== undefined].join(':');
  let pieces = built.pages.get(variant);
  if (!pieces) {
    const template = renderReportHtml(
      built.report,
      {
        ...base,
        canEdit: viewer.canEdit,
        generatedAtText: HOLES.generatedAt,
        ...(viewer.csrfToken !== undefined ? { csrfToken: HOLES.csrf } : {}),
        ...(viewer.staffBar !== undefined ? { staffBar: placeholderHtml(HOLES.staffBar) } : {}),
      },
      built.charts,
    );
    pieces = template.split(HOLE_PATTERN).map((part) => {
      const hole = HOLE_OF.get(part);
      return hole ? { hole } : part;
    });
    built.pages.set(variant, pieces);
    built.bytes += template.length;
    // Re-weighed with its new page (and made the most recent).
    if (cacheOf(db)?.get(built.key) === built) cacheOf(db)!.set(built.key, built, built.bytes);
  }
  const fill: Record<Hole, string> = {
    staffBar: viewer.staffBar?.value ?? '',
    csrf: escapeHtml(viewer.csrfToken ?? ''),
    generatedAt: escapeHtml(generatedAtText(built.report.lang, now)),
  };
  let out = '';
  for (const piece of pieces) out += typeof piece === 'string' ? piece : fill[piece.hole];
  return out;
}

/** The time a page rendered from a cached model says it was made (the request's). */
export const generatedAtText = (lang: Lang, now: Date): string => formatter(lang).dateTime(now.toISOString());
