/**
 * Opening, closing and reopening a round are asked twice: this page says what will follow
 * before anything changes, and only its button (with `confirm=yes`) does it.
 */
import type { Lang } from '../../core/instrument/types.ts';
import { adminT } from '../../i18n/admin.ts';
import { localize } from '../../i18n/i18n.ts';
import { html } from '../../reports/organisation/html/escape.ts';
import type { Round } from '../../storage/index.ts';
import { csrfField, langField, page, withLang, type Viewer } from '../layout.ts';

export type StatusChange = 'open' | 'close' | 'reopen';

/** The change a round may get next from this viewer, if any. */
export function nextChange(round: Round, viewer: Viewer): StatusChange | null {
  if (round.status === 'draft') return 'open';
  if (round.status === 'open') return 'close';
  return viewer.role === 'admin' ? 'reopen' : null;
}

export const targetStatus = (change: StatusChange) => (change === 'close' ? 'closed' : 'open');

export function statusPage(lang: Lang, viewer: Viewer, round: Round, change: StatusChange): string {
  const t = adminT(lang);
  const base = `/admin/rounds/${encodeURIComponent(round.name)}`;
  const title = t(`status.confirm.${change}.title`, { round: localize(round.title, lang) });
  const body = html`<p>${t(`status.confirm.${change}.what`)}</p>
    <ul>
      ${(t(`status.confirm.${change}.follows`, { returnObjects: true }) as unknown as string[]).map(
        (line) => html`<li>${line}</li>`,
      )}
    </ul>
    <form method="post" action="${base}/status">
      ${csrfField(viewer)}${langField(lang)}
      <input type="hidden" name="status" value="${targetStatus(change)}" />
      <input type="hidden" name="change" value="${change}" />
      <input type="hidden" name="confirm" value="yes" />
      <button type="submit">${t(`status.confirm.${change}.button`)}</button>
    </form>
    <p><a href="${withLang(base, lang)}">${t('status.confirm.cancel')}</a></p>`;
  return page({ lang, title, viewer, path: base, body });
}
