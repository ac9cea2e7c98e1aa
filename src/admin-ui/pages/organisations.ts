/**
 * The organisations of a round with the attributes peer groups are formed from (type, size and
 * its band, region, any other), their official comparison sets, one organisation's form and
 * the two file uploads (attributes, comparison sets).
 */
import type { Lang } from '../../core/instrument/types.ts';
import { organisationRules, typesOf } from '../../core/organisations/attributes.ts';
import type { RoundOrganisationsView } from '../../api/services/organisations.ts';
import { adminT } from '../../i18n/admin.ts';
import { formatNumber } from '../../i18n/i18n.ts';
import { sizeGroupLabel } from '../../reports/figures/labels.ts';
import { organisationPath } from '../../reports/organisation/html/context.ts';
import { html, type SafeHtml } from '../../reports/organisation/html/escape.ts';
import type { RoundOrganisationAttributes } from '../../storage/index.ts';
import { csrfField, langField, page, withLang, type Viewer } from '../layout.ts';
import { problemList } from './rounds.ts';

export interface OrganisationsPageInput {
  readonly view: RoundOrganisationsView;
  /** The organisation whose form is open, if any. */
  readonly editing: string | null;
  /** What the form was sent with, shown again after a problem. */
  readonly values?: Readonly<Record<string, string>>;
  readonly problems: readonly string[];
  readonly problemsIntro?: string;
  readonly notice: string | null;
}

export const organisationsPath = (roundName: string) =>
  `/admin/rounds/${encodeURIComponent(roundName)}/organisations`;

/** Further attributes as the form's text: one `key=value` a line. */
export const otherText = (extra: Readonly<Record<string, string>>) =>
  Object.entries(extra)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');

function editForm(
  lang: Lang,
  viewer: Viewer,
  input: OrganisationsPageInput,
  org: RoundOrganisationAttributes,
): SafeHtml {
  const t = adminT(lang);
  const a = org.attributes;
  const values = input.values ?? {
    type: a.type ?? '',
    size: a.size === null ? '' : String(a.size),
    region: a.region ?? '',
    other: otherText(a.extra),
  };
  const types = typesOf(organisationRules(input.view.instrument), org.sector);
  const unit = organisationRules(input.view.instrument).sizeBands[org.sector as 'kommune']?.unit;
  return html`<section aria-labelledby="edit">
    <h2 id="edit">${t('organisations.edit', { name: org.name })}</h2>
    <form method="post" action="${organisationsPath(input.view.round.name)}">
      ${csrfField(viewer)}${langField(lang)}
      <input type="hidden" name="organisation" value="${org.name}" />
      <label for="org-type">${t('organisations.type')}</label
      ><select id="org-type" name="type">
        <option value="">${t('organisations.none')}</option>
        ${types.map(
          (code) =>
            html`<option value="${code}" ${values.type === code ? html` selected` : ''}>
              ${t(`figures.types.${code}`, { defaultValue: code })}
            </option>`,
        )}
      </select>
      <label for="org-size">${t('organisations.size')}</label
      ><input
        type="text"
        inputmode="decimal"
        id="org-size"
        name="size"
        value="${values.size ?? ''}"
        aria-describedby="org-size-hint"
      />
      <p class="hint" id="org-size-hint">
        ${unit ? t(`organisations.sizeHint.${unit}`) : t('organisations.sizeHint.none')}
      </p>
      <label for="org-region">${t('organisations.region')}</label
      ><input type="text" id="org-region" name="region" value="${values.region ?? ''}" maxlength="200" />
      <label for="org-other">${t('organisations.other')}</label
      ><textarea id="org-other" name="other" rows="3" aria-describedby="org-other-hint">
${values.other ?? ''}</textarea>
      <p class="hint" id="org-other-hint">${t('organisations.otherHint')}</p>
      <button type="submit">${t('organisations.save')}</button>
    </form>
  </section>`;
}

