/** The frame of every staff page: language, skip link, header with who is signed in, main. */
import type { TFunction } from 'i18next';
import type { Lang } from '../core/instrument/types.ts';
import { adminT } from '../i18n/admin.ts';
import { html, type Interpolation, type SafeHtml } from '../reports/organisation/html/escape.ts';
import type { UserRole } from '../storage/index.ts';

export const CSS_PATH = '/admin/assets/admin.css';

export interface Viewer {
  readonly email: string;
  readonly role: UserRole;
  /** Present for a cookie session: every form carries it. */
  readonly csrf: string | null;
}

export interface PageInput {
  readonly lang: Lang;
  readonly title: string;
  readonly viewer: Viewer | null;
  /** This page in the other language. */
  readonly path: string;
  readonly body: Interpolation;
  readonly notice?: string | null;
}

export const withLang = (path: string, lang: Lang) =>
  lang === 'da' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

/** A moment as staff read it on every page: Copenhagen time, short date, with seconds. */
export const formatDateTime = (iso: string, lang: Lang): string =>
  new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Europe/Copenhagen',
  }).format(new Date(iso));

export function csrfField(viewer: Viewer | null): SafeHtml {
  return viewer?.csrf ? html`<input type="hidden" name="_csrf" value="${viewer.csrf}" />` : html``;
}

export function langField(lang: Lang): SafeHtml {
  return html`<input type="hidden" name="lang" value="${lang}" />`;
}

export function page(input: PageInput): string {
  const { lang, viewer } = input;
  const t: TFunction = adminT(lang);
  const other: Lang = lang === 'da' ? 'en' : 'da';
  const nav = viewer
    ? html`<nav aria-label="${t('nav.main')}">
        <ul>
          <li><a href="${withLang('/admin', lang)}">${t('nav.rounds')}</a></li>
          ${
            viewer.role === 'admin'
              ? html`<li><a href="${withLang('/admin/audit', lang)}">${t('nav.audit')}</a></li>
                  <li><a href="${withLang('/admin/privacy', lang)}">${t('nav.privacy')}</a></li>`
              : ''
          }
          <li><a href="${withLang(input.path, other)}" lang="${other}">${t('nav.language')}</a></li>
          <li>
            <form class="inline" method="post" action="/admin/logout">
              ${csrfField(viewer)}${langField(lang)}<button class="link" type="submit">
                ${t('nav.logout')}
              </button>
            </form>
          </li>
          <li>
            <form class="inline" method="post" action="/admin/logout-everywhere">
              ${csrfField(viewer)}${langField(lang)}<button class="link" type="submit">
                ${t('nav.logoutAll')}
              </button>
            </form>
          </li>
        </ul>
      </nav>`
    : html`<nav aria-label="${t('nav.main')}">
        <ul>
          <li><a href="${withLang(input.path, other)}" lang="${other}">${t('nav.language')}</a></li>
        </ul>
      </nav>`;
  return `<!doctype html>\n${
    html`<html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${input.title} – Pejling</title>
        <link rel="stylesheet" href="${CSS_PATH}" />
      </head>
      <body>
        <a class="skip" href="#main">${t('skip')}</a>
        <header class="site">
          <span class="brand">${t('app')}</span
          >${viewer ? html`<span>${t('nav.signedInAs', { email: viewer.email, role: t(`roles.${viewer.role}`) })}</span>` : ''}${nav}
        </header>
        <main id="main" tabindex="-1">
          <h1>${input.title}</h1>
          ${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ''}${input.body}
        </main>
      </body>
    </html>`.value
  }`;
}
