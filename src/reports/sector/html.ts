/**
 * The sector report as one HTML document (web page and PDF), server-rendered and generic:
 * one section per figure the instrument declares, for the whole round, then the same figures
 * side by side by sector and for best practice against the rest, the change since the
 * previous round, and how to read it (the release, what is hidden and why).
 */
import type { Lang, Instrument } from '../../core/instrument/types.ts';
import { figurePlans, type FigurePlan } from '../../core/figures/plan.ts';
import { adminT } from '../../i18n/admin.ts';
import { formatDateTime } from '../../i18n/dates.ts';
import { formatNumber, localize } from '../../i18n/i18n.ts';
import { html, trustedCss, type SafeHtml } from '../organisation/html/escape.ts';
import { dataTable } from '../organisation/html/parts.ts';
import { figureBody, leafRows, type FigureView } from '../figures/html.ts';
import { figureTitle, groupLabel, keyLabel, optionLabel } from '../figures/labels.ts';
import { refLabel } from '../../i18n/explain.ts';
import type { PlaceComparison } from '../../core/release/place-comparison.ts';
import type { SectorGroup, SectorReport } from './model.ts';

export interface SectorReportPage {
  readonly report: SectorReport;
  readonly instrument: Instrument;
  readonly title: string;
  readonly lang: Lang;
  readonly stylesheet: { readonly href: string } | { readonly inline: string };
  /** Links to the other formats, for the web page. */
  readonly links?: { readonly pdf: string; readonly json: string; readonly other: string } | undefined;
  /** The staff bar (src/reports/staff-bar.ts) of the served page; never in the PDF. */
  readonly staffBar?: SafeHtml | undefined;
}

