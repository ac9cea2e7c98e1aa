/** The audit log page and the data-subject export form (administrators). */
import type { Lang } from '../../core/instrument/types.ts';
import { adminT } from '../../i18n/admin.ts';
import { html } from '../../reports/organisation/html/escape.ts';
import type { AuditEntry } from '../../storage/index.ts';
import { csrfField, langField, page, withLang, type Viewer } from '../layout.ts';

export function auditPage(lang: Lang, viewer: Viewer, entries: readonly AuditEntry[], limit: number): string {
  const t = adminT(lang);
  const older = entries.length === limit ? entries.at(-1)?.id : undefined;
  const body = html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="audit-entries">
      <table>
        <caption id="audit-entries">
          ${t('audit.title')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('audit.at')}</th>
            <th scope="col">${t('audit.actor')}</th>
            <th scope="col">${t('audit.action')}</th>
            <th scope="col">${t('audit.subject')}</th>
            <th scope="col">${t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (e) =>
              html`<tr>
                <th scope="row"><time datetime="${e.at}">${e.at.replace('T', ' ').slice(0, 19)}</time></th>
                <td>${e.actor}</td>
                <td>${e.action}</td>
                <td>${e.subject ?? ''}</td>
                <td>${e.details === null ? '' : JSON.stringify(e.details)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${older !== undefined ? html`<p><a href="${withLang(`/admin/audit?before=${older}`, lang)}">${t('audit.older')}</a></p>` : ''}`;
  return page({ lang, title: t('audit.title'), viewer, path: '/admin/audit', body });
}

export function privacyPage(lang: Lang, viewer: Viewer): string {
  const t = adminT(lang);
  const body = html`<p>${t('privacy.intro')}</p>
    <form method="post" action="/admin/privacy">
      ${csrfField(viewer)}${langField(lang)} <label for="subject-email">${t('privacy.email')}</label
      ><input type="email" id="subject-email" name="email" autocomplete="off" required />
      <button type="submit">${t('privacy.submit')}</button>
    </form>`;
  return page({ lang, title: t('privacy.title'), viewer, path: '/admin/privacy', body });
}
