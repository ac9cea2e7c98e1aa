/**
 * The citizen panel's report (staff): weighted shares with their 95 % intervals (chart and
 * table), the breakdowns by the panel's background items with the cells under the round's
 * minimum left out, the combined view beside an organisation round, and how to read it (what
 * the weights are, what n_eff is). Server-rendered, no script; every number comes from the
 * panel figures JSON (src/core/panel/figures.ts) and the organisation round's release.
 */
import { intervalBarsOption, type IntervalRow } from '../../charts/interval-bars.ts';
import { columnSizes, renderResponsiveChart } from '../../charts/responsive.ts';
import type { Json } from '../../core/figures/assemble.ts';
import type { Instrument, Lang } from '../../core/instrument/types.ts';
import type { CombinedRow } from '../../core/panel/combined.ts';
import { panelCategories } from '../../core/panel/figures.ts';
import { adminT } from '../../i18n/admin.ts';
import { formatNumber, localize } from '../../i18n/i18n.ts';
import { optionLabel } from '../figures/labels.ts';
import { html, trustedCss, type SafeHtml } from '../organisation/html/escape.ts';
import { chartFigure, dataTable } from '../organisation/html/parts.ts';

interface Share {
  readonly share: number;
  readonly ci95: readonly [number, number];
  readonly n: number;
  readonly nEffective: number;
}
type Shares = Readonly<Record<string, Readonly<Record<string, Share>> | null>>;
interface Cell {
  readonly respondents: number | null;
  readonly shares: Shares;
}

export interface PanelReportPage {
  readonly instrument: Instrument;
  readonly figures: { readonly [key: string]: Json };
  readonly title: string;
  readonly lang: Lang;
  readonly stylesheet: { readonly href: string } | { readonly inline: string };
  readonly links?: { readonly json: string; readonly other: string } | undefined;
  readonly staffBar?: SafeHtml | undefined;
  /** The combined view: the organisation rounds to choose from, the one read, its rows. */
  readonly combined?: {
    readonly action: string;
    readonly candidates: readonly string[];
    readonly chosen: string | null;
    readonly shown: boolean;
    readonly rows: readonly CombinedRow[];
  };
}