export function renderSectorReport(page: SectorReportPage): string {
  const { report, instrument, lang } = page;
  const t = adminT(lang);
  const dateTime = (iso: string) => formatDateTime(iso, lang);
  const plans = figurePlans(instrument);
  const all = report.groups.find((g) => g.id === 'all');
  const view = (id: string): FigureView => ({ instrument, lang, k: report.k, id: safeId(id) });
  const section = (id: string, heading: string, body: SafeHtml) =>
    html`<section aria-labelledby="${id}">
      <h2 id="${id}">${heading}</h2>
      ${body}
    </section>`;
  const body: SafeHtml[] = [];

  body.push(
    section(
      'release',
      t('figures.releaseTitle'),
      html`<p>
          ${t(report.release.final ? 'figures.releaseFinal' : 'figures.releaseOpen', {
            number: report.release.number,
            at: dateTime(report.release.at),
          })}
        </p>
        ${groupNotes(report, lang)}`,
    ),
  );

  if (!all?.figures) {
    body.push(html`<p>${t('figures.noFigures', { k: report.k })}</p>`);
  } else {
    for (const plan of plans) {
      const id = safeId(`figure-${plan.figure.id}`);
      body.push(
        section(
          id,
          figureTitle(instrument, plan.figure, lang),
          html`${plan.figure.intro ? html`<p>${localize(plan.figure.intro, lang)}</p>` : ''}
          ${figureBody(view(id), plan, all.figures[plan.figure.id], all.leaves?.[plan.figure.id], instrument.def.references)}`,
        ),
      );
    }
  }

  const side = (id: string, heading: string, intro: string, groups: SectorGroup[]) => {
    if (groups.length === 0) return;
    const tables = plans
      .filter((p) => p.figure.compare === undefined && p.figure.ranking === undefined)
      .map((plan) => sideBySide(view(`${id}-${plan.figure.id}`), plan, groups, lang));
    body.push(
      section(
        id,
        heading,
        html`<p>${intro}</p>
          ${sizesTable(view(`${id}-sizes`), groups, lang)} ${tables}`,
      ),
    );
  };
  side(
    'by-sector',
    t('sector.bySector'),
    t('figures.bySectorIntro', { k: report.k }),
    report.groups.filter((g) => g.kind === 'sector'),
  );
  if (report.placeComparisons.length > 0)
    body.push(
      section(
        'places',
        t('figures.places.title'),
        html`<p>${t('figures.places.intro', { k: report.k })}</p>
          ${placeTables(view('places'), report.placeComparisons)}`,
      ),
    );
  const bench = instrument.def.benchmark?.bestPractice;
  side(
    'best',
    t('sector.best'),
    bench && bench.ref !== instrument.def.index
      ? t('figures.bestIntroBy', {
          share: formatNumber(bench.topShare * 100, 0, lang),
          what: refLabel(instrument, bench.ref, lang),
        })
      : t('figures.bestIntro'),
    report.groups.filter((g) => g.kind === 'best' || g.kind === 'rest'),
  );

  if (report.change) {
    const c = report.change;
    const rows: SafeHtml[] = [];
    if (c.figures && all?.figures)
      for (const plan of plans) {
        if (plan.figure.means === undefined) continue;
        for (const leaf of plan.leaves) {
          if (leaf.kind !== 'mean') continue;
          const get = (x: unknown) =>
            leaf.path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], x);
          const fmt = (v: unknown) =>
            typeof v === 'number' ? formatNumber(v, 2, lang) : t('sector.noValue');
          rows.push(
            html`<tr>
              <th scope="row">
                ${figureTitle(instrument, plan.figure, lang)}:
                ${leaf.path.map((p) => keyLabel(instrument, plan.figure, p, lang)).join(' · ')}
              </th>
              <td class="num">${fmt(get(c.figures[plan.figure.id]))}</td>
              <td class="num">${fmt(get(all.figures[plan.figure.id]))}</td>
              <td class="num">${fmt(get(c.delta?.[plan.figure.id]))}</td>
            </tr>`,
          );
        }
      }
    const head = html`<tr>
      <th scope="col">${t('sector.figure')}</th>
      <th scope="col" class="num">${c.previous}</th>
      <th scope="col" class="num">${t('sector.current')}</th>
      <th scope="col" class="num">${t('sector.delta')}</th>
    </tr>`;
    body.push(
      section(
        'change',
        t('sector.change', { previous: c.previous }),
        rows.length > 0
          ? html`<p>
                ${t('figures.changeIntro', { previous: c.previous, number: c.release.number, at: dateTime(c.release.at) })}
              </p>
              ${dataTable('change-table', t('sector.change', { previous: c.previous }), head, html`${rows}`)}`
          : html`<p>${t('figures.changeNone', { k: report.k })}</p>`,
      ),
    );
  }

  body.push(
    section(
      'method',
      t('figures.methodTitle'),
      html`<p>${t('figures.methodMean')}</p>
        <p>${t('figures.methodK', { k: report.k })}</p>
        <p>${t('figures.methodQuantiles', { k: report.k, exact: 3 * report.k })}</p>
        <p>${t('figures.methodRelease', { k: report.k })}</p>
        <p>${localize(instrument.def.source, lang)}</p>
        ${instrument.def.references.map((r) => html`<p>${localize(r.label, lang)}: ${localize(r.source, lang)}</p>`)}`,
    ),
  );

  const style =
    'href' in page.stylesheet
      ? html`<link rel="stylesheet" href="${page.stylesheet.href}" />`
      : html`<style>
          ${trustedCss(page.stylesheet.inline)}
        </style>`;
  const links = page.links
    ? html`<nav aria-label="${t('sector.download')}">
        <ul class="links">
          <li><a href="${page.links.pdf}">${t('round.pdf')}</a></li>
          <li><a href="${page.links.json}">${t('round.json')}</a></li>
          <li>
            <a href="${page.links.other}" lang="${lang === 'da' ? 'en' : 'da'}">${t('nav.language')}</a>
          </li>
        </ul>
      </nav>`
    : '';
  const summary =
    report.organisations === null
      ? t('figures.summaryTooFew', { k: report.k })
      : t('sector.summary', {
          organisations: report.organisations,
          respondents: report.respondents ?? 0,
          k: report.k,
        });
  return `<!doctype html>\n${
    html`<html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${t('sector.title', { title: page.title })}</title>
        ${style}
      </head>
      <body class="report">
        ${
          page.staffBar
            ? html`<a class="skip" href="#main">${t('skip')}</a>
                <header class="site">${page.staffBar}</header>`
            : ''
        }
        <main id="main" tabindex="-1">
          <h1>${t('sector.title', { title: page.title })}</h1>
          <p>${summary}</p>
          ${links} ${body}
        </main>
      </body>
    </html>`.value
  }`;
}

