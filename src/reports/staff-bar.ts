/**
 * The one navigation bar of every staff page and every served report page: role-aware links,
 * who is signed in, log-out. It lives here, beside the report HTML, because both the staff
 * pages (src/admin-ui) and the report pages (src/api) use it and the API may not import the
 * staff pages. A report printed to PDF or downloaded never gets it (the caller leaves it out).
 */
import type { TFunction } from 'i18next';
import type { Lang } from '../core/instrument/types.ts';
import { adminT } from '../i18n/admin.ts';
import type { UserRole } from '../storage/index.ts';
import { html, type SafeHtml } from './organisation/html/escape.ts';

export interface Viewer {
  readonly email: string;
  readonly role: UserRole;
  /** Present for a cookie session: every form carries it. */
  readonly csrf: string | null;
}

export const withLang = (path: string, lang: Lang) =>
  lang === 'da' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

export function csrfField(viewer: Viewer | null): SafeHtml {
  return viewer?.csrf ? html`<input type="hidden" name="_csrf" value="${viewer.csrf}" />` : html``;
}

export function langField(lang: Lang): SafeHtml {
  return html`<input type="hidden" name="lang" value="${lang}" />`;
}

interface NavLink {
  readonly href: string;
  readonly label: string;
  /** The pages this link's section covers, beyond its own path. */
  readonly covers: (path: string) => boolean;
}

function linksFor(t: TFunction, role: UserRole): NavLink[] {
  const under = (prefix: string) => (path: string) => path === prefix || path.startsWith(`${prefix}/`);
  const home: NavLink = {
    href: '/admin',
    label: t(role === 'org_lead' ? 'nav.myReports' : 'nav.rounds'),
    covers: (p) => p === '/admin' || under('/admin/rounds')(p) || under('/reports')(p),
  };
  if (role !== 'admin') return [home];
  return [
    home,
    { href: '/admin/users', label: t('nav.users'), covers: under('/admin/users') },
    { href: '/admin/audit', label: t('nav.audit'), covers: under('/admin/audit') },
    { href: '/admin/privacy', label: t('nav.privacy'), covers: under('/admin/privacy') },
  ];
}

export interface StaffBarInput {
  readonly lang: Lang;
  /** Null on the log-in and set-password pages: only the brand and the language. */
  readonly viewer: Viewer | null;
  /** The page's path (no query), to mark where the reader is. */
  readonly path: string;
  /** This page in the other language. */
  readonly otherLanguage: string;
}

export function staffBar(input: StaffBarInput): SafeHtml {
  const { lang, viewer, path } = input;
  const t = adminT(lang);
  const other: Lang = lang === 'da' ? 'en' : 'da';
  const language = html`<li>
    <a href="${input.otherLanguage}" lang="${other}" hreflang="${other}">${t('nav.language')}</a>
  </li>`;
  const links = viewer
    ? linksFor(t, viewer.role).map((link) => {
        const current = path === link.href ? 'page' : link.covers(path) ? 'true' : null;
        return html`<li>
          <a href="${withLang(link.href, lang)}" ${current ? html`aria-current="${current}"` : ''}
            >${link.label}</a
          >
        </li>`;
      })
    : [];
  const logOut = viewer
    ? html`<li>
          <form method="post" action="/admin/logout" class="inline">
            ${csrfField(viewer)}${langField(lang)}<button class="link" type="submit">
              ${t('nav.logout')}
            </button>
          </form>
        </li>
        <li>
          <form method="post" action="/admin/logout-everywhere" class="inline">
            ${csrfField(viewer)}${langField(lang)}<button class="link" type="submit">
              ${t('nav.logoutAll')}
            </button>
          </form>
        </li>`
    : '';
  return html`<div class="staff-bar">
    <a class="brand" href="${withLang(viewer ? '/admin' : '/admin/login', lang)}">${t('app')}</a>
    ${
      viewer
        ? html`<p class="signed-in">
            ${t('nav.signedInAs', { email: viewer.email, role: t(`roles.${viewer.role}`) })}
          </p>`
        : ''
    }
    <nav aria-label="${t('nav.main')}">
      <ul>
        ${links}${language}${logOut}
      </ul>
    </nav>
  </div>`;
}