export function renderPanelReport(page: PanelReportPage): string {
  const { instrument, lang } = page;
  const t = adminT(lang);
  const panel = instrument.def.panel!;
  const f = page.figures;
  const minCell = Number(f['minCell']);
  const shares = f['shares'] as unknown as Shares;
  const pct = (x: number) => `${formatNumber(x * 100, 1, lang)} %`;
  const interval = (s: Share) => `${pct(s.ci95[0])}–${pct(s.ci95[1])}`;
  const itemLabel = (id: string) => localize(instrument.itemById.get(id)?.def.label, lang) || id;
  const categoryLabel = (item: string, category: string) =>
    instrument.slotById.get(item)?.kind === 'choice'
      ? optionLabel(instrument, item, category, lang)
      : t(`panel.category.${category}`);
  /** The rows a share table and chart show: every item's categories, in the instrument's order. */
  const rowsOf = (s: Shares) =>
    panel.items.flatMap((item) =>
      panelCategories(instrument, panel, item).map((category) => ({
        item,
        category,
        label: `${itemLabel(item)}: ${categoryLabel(item, category)}`,
        share: s[item]?.[category] ?? null,
      })),
    );
  const section = (id: string, heading: string, body: SafeHtml) =>
    html`<section aria-labelledby="${id}">
      <h2 id="${id}">${heading}</h2>
      ${body}
    </section>`;
  const chart = (id: string, caption: string, rows: readonly IntervalRow[]) =>
    chartFigure(
      renderResponsiveChart(
        intervalBarsOption({
          rows,
          labels: {
            share: t('panel.share'),
            interval: t('panel.interval'),
            notShown: t('panel.notShown'),
            axis: t('panel.axis'),
          },
        }),
        { id, title: caption, description: t('panel.chartDescription') },
        columnSizes(100 + rows.length * 30),
      ),
      caption,
    );
  const toInterval = (label: string, s: Share | null): IntervalRow =>
    s ? { label, share: s.share, low: s.ci95[0], high: s.ci95[1] } : { label, share: null };

  const body: SafeHtml[] = [];

  // The whole panel: one chart of the agreement items' "agree", one per choice item; a full table.
  const all = rowsOf(shares);
  const agreeRows = all.filter((r) => r.category === 'agree');
  const choiceItems = panel.items.filter((i) => instrument.slotById.get(i)?.kind === 'choice');
  const head = html`<tr>
    <th scope="col">${t('panel.item')}</th>
    <th scope="col" class="num">${t('panel.share')}</th>
    <th scope="col" class="num">${t('panel.interval')}</th>
    <th scope="col" class="num">${t('panel.n')}</th>
    <th scope="col" class="num">${t('panel.nEffective')}</th>
  </tr>`;
  const shareRow = (label: string, s: Share | null) =>
    html`<tr>
      <th scope="row">${label}</th>
      ${
        s
          ? html`<td class="num">${pct(s.share)}</td>
              <td class="num">${interval(s)}</td>
              <td class="num">${String(s.n)}</td>
              <td class="num">${formatNumber(s.nEffective, 1, lang)}</td>`
          : html`<td class="num" colspan="4">${t('panel.tooFew', { min: minCell })}</td>`
      }
    </tr>`;
  body.push(
    section(
      'shares',
      t('panel.sharesTitle'),
      html`<p>${t('panel.sharesIntro')}</p>
        ${chart(
          'chart-agree',
          t('panel.agreeChart'),
          agreeRows.map((r) => toInterval(itemLabel(r.item), r.share)),
        )}
        ${choiceItems.map((item) =>
          chart(
            `chart-${item.replace(/[^a-z0-9]/g, '-')}`,
            itemLabel(item),
            all
              .filter((r) => r.item === item)
              .map((r) => toInterval(categoryLabel(item, r.category), r.share)),
          ),
        )}
        ${dataTable('shares-table', t('panel.sharesTable'), head, html`${all.map((r) => shareRow(r.label, r.share))}`)}`,
    ),
  );

  // Breakdowns: a chart per background item of the first agreement item, a table of every share.
  const breakdowns = (f['breakdowns'] ?? {}) as unknown as Readonly<
    Record<string, Readonly<Record<string, Cell>>>
  >;
  const headline = agreeRows.find((r) => r.item === 'digital.all') ?? agreeRows[0];
  for (const by of panel.breakdowns) {
    const cells = breakdowns[by] ?? {};
    const values = Object.keys(cells);
    const id = `by-${by.replace(/[^a-z0-9]/g, '-')}`;
    const cellHead = html`<tr>
      <th scope="col">${t('panel.item')}</th>
      ${values.map((v) => html`<th scope="col" class="num">${optionLabel(instrument, by, v, lang)}</th>`)}
    </tr>`;
    const sizeRow = html`<tr>
      <th scope="row">${t('panel.respondents')}</th>
      ${values.map(
        (v) =>
          html`<td class="num">
            ${cells[v]!.respondents === null ? t('panel.tooFewShort', { min: minCell }) : String(cells[v]!.respondents)}
          </td>`,
      )}
    </tr>`;
    const rows = all.map(
      (r) =>
        html`<tr>
          <th scope="row">${r.label}</th>
          ${values.map((v) => {
            const s = cells[v]!.shares[r.item]?.[r.category];
            return html`<td class="num">
              ${s ? html`${pct(s.share)} <span class="ci">(${interval(s)})</span>` : '–'}
            </td>`;
          })}
        </tr>`,
    );
    body.push(
      section(
        id,
        t('panel.byTitle', { by: itemLabel(by) }),
        html`<p>${t('panel.byIntro', { min: minCell })}</p>
          ${
            headline
              ? chart(
                  `${id}-chart`,
                  t('panel.byChart', { item: headline.label, by: itemLabel(by) }),
                  values.map((v) =>
                    toInterval(
                      optionLabel(instrument, by, v, lang),
                      cells[v]!.shares[headline.item]?.[headline.category] ?? null,
                    ),
                  ),
                )
              : ''
          }
          ${dataTable(`${id}-table`, t('panel.byTitle', { by: itemLabel(by) }), cellHead, html`${sizeRow}${rows}`)}`,
      ),
    );
  }

  if (page.combined) body.push(combinedSection(page, pct, interval));

  body.push(
    section(
      'method',
      t('panel.methodTitle'),
      html`<p>${t('panel.methodWeights')}</p>
        <p>
          ${t('panel.methodNeff', {
            n: Number(f['respondents']),
            nEffective: formatNumber(Number(f['nEffective']), 1, lang),
          })}
        </p>
        <p>${t('panel.methodCells', { min: minCell })}</p>
        <p>${localize(instrument.def.source, lang)}</p>`,
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
          <li><a href="${page.links.json}">${t('round.json')}</a></li>
          <li>
            <a href="${page.links.other}" lang="${lang === 'da' ? 'en' : 'da'}">${t('nav.language')}</a>
          </li>
        </ul>
      </nav>`
    : '';
  const heading = t('panel.title', { title: page.title });
  return `<!doctype html>\n${
    html`<html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${heading}</title>
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
          <h1>${heading}</h1>
          <p>
            ${t('panel.summary', {
              n: Number(f['respondents']),
              weightSum: formatNumber(Number(f['weightSum']), 1, lang),
              nEffective: formatNumber(Number(f['nEffective']), 1, lang),
            })}
          </p>
          ${links} ${body}
        </main>
      </body>
    </html>`.value
  }`;
}

function combinedSection(
  page: PanelReportPage,
  pct: (x: number) => string,
  interval: (s: Share) => string,
): SafeHtml {
  const c = page.combined!;
  const t = adminT(page.lang);
  const form = html`<form method="get" action="${c.action}" class="inline">
    <input type="hidden" name="lang" value="${page.lang}" />
    <label for="organisations">${t('panel.combinedRound')}</label>
    <select id="organisations" name="organisations">
      ${c.candidates.map(
        (name) => html`<option value="${name}" ${name === c.chosen ? html`selected` : ''}>${name}</option>`,
      )}
    </select>
    <button type="submit">${t('panel.combinedShow')}</button>
  </form>`;
  const groups = c.rows[0]?.organisations.map((o) => o.group) ?? [];
  const head = html`<tr>
    <th scope="col">${t('panel.combinedWhat')}</th>
    <th scope="col" class="num">${t('panel.combinedCitizens')}</th>
    ${groups.map(
      (g, i) =>
        html`<th scope="col" class="num">
          ${
            g === 'all'
              ? t('panel.combinedAll', { n: c.rows[0]!.organisations[i]!.organisations })
              : t('panel.combinedSector', {
                  sector: t(`panel.sector.${g}`),
                  n: c.rows[0]!.organisations[i]!.organisations,
                })
          }
        </th>`,
    )}
  </tr>`;
  const rows = c.rows.map(
    (r) =>
      html`<tr>
        <th scope="row">${t(`panel.pair.${r.pair.id}`)}</th>
        <td class="num">
          ${r.citizens ? html`${pct(r.citizens.share)} <span class="ci">(${interval(r.citizens)})</span>` : '–'}
        </td>
        ${r.organisations.map((o) => html`<td class="num">${o.share === null ? '–' : pct(o.share)}</td>`)}
      </tr>`,
  );
  const note =
    c.chosen === null
      ? t('panel.combinedNone')
      : !c.shown
        ? t('panel.combinedHidden', { round: c.chosen })
        : t('panel.combinedIntro', { round: c.chosen });
  return html`<section aria-labelledby="combined">
    <h2 id="combined">${t('panel.combinedTitle')}</h2>
    <p>${note}</p>
    ${c.candidates.length > 0 ? form : ''}
    ${
      c.chosen !== null && c.shown
        ? dataTable('combined-table', t('panel.combinedTitle'), head, html`${rows}`)
        : ''
    }
  </section>`;
}
