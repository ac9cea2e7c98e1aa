/** Every recommended practice, not only those the advice points at: for browsing and planning. */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { section } from '../parts.ts';

export function practicesSection(ctx: Ctx): SafeHtml {
  const { report, t } = ctx;
  const groups = report.practices.groups;
  if (groups.length === 0) return html``;
  return section(
    'practices',
    t('practices.title'),
    html`<p>${t('practices.intro')}</p>
      ${groups.map(
        (g) =>
          html`<details class="practices" ${g.advised ? html`open` : ''}>
            <summary>
              ${g.label}${g.advised ? html` <span class="tag">${t('practices.advised')}</span>` : ''}
            </summary>
            <ul>
              ${g.practices.map((p) => html`<li><strong>${p.title}.</strong> ${p.text}</li>`)}
            </ul>
          </details>`,
      )}`,
  );
}