function uploadForm(
  lang: Lang,
  viewer: Viewer,
  roundName: string,
  kind: 'attributes' | 'comparisons',
): SafeHtml {
  const t = adminT(lang);
  return html`<section aria-labelledby="upload-${kind}">
    <h2 id="upload-${kind}">${t(`organisations.upload.${kind}.title`)}</h2>
    <p class="hint" id="upload-${kind}-hint">${t(`organisations.upload.${kind}.hint`)}</p>
    <form method="post" action="${organisationsPath(roundName)}/${kind}" enctype="multipart/form-data">
      ${csrfField(viewer)}${langField(lang)}
      <label for="file-${kind}">${t('organisations.upload.file')}</label
      ><input
        type="file"
        id="file-${kind}"
        name="file"
        accept=".csv,text/csv"
        required
        aria-describedby="upload-${kind}-hint"
      />
      <button type="submit">${t(`organisations.upload.${kind}.submit`)}</button>
    </form>
  </section>`;
}

export function organisationsPage(lang: Lang, viewer: Viewer, input: OrganisationsPageInput): string {
  const t = adminT(lang);
  const { round, instrument, organisations, comparisons } = input.view;
  const path = organisationsPath(round.name);
  const closed = round.status === 'closed';
  const editing = closed ? undefined : organisations.find((o) => o.name === input.editing);
  const size = (o: RoundOrganisationAttributes) =>
    o.attributes.size === null ? '' : formatNumber(o.attributes.size, 2, lang);
  const band = (o: RoundOrganisationAttributes) =>
    o.sizeBand === null ? '' : sizeGroupLabel(o.sector, o.sizeBand, lang, instrument);
  const body = html`${problemList(t, input.problems, input.problemsIntro)}
    <p>${t('organisations.intro')}</p>
    <p>
      <a href="${withLang(`/admin/rounds/${encodeURIComponent(round.name)}`, lang)}"
        >${t('organisations.back')}</a
      >
    </p>
    ${closed ? html`<p class="warning" role="note"><strong>${t('organisations.closedNote')}</strong></p>` : ''}
    ${editing ? editForm(lang, viewer, input, editing) : ''}
    <div class="table-wrap" role="region" tabindex="0" aria-labelledby="organisations-table">
      <table>
        <caption id="organisations-table">
          ${t('organisations.caption', { count: organisations.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('organisations.organisation')}</th>
            <th scope="col">${t('organisations.sector')}</th>
            <th scope="col">${t('organisations.type')}</th>
            <th scope="col" class="num">${t('organisations.size')}</th>
            <th scope="col">${t('organisations.sizeBand')}</th>
            <th scope="col">${t('organisations.region')}</th>
            <th scope="col">${t('organisations.other')}</th>
            <th scope="col">${t('organisations.comparisons')}</th>
            <th scope="col"><span class="visually-hidden">${t('organisations.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${organisations.map(
            (o) =>
              html`<tr>
                <th scope="row">
                  <a href="${withLang(`${organisationPath(o.name)}/overview`, lang)}">${o.name}</a>
                </th>
                <td>${t(`sector.sectors.${o.sector}`, { defaultValue: o.sector })}</td>
                <td>
                  ${o.attributes.type ? t(`figures.types.${o.attributes.type}`, { defaultValue: o.attributes.type }) : ''}
                </td>
                <td class="num">${size(o)}</td>
                <td>${band(o)}</td>
                <td>${o.attributes.region ?? ''}</td>
                <td>${otherText(o.attributes.extra).replaceAll('\n', ', ')}</td>
                <td>${(comparisons.get(o.organisationId) ?? []).join(', ')}</td>
                <td>
                  ${
                    closed
                      ? ''
                      : html`<a href="${withLang(`${path}?edit=${encodeURIComponent(o.name)}`, lang)}#edit"
                          >${t('organisations.editLink')}<span class="visually-hidden">: ${o.name}</span></a
                        >`
                  }
                  <a href="${withLang(`/admin/organisations/${encodeURIComponent(o.name)}/portfolio`, lang)}"
                    >${t('portfolio.nav.overview')}<span class="visually-hidden">: ${o.name}</span></a
                  >
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${closed ? '' : html`${uploadForm(lang, viewer, round.name, 'attributes')}${uploadForm(lang, viewer, round.name, 'comparisons')}`}`;
  return page({
    lang,
    title: t('organisations.pageTitle', { round: round.name }),
    viewer,
    path: input.editing ? `${path}?edit=${encodeURIComponent(input.editing)}` : path,
    body,
    notice: input.notice,
  });
}
