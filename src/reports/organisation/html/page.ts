/**
 * The organisation report as one HTML document: the web page, and (with the stylesheet
 * inlined) what Chromium prints to PDF. Forms for the plan and the targets are part of the
 * page when the viewer may edit; the print stylesheet hides them.
 */
import { REPORT_ICON_PATH } from '../assets.ts';
import type { OrganisationReport } from '../model/types.ts';
import { renderReportCharts, type ReportCharts } from './charts.ts';
import { context, type Ctx, type RenderOptions } from './context.ts';
import { html, trustedCss, type SafeHtml } from './escape.ts';
import { errorSummary } from './parts.ts';
import { adviceSection } from './sections/advice.ts';
import { benchmarkSection } from './sections/benchmark.ts';
import { answersSection } from './sections/answers.ts';
import { panelSection } from './sections/panel.ts';
import { comparisonsSection } from './sections/comparisons.ts';
import { practicesSection } from './sections/practices.ts';
import { referencesSection } from './sections/references.ts';
import { domainsSection } from './sections/domains.ts';
import { methodSection } from './sections/method.ts';
import { confirmDelete, planSection } from './sections/plan.ts';
import { portfolioSection } from './sections/portfolio.ts';
import { profileSection, rankingSection } from './sections/profile.ts';
import { summarySection } from './sections/summary.ts';
import { targetsSection } from './sections/targets.ts';
import { trendSection } from './sections/trend.ts';

export type { RenderOptions } from './context.ts';

/** The sections in reading order: where we stand, compared with whom, where we disagree, what to do. */
const SECTIONS = [
  'summary',
  'profile',
  'ranking',
  'domains',
  'benchmark',
  'panel',
  'references',
  'comparisons',
  'answers',
  'advice',
  'practices',
  'plan',
  'portfolio',
  'targets',
  'trend',
  'method',
] as const;

/**
 * `charts` are the report's charts when the caller has them already (a cache of the same
 * report's charts, src/api/services/report-cache.ts); drawing them is most of a page's cost.
 */
export function renderReportHtml(
  report: OrganisationReport,
  options: RenderOptions,
  charts: ReportCharts = renderReportCharts(report),
): string {
  const ctx = context(report, charts, options);
  const { t } = ctx;
  const sections: Record<(typeof SECTIONS)[number], SafeHtml> = {
    summary: summarySection(ctx),
    profile: profileSection(ctx),
    ranking: rankingSection(ctx),
    domains: domainsSection(ctx),
    benchmark: benchmarkSection(ctx),
    panel: panelSection(ctx),
    references: referencesSection(ctx),
    comparisons: comparisonsSection(ctx),
    answers: answersSection(ctx),
    advice: adviceSection(ctx),
    practices: practicesSection(ctx),
    plan: planSection(ctx),
    portfolio: portfolioSection(ctx),
    targets: targetsSection(ctx),
    trend: trendSection(ctx),
    method: methodSection(ctx, report.instrument.source),
  };
  const present = SECTIONS.filter((s) => sections[s].value !== '');
  const doc = html`<!doctype html>
    <html lang="${report.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>
          ${t('page.title', { organisation: report.organisation.name, round: report.round.title })}
        </title>
        ${
          'href' in options.stylesheet
            ? html`<link rel="stylesheet" href="${options.stylesheet.href}" />
                <link rel="icon" href="${REPORT_ICON_PATH}" type="image/svg+xml" />`
            : html`<style>
                ${trustedCss(options.stylesheet.inline)}
              </style>`
        }
      </head>
      <body>
        <a class="skip-link screen-only" href="#main">${t('page.skip')}</a>
        ${options.staffBar ?? ''}${header(ctx)}
        <nav class="toc screen-only" aria-label="${t('page.contents')}">
          <h2 class="toc-title">${t('page.contents')}</h2>
          <ol>
            ${present.map((s) => html`<li><a href="#${s}">${t(`${s}.title`)}</a></li>`)}
          </ol>
        </nav>
        <main id="main">
          ${errorSummary(ctx)}
          ${options.notice ? html`<p class="notice screen-only" role="status">${options.notice}</p>` : ''}
          ${
            options.problem
              ? html`<div class="error-summary screen-only" role="alert" aria-labelledby="problem-h">
                  <h2 id="problem-h">${ctx.t('planEdit.problemTitle')}</h2>
                  <p>${options.problem}</p>
                </div>`
              : ''
          }
          ${confirmDelete(ctx)} ${present.map((s) => sections[s])}
        </main>
        <footer class="page-footer">
          <p>${t('page.footer', { organisation: report.organisation.name, round: report.round.title })}</p>
        </footer>
      </body>
    </html> `;
  return doc.value;
}

function header(ctx: Ctx): SafeHtml {
  const { report, t } = ctx;
  const o = report.organisation;
  // A municipality's type is "municipality" again: say it once.
  const type = o.typeLabel && o.typeLabel.toLowerCase() !== o.sectorLabel.toLowerCase() ? o.typeLabel : null;
  const facts = [o.sectorLabel, type, o.sizeBandLabel && t('page.size', { size: o.sizeBandLabel })].filter(
    (x): x is string => Boolean(x),
  );
  const links = ctx.options.links;
  const other = report.lang === 'da' ? 'en' : 'da';
  return html`<header class="report-header">
    <p class="eyebrow">${t('page.eyebrow')}</p>
    <h1>${o.name}</h1>
    <p class="subtitle">${t('page.subtitle', { round: report.round.title })}</p>
    <p class="facts">${facts.join(' · ')}</p>
    ${
      links
        ? html`<nav class="header-links screen-only" aria-label="${t('page.downloads')}">
            <ul>
              <li>
                <a href="${links.page(other)}" hreflang="${other}" lang="${other}"
                  >${t(`page.switchTo.${other}`)}</a
                >
              </li>
              <li><a href="${links.overview}">${t('page.overview')}</a></li>
              <li><a href="${links.pdf}">${t('page.pdf')}</a></li>
              <li><a href="${links.xlsx}">${t('page.xlsx')}</a></li>
              <li><a href="${links.json}">${t('page.json')}</a></li>
            </ul>
          </nav>`
        : ''
    }
  </header>`;
}
