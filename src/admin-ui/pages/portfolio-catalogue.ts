/**
 * The catalogue of documented solutions (`src/core/portfolio/catalogue.ts`): each with its
 * documented figures and source, and a button that adopts it as an initiative of the
 * organisation's (status "idea"), to be filled with the organisation's own numbers. The
 * sources are cited as the catalogue has them, in English (marked so for screen readers).
 */
import { CATALOGUE } from '../../core/portfolio/catalogue.ts';
import { html } from '../../reports/organisation/html/escape.ts';
import { csrfField, langField, page } from '../layout.ts';
import { problemList } from './rounds.ts';
import { formats, link, portfolioNav, portfolioPath, type PortfolioCtx } from './portfolio-parts.ts';

export function cataloguePage(ctx: PortfolioCtx, problems: readonly string[], path: string): string {
  const { t, lang } = ctx;
  const f = formats(lang, t);
  const body = html`${portfolioNav(ctx, 'catalogue')} ${problemList(t, problems)}
    <p>${t('portfolio.catalogue.intro')}</p>
    ${CATALOGUE.map(
      (entry) =>
        html`<section aria-labelledby="template-${entry.id}">
          <h2 id="template-${entry.id}">${entry.title[lang]}</h2>
          <p>${entry.summary[lang]}</p>
          <dl class="facts">
            <dt>${t('portfolio.catalogue.figures')}</dt>
            <dd>${entry.figures[lang]}</dd>
            <dt>${t('portfolio.catalogue.source')}</dt>
            <dd lang="en">${entry.source}</dd>
            <dt>${t('portfolio.fields.track')}</dt>
            <dd>${t(`portfolio.tracks.${entry.track}`)}</dd>
            <dt>${t('portfolio.catalogue.template')}</dt>
            <dd>
              ${t('portfolio.fields.investment_dkk')}: ${f.dkk(entry.template.investmentDkk)};
              ${t('portfolio.fields.expected_dkk_per_year')}: ${f.dkk(entry.template.expectedDkkPerYear)};
              ${t('portfolio.fields.expected_hours_per_year')}:
              ${f.hours(entry.template.expectedHoursPerYear)}
            </dd>
          </dl>
          ${
            ctx.canEdit
              ? html`<form method="post" action="${portfolioPath(ctx.organisation, '/catalogue')}">
                  ${csrfField(ctx.viewer)}${langField(lang)}
                  <input type="hidden" name="template" value="${entry.id}" />
                  <button type="submit">
                    ${t('portfolio.catalogue.adopt')}<span class="visually-hidden"
                      >: ${entry.title[lang]}</span
                    >
                  </button>
                </form>`
              : ''
          }
        </section>`,
    )}
    <p class="note">${t('portfolio.catalogue.note')}</p>
    <p><a href="${link(ctx, '')}">${t('portfolio.back')}</a></p>`;
  return page({
    lang,
    title: t('portfolio.catalogue.title'),
    viewer: ctx.viewer,
    path,
    body,
  });
}
