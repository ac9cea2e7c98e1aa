/** The frame of every staff page: language, skip link, the shared staff bar, main. */
import type { Lang } from '../core/instrument/types.ts';
import { adminT } from '../i18n/admin.ts';
import { html, type Interpolation } from '../reports/organisation/html/escape.ts';
import { staffBar, withLang, type Viewer } from '../reports/staff-bar.ts';

export { csrfField, langField, withLang, type Viewer } from '../reports/staff-bar.ts';

export const CSS_PATH = '/admin/assets/admin.css';

export interface PageInput {
  readonly lang: Lang;
  readonly title: string;
  readonly viewer: Viewer | null;
  /** This page's path; the language link and the bar's current page come from it. */
  readonly path: string;
  readonly body: Interpolation;
  readonly notice?: string | null;
  /** Go on to this same-site path at once (after single sign-on; see routes/sso.ts for why). */
  readonly refreshTo?: string;
}

export function page(input: PageInput): string {
  const { lang, viewer } = input;
  const t = adminT(lang);
  const other: Lang = lang === 'da' ? 'en' : 'da';
  const bare = input.path.split('?')[0]!;
  return `<!doctype html>\n${
    html`<html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${input.title} – Pejling</title>
        ${input.refreshTo ? html` <meta http-equiv="refresh" content="0; url=${input.refreshTo}" />` : ''}
        <link rel="stylesheet" href="${CSS_PATH}" />
      </head>
      <body>
        <a class="skip" href="#main">${t('skip')}</a>
        <header class="site">
          ${staffBar({ lang, viewer, path: bare, otherLanguage: withLang(input.path, other) })}
        </header>
        <main id="main" tabindex="-1">
          <h1>${input.title}</h1>
          ${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ''}${input.body}
        </main>
      </body>
    </html>`.value
  }`;
}