/** Which groups show earlier figures or none, and why, in plain words. */
function groupNotes(report: SectorReport, lang: Lang): SafeHtml {
  const t = adminT(lang);
  const notes = report.groups
    .filter((g) => g.status !== 'current')
    .map(
      (g) =>
        html`<li>
          ${t(
            g.status === 'earlier'
              ? 'figures.status.earlier'
              : `figures.status.notShown.${g.reason ?? 'withheld'}`,
            {
              group: groupLabel(g.id, lang),
              k: report.k,
              release: g.figuresOf ?? '',
            },
          )}
        </li>`,
    );
  return notes.length > 0
    ? html`<ul>
        ${notes}
      </ul>`
    : html``;
}

function sizesTable(view: FigureView, groups: readonly SectorGroup[], lang: Lang): SafeHtml {
  const t = adminT(lang);
  const head = html`<tr>
    <th scope="col">${t('sector.figure')}</th>
    ${groups.map((g) => html`<th scope="col" class="num">${groupLabel(g.id, lang)}</th>`)}
  </tr>`;
  const cell = (g: SectorGroup) =>
    g.organisations === null ? t('figures.fewerOrHidden', { k: view.k }) : String(g.organisations);
  const body = html`<tr>
    <th scope="row">${t('sector.organisationsRow')}</th>
    ${groups.map((g) => html`<td class="num">${cell(g)}</td>`)}
  </tr>`;
  return dataTable(view.id, t('sector.organisationsRow'), head, body);
}

function sideBySide(
  view: FigureView,
  plan: FigurePlan,
  groups: readonly SectorGroup[],
  lang: Lang,
): SafeHtml {
  const t = adminT(lang);
  const rows = leafRows(view, plan);
  const head = html`<tr>
    <th scope="col">${t('sector.figure')}</th>
    ${groups.map((g) => html`<th scope="col" class="num">${groupLabel(g.id, lang)}</th>`)}
  </tr>`;
  const body = rows.map(
    (r) =>
      html`<tr>
        <th scope="row">${r.label}</th>
        ${groups.map((g) => html`<td class="num">${r.cell(g.leaves?.[plan.figure.id])}</td>`)}
      </tr>`,
  );
  return dataTable(view.id, figureTitle(view.instrument, plan.figure, lang), head, html`${body}`);
}

/**
 * One table per place comparison: the area, its place in each column's list, the gap; the
 * rows come ordered by the size of the gap (src/core/release/place-comparison.ts).
 */
function placeTables(view: FigureView, comparisons: readonly PlaceComparison[]): SafeHtml {
  const { instrument, lang } = view;
  const t = adminT(lang);
  const dash = t('sector.noValue');
  const columnName = (c: PlaceComparison, column: string) => {
    const figure = instrument.figures.find((f) => f.id === c.figure)!;
    return c.kind === 'groups' ? keyLabel(instrument, figure, column, lang) : groupLabel(column, lang);
  };
  return html`${comparisons.map((c, n) => {
    const figure = instrument.figures.find((f) => f.id === c.figure)!;
    const two = c.columns.length === 2;
    const group =
      c.respondentGroup === null
        ? t('figures.places.allRespondents')
        : keyLabel(instrument, figure, c.respondentGroup, lang);
    const caption = `${figureTitle(instrument, figure, lang)} · ${
      c.kind === 'groups' ? t('figures.places.groups') : t(`figures.places.${c.kind}`, { group })
    }`;
    const head = html`<tr>
      <th scope="col">${t('figures.places.option')}</th>
      ${c.columns.map((col) => html`<th scope="col" class="num">${t('figures.places.place', { group: columnName(c, col) })}</th>`)}
      <th scope="col" class="num">${t(two ? 'figures.places.gap' : 'figures.places.spread')}</th>
    </tr>`;
    const body = c.rows.map(
      (r) =>
        html`<tr>
          <th scope="row">${optionLabel(instrument, figure.ranking!, r.option, lang)}</th>
          ${c.columns.map((col) => html`<td class="num">${r.places[col] ?? dash}</td>`)}
          <td class="num">${r.gap === null ? dash : formatNumber(r.gap, 0, lang)}</td>
        </tr>`,
    );
    return html`${dataTable(`${view.id}-${n}`, caption, head, html`${body}`)}
      <p class="note">${t(two ? 'figures.places.gapNote' : 'figures.places.spreadNote')}</p>`;
  })}`;
}

/** Figure ids may have capitals ("businessIt"); ids of the page's charts may not. */
const safeId = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/[^a-z0-9-]/g, '-');
