/**
 * One organisation's instruments together: per instrument its latest round the reader may see,
 * when the result was released, the headline (index and stage, or the instrument's first table
 * of means: readiness per corner, state per question, the bearings), the flags it raises in
 * red and in words (a corner with no named owner), and links to the report — and, for the
 * organisation's lead and administrators, to the follow-up checklist.
 */
import type { Lang } from '../../core/instrument/types.ts';
import type { OverviewEntry, OrganisationOverview } from '../../api/services/organisation-overview.ts';
import { refDecimals, refLabel, stageLabel } from '../../i18n/explain.ts';
import { adminT } from '../../i18n/admin.ts';
import { formatDate } from '../../i18n/dates.ts';
import { formatNumber, localize } from '../../i18n/i18n.ts';
import { html, type SafeHtml } from '../../reports/organisation/html/escape.ts';
import { organisationPath } from '../../reports/organisation/html/context.ts';
import { page, withLang, type Viewer } from '../layout.ts';
import { reportPath } from './rounds.ts';

/** Who may open the follow-up checklist page (the route's access: src/admin-ui/routes/overview.ts). */
export const CHECKLIST_READERS = ['admin', 'org_lead'] as const;

export const overviewPath = (organisation: string, lang: Lang) =>
  withLang(`${organisationPath(organisation)}/overview`, lang);
export const checklistPath = (organisation: string, instrument: string, lang: Lang, pdf = false) =>
  withLang(
    `${organisationPath(organisation)}/checklists/${encodeURIComponent(instrument)}${pdf ? '/pdf' : ''}`,
    lang,
  );

function headline(lang: Lang, e: OverviewEntry, n: number): SafeHtml {
  const t = adminT(lang);
  const h = e.headline;
  if (!h) return html`<p>${t('overview.notReady')}</p>`;
  const { instrument } = e;
  const parts: SafeHtml[] = [];
  if (h.index !== null)
    parts.push(
      html`<p class="headline">
        ${t('overview.index', { value: formatNumber(h.index, 0, lang) })}${
          h.stage ? html` · ${t('overview.stage', { stage: stageLabel(instrument, h.stage, lang) })}` : ''
        }
      </p>`,
    );
  if (h.figure && h.values.length > 0) {
    const caption = localize(h.figure.title, lang);
    parts.push(
      html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="overview-${n}-caption">
        <table>
          <caption id="overview-${n}-caption">
            ${caption}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('overview.what')}</th>
              <th scope="col" class="num">${t('overview.value')}</th>
            </tr>
          </thead>
          <tbody>
            ${h.values.map(
              (v) =>
                html`<tr>
                  <th scope="row">${refLabel(instrument, v.ref, lang)}</th>
                  <td class="num">
                    ${v.value === null ? t('overview.noValue') : formatNumber(v.value, refDecimals(instrument, v.ref), lang)}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
    );
  }
  if (instrument.def.flags.length > 0)
    parts.push(
      h.flags.length > 0
        ? html`<ul class="flags">
            ${h.flags.map(
              (f) =>
                html`<li class="flag">
                  <strong>⚠ ${localize(f.label, lang)}.</strong> ${localize(f.text, lang)}
                </li>`,
            )}
          </ul>`
        : html`<p>${t('overview.noFlags')}</p>`,
    );
  parts.push(html`<p class="hint">${t('overview.respondents', { count: h.respondents })}</p>`);
  return html`${parts}`;
}

export function overviewPage(lang: Lang, viewer: Viewer, overview: OrganisationOverview): string {
  const t = adminT(lang);
  const org = overview.organisation.name;
  const mayChecklist = (CHECKLIST_READERS as readonly string[]).includes(viewer.role);
  const body =
    overview.entries.length === 0
      ? html`<p>${t('overview.none')}</p>`
      : html`<p>${t('overview.intro')}</p>
          ${overview.entries.map((e, i) => {
            const title = localize(e.instrument.def.title, lang);
            const round = localize(e.roundTitle, lang) || e.round;
            return html`<section class="instrument-result" aria-labelledby="overview-${i}">
              <h2 id="overview-${i}">${title}</h2>
              <p>
                ${round === e.round ? t('overview.roundName', { round }) : t('overview.round', { round, name: e.round })}
                ·
                ${t(`status.${e.roundStatus}`)}${
                  e.releasedAt
                    ? html` · ${t('overview.released', { date: formatDate(e.releasedAt, lang) })}`
                    : ''
                }
              </p>
              ${headline(lang, e, i)}
              <ul class="links">
                <li>
                  <a href="${reportPath(e.round, org, lang)}"
                    >${t('overview.openReport', { instrument: title })}</a
                  >
                </li>
                ${
                  mayChecklist && e.instrument.def.checklists.length > 0
                    ? html`<li>
                        <a href="${checklistPath(org, e.instrument.id, lang)}"
                          >${t('overview.checklist', {
                            checklist: e.instrument.def.checklists
                              .map((c) => localize(c.title, lang))
                              .join(', '),
                          })}</a
                        >
                      </li>`
                    : ''
                }
              </ul>
            </section>`;
          })}`;
  return page({
    lang,
    title: t('overview.title', { organisation: org }),
    viewer,
    path: overviewPath(org, lang),
    body,
  });
}
