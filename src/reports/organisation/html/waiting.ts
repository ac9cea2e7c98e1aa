/**
 * The report page before the organisation's first version is released: how many have
 * answered, and when the report appears. No figure at all: there is nothing released yet.
 */
import type { Lang } from '../../../core/instrument/types.ts';
import { reportT } from '../../../i18n/report.ts';
import { REPORT_ICON_PATH } from '../assets.ts';
import { html, trustedCss, type SafeHtml } from './escape.ts';

export function renderWaitingHtml(input: {
  readonly lang: Lang;
  readonly organisation: string;
  readonly round: string;
  readonly answered: number;
  readonly invited: number;
  readonly respondentMin: number;
  readonly stylesheet: { readonly href: string } | { readonly inline: string };
  /** The staff bar of the served page (src/reports/staff-bar.ts). */
  readonly staffBar?: SafeHtml;
}): string {
  const t = reportT(input.lang);
  return html`<!doctype html>
    <html lang="${input.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${t('page.title', { organisation: input.organisation, round: input.round })}</title>
        ${
          'href' in input.stylesheet
            ? html`<link rel="stylesheet" href="${input.stylesheet.href}" />
                <link rel="icon" href="${REPORT_ICON_PATH}" type="image/svg+xml" />`
            : html`<style>
                ${trustedCss(input.stylesheet.inline)}
              </style>`
        }
      </head>
      <body>
        ${input.staffBar ? html`<a class="skip-link" href="#main">${t('page.skip')}</a>${input.staffBar}` : ''}
        <header class="report-header">
          <p class="eyebrow">${t('page.eyebrow')}</p>
          <h1>${input.organisation}</h1>
          <p class="subtitle">${t('page.subtitle', { round: input.round })}</p>
        </header>
        <main id="main">
          <section class="report-section" aria-labelledby="waiting-h">
            <h2 id="waiting-h">${t('waiting.title')}</h2>
            <p>${t('waiting.progress', { answered: input.answered, invited: input.invited })}</p>
            <p>${t('waiting.when')}</p>
            <p>${t('waiting.why', { min: input.respondentMin })}</p>
          </section>
        </main>
      </body>
    </html> `.value;
}
