/**
 * An organisation's checklists as one self-contained, printable page (the PDF is printed from
 * it): per group the owner — a missing owner in red and in words — the measure, each item's
 * status and the evidence the leaders gave (the organisation's own answers only), then the next
 * steps as a plain list that can be copied into the action plan, and a line for the review.
 */
import type { ChecklistResult } from '../../core/checklists/build.ts';
import type { Lang } from '../../core/instrument/types.ts';
import { formatDate } from '../../i18n/dates.ts';
import { formatNumber, localize } from '../../i18n/i18n.ts';
import { reportT } from '../../i18n/report.ts';
import { html, type SafeHtml, toString, trustedCss } from '../organisation/html/escape.ts';

export interface ChecklistPage {
  readonly organisation: string;
  readonly instrumentTitle: string;
  readonly checklists: readonly ChecklistResult[];
  /** ISO date of the next review (YYYY-MM-DD). */
  readonly nextReview: string;
  readonly lang: Lang;
}

const CSS = `
body{font-family:system-ui,sans-serif;color:#1a1a1a;margin:1.5rem;line-height:1.4;font-size:11pt}
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}h3{font-size:1rem;margin:.8rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0}th,td{border:1px solid #888;padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eef1f5}.flag{color:#a4000f;font-weight:700}.flag-box{border-left:4px solid #a4000f;padding:.2rem .5rem;margin:.3rem 0}
.done{color:#0b5d1e}.meta{color:#444}.sign{margin-top:1rem}.sign td{height:1.6rem}
@media print{body{margin:0;font-size:7pt;line-height:1.2}.meta{display:none}h1{font-size:1.1rem}h2{font-size:.95rem;margin:.3rem 0 .2rem}th,td{padding:.1rem .3rem}h3{margin:.4rem 0 .15rem}p{margin:.15rem 0}h2{break-after:avoid}section{break-inside:avoid}}
@media (max-width:600px){table,tbody,tr,td,th{font-size:.9rem}}
`;

/** Three months on from `now`, the default interval between reviews (YYYY-MM-DD). */
export function inThreeMonths(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 3, now.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

/**
 * The checklists without the page around them: the staff web page (src/admin-ui) puts them in
 * its own frame under its stylesheet; the printable page below adds the heading and the style.
 */
export function checklistBody(page: ChecklistPage): SafeHtml {
  const t = reportT(page.lang);
  const L = (x: Parameters<typeof localize>[0]) => localize(x, page.lang);
  const body = page.checklists.map((c) => {
    const groups = c.groups.map((g) => {
      const owners = g.owners.map((o) => L(o.label)).join(', ');
      const flagged = g.flag?.raised === true;
      const measure =
        g.measure === null
          ? t('checklist.noAnswer')
          : formatNumber(g.measure, g.measure > 5 ? 0 : 1, page.lang);
      return html`<section>
        <h3>${L(g.label)}</h3>
        <p>
          <strong>${t('checklist.owner')}:</strong> ${
            flagged
              ? html`<span class="flag">⚠ ${t('checklist.noOwner')}</span>${owners ? ` (${owners})` : ''}`
              : owners || t('checklist.noAnswer')
          }
          · <strong>${g.measureLabel ? L(g.measureLabel) : t('checklist.measure')}:</strong> ${measure}
        </p>
        ${flagged ? html`<p class="flag-box">${L(g.flag!.text)}</p>` : ''}
        <table>
          <thead>
            <tr>
              <th scope="col">${t('checklist.item')}</th>
              <th scope="col">${t('checklist.status')}</th>
              <th scope="col">${t('checklist.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            ${g.items.map(
              (it) =>
                html`<tr>
                  <td>${L(it.label)}</td>
                  <td class="${it.done ? 'done' : ''}">
                    ${it.statusLabel ? L(it.statusLabel) : t('checklist.noAnswer')}
                  </td>
                  <td>${it.evidence.join(' · ')}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${g.notes.length > 0 ? html`<p><strong>${t('checklist.notes')}:</strong> ${g.notes.join(' · ')}</p>` : ''}
      </section>`;
    });
    const next: SafeHtml | string = c.nextSteps.length
      ? html`<h3>${t('checklist.nextSteps')}</h3>
          <p class="meta">${t('checklist.nextStepsIntro')}</p>
          <ul>
            ${c.nextSteps.map((s) => html`<li>${L(s.groupLabel)}: ${L(s.label)}</li>`)}
          </ul>`
      : '';
    return html`<h2>${L(c.title)}</h2>
      ${c.intro ? html`<p class="meta">${L(c.intro)}</p>` : ''}${groups}${next}`;
  });
  return html`<p class="meta">
      ${page.instrumentTitle} · ${t('checklist.nextReview')}:
      <strong>${formatDate(`${page.nextReview}T12:00:00Z`, page.lang)}</strong>
    </p>
    <p class="meta">${t('checklist.ownOnly')}</p>
    ${body}
    <table class="sign">
      <tbody>
        <tr>
          <th scope="row">${t('checklist.signature')}</th>
          <td></td>
        </tr>
        <tr>
          <th scope="row">${t('checklist.nextReview')}</th>
          <td>${formatDate(`${page.nextReview}T12:00:00Z`, page.lang)}</td>
        </tr>
      </tbody>
    </table>`;
}

export function checklistHtml(page: ChecklistPage): string {
  const title = `${page.instrumentTitle} – ${page.organisation}`;
  return toString(
    html`<!doctype html>
      <html lang="${page.lang}">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${title}</title>
          <style>
            ${trustedCss(CSS)}
          </style>
        </head>
        <body>
          <main>
            <h1>${page.organisation}</h1>
            ${checklistBody(page)}
          </main>
        </body>
      </html>`,
  );
}
