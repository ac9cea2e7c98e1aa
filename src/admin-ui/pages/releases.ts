/**
 * The releases of a round on its page: the latest one, group by group, and the ones before it.
 * A group's state says only what its figures show anyway (docs/disclosure.md, rule 4): never
 * how many organisations are in a group that is not shown.
 */
import type { Lang } from '../../core/instrument/types.ts';
import type { ReleaseSummary } from '../../api/services/releases.ts';
import { adminT } from '../../i18n/admin.ts';
import { groupLabel, type GroupLabelContext } from '../../reports/figures/labels.ts';
import { html, type SafeHtml } from '../../reports/organisation/html/escape.ts';
import { formatDateTime } from '../../i18n/dates.ts';

export interface RoundReleases {
  /** The newest releases, newest first (the first is the latest). */
  readonly recent: readonly ReleaseSummary[];
  /** How many the round has in all. */
  readonly total: number;
  /** For the groups' names: the size limits, organisations' names (comparison sets). */
  readonly labels?: GroupLabelContext;
}

type Group = ReleaseSummary['groups'][number];

const at = (iso: string, lang: Lang) => html`<time datetime="${iso}">${formatDateTime(iso, lang)}</time>`;

/**
 * "Most similar" clusters are often shown several at once, so each is named by the cells it
 * joins (sector, type, size band: attributes anyone may know, never answers).
 */
function groupName(id: string, lang: Lang, context: GroupLabelContext = {}): string {
  const name = groupLabel(id, lang, context);
  if (!id.startsWith('similar:')) return name;
  const t = adminT(lang);
  // `none` (or `?` in releases made before) where the organisations have no such attribute.
  const known = (v: string) => v !== 'none' && v !== '?';
  const cells = id
    .slice('similar:'.length)
    .split('+')
    .map((cell) => {
      const [sector = '', type = 'none', size = 'none'] = cell.split('/');
      return [
        t(`sector.sectors.${sector}`, { defaultValue: sector }),
        known(type) ? t(`figures.types.${type}`, { defaultValue: type }) : t('figures.noType'),
        known(size) ? t(`figures.sizeBands.${size}`, { defaultValue: size }) : t('figures.noSize'),
      ]
        .filter((part) => part !== null)
        .join(', ');
    });
  return `${name}: ${cells.join(' + ')}`;
}

function groupStatus(group: Group, k: number, lang: Lang): string {
  const t = adminT(lang);
  if (group.status === 'current') return t('releases.status.current');
  if (group.status === 'earlier') return t('releases.status.earlier', { release: group.figuresOf });
  return t('releases.status.notShown', {
    reason: t(`releases.notShown.${group.reason ?? 'withheld'}`, { k }),
  });
}

function latestRelease(latest: ReleaseSummary, lang: Lang, labels: GroupLabelContext = {}): SafeHtml {
  const t = adminT(lang);
  const yesNo = (v: boolean) => t(v ? 'releases.yes' : 'releases.no');
  return html`<h3>${t('releases.latest')}</h3>
    <dl class="facts">
      <dt>${t('releases.number')}</dt>
      <dd>${latest.number}</dd>
      <dt>${t('releases.at')}</dt>
      <dd>${at(latest.at, lang)}</dd>
      <dt>${t('releases.reason')}</dt>
      <dd>${t(`releases.reasons.${latest.reason}`)}</dd>
      <dt>${t('releases.final')}</dt>
      <dd>${yesNo(latest.final)}</dd>
      <dt>${t('releases.k')}</dt>
      <dd>${latest.k}</dd>
      <dt>${t('releases.respondentMin')}</dt>
      <dd>${latest.respondentMin}</dd>
    </dl>
    <div class="table-wrap" role="region" tabindex="0" aria-labelledby="release-groups">
      <table>
        <caption id="release-groups">
          ${t('releases.groups', { number: latest.number })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('releases.group')}</th>
            <th scope="col">${t('releases.groupStatus')}</th>
            <th scope="col">${t('releases.organisations')}</th>
          </tr>
        </thead>
        <tbody>
          ${latest.groups.map(
            (g) =>
              html`<tr>
                <th scope="row">${groupName(g.group, lang, labels)}</th>
                <td>${groupStatus(g, latest.k, lang)}</td>
                <td>${g.status === 'not-shown' ? '–' : (g.organisations ?? '–')}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

function earlierReleases(earlier: readonly ReleaseSummary[], total: number, lang: Lang): SafeHtml {
  const t = adminT(lang);
  if (earlier.length === 0) return html``;
  return html`<h3>${t('releases.earlier')}</h3>
    <div class="table-wrap" role="region" tabindex="0" aria-labelledby="release-history">
      <table>
        <caption id="release-history">
          ${t('releases.earlierCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('releases.number')}</th>
            <th scope="col">${t('releases.at')}</th>
            <th scope="col">${t('releases.reason')}</th>
            <th scope="col">${t('releases.final')}</th>
          </tr>
        </thead>
        <tbody>
          ${earlier.map(
            (r) =>
              html`<tr>
                <th scope="row">${r.number}</th>
                <td>${at(r.at, lang)}</td>
                <td>${t(`releases.reasons.${r.reason}`)}</td>
                <td>${t(r.final ? 'releases.yes' : 'releases.no')}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${earlier.length + 1 < total ? html`<p class="hint">${t('releases.more', { shown: earlier.length, total })}</p>` : ''}`;
}

/** The section; `releaseForm` is the page's POST form for "make a release now". */
export function releasesSection(
  lang: Lang,
  releases: RoundReleases,
  k: number,
  releaseForm: (content: SafeHtml) => SafeHtml,
): SafeHtml {
  const t = adminT(lang);
  const [latest, ...earlier] = releases.recent;
  return html`<section aria-labelledby="releases">
    <h2 id="releases">${t('releases.title')}</h2>
    <p>${t('releases.intro', { k })}</p>
    ${latest ? html`${latestRelease(latest, lang, releases.labels)}${earlierReleases(earlier, releases.total, lang)}` : html`<p>${t('releases.none')}</p>`}
    ${releaseForm(
      html`<p class="hint">${t('releases.makeHint', { k })}</p>
        <button type="submit">${t('releases.make')}</button>`,
    )}
  </section>`;
}
