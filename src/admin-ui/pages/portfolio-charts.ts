/**
 * The portfolio's charts on its page, each drawn for a desktop and a phone
 * (`src/charts/responsive.ts`) and followed by the table of the numbers it shows: expected vs
 * realised gains per month (cumulative), the portfolio by track and status, payback vs size.
 */
import { cumulativeGainsOption, paybackSizeOption, trackStatusOption } from '../../charts/portfolio.ts';
import { FONT_FAMILY } from '../../charts/palette.ts';
import { columnSizes, renderResponsiveChart } from '../../charts/responsive.ts';
import { STATUSES, TRACKS } from '../../core/portfolio/types.ts';
import type { PortfolioReport } from '../../api/services/portfolio.ts';
import { html, trustedSvg, type SafeHtml } from '../../reports/organisation/html/escape.ts';
import { formats, tableRegion, type PortfolioCtx } from './portfolio-parts.ts';

const withFont = <T extends object>(option: T): T => ({
  ...option,
  textStyle: { ...((option as { textStyle?: object }).textStyle ?? {}), fontFamily: FONT_FAMILY },
});

/** Axis labels in thousands on a phone-sized chart would still be wide: "1,2 mio." style text. */
function shortAmount(ctx: PortfolioCtx) {
  const f = formats(ctx.lang, ctx.t);
  return (v: number) =>
    Math.abs(v) >= 1_000_000
      ? ctx.t('portfolio.format.millions', { value: f.fte(v / 1_000_000) })
      : Math.abs(v) >= 1000
        ? ctx.t('portfolio.format.thousands', { value: f.plain(v / 1000) })
        : f.plain(v);
}

function figure(id: string, title: string, svg: string, note: SafeHtml | string, table: SafeHtml): SafeHtml {
  return html`<figure class="chart" aria-labelledby="${id}-caption">
      <figcaption id="${id}-caption">${title}</figcaption>
      ${trustedSvg(svg)}
      <p class="note">${note}</p>
    </figure>
    ${table}`;
}

export function portfolioCharts(ctx: PortfolioCtx, report: PortfolioReport): SafeHtml {
  const { t } = ctx;
  const f = formats(ctx.lang, t);
  if (report.initiatives.length === 0) return html`<p>${t('portfolio.charts.empty')}</p>`;

  // 1. Expected vs realised, cumulative per month (the last 36 months at most on the chart).
  const series = report.series.slice(-36);
  const labels = { expected: t('portfolio.charts.expected'), realised: t('portfolio.charts.realised') };
  const cumulative = renderResponsiveChart(
    withFont(
      cumulativeGainsOption({
        months: series.map((p) => p.month),
        expected: series.map((p) => Math.round(p.expectedDkk)),
        realised: series.map((p) => Math.round(p.realisedDkk)),
        labels: { ...labels, axis: t('portfolio.charts.dkk') },
        format: shortAmount(ctx),
      }),
    ),
    {
      id: 'chart-cumulative',
      title: t('portfolio.charts.cumulativeTitle'),
      description: t('portfolio.charts.cumulativeDescription', { asOf: report.asOf }),
    },
    columnSizes(340),
  );
  const cumulativeTable = tableRegion(
    'table-cumulative',
    t('portfolio.charts.cumulativeTable'),
    html`<tr>
      <th scope="col">${t('portfolio.charts.month')}</th>
      <th scope="col" class="num">${labels.expected}</th>
      <th scope="col" class="num">${labels.realised}</th>
    </tr>`,
    html`${report.series.map(
      (p) =>
        html`<tr>
          <th scope="row">${p.month}</th>
          <td class="num">${f.dkk(p.expectedDkk)}</td>
          <td class="num">${f.dkk(p.realisedDkk)}</td>
        </tr>`,
    )}`,
  );

  // 2. The portfolio by track and status (number of initiatives).
  const trackLabels = TRACKS.map((tr) => t(`portfolio.tracks.${tr}`));
  const statusRows = STATUSES.map((s) => ({
    name: t(`portfolio.statuses.${s}`),
    counts: TRACKS.map((tr) => report.byTrack[tr].byStatus[s]),
  }));
  const trackStatus = renderResponsiveChart(
    withFont(
      trackStatusOption({ tracks: trackLabels, statuses: statusRows, axis: t('portfolio.charts.count') }),
    ),
    {
      id: 'chart-track-status',
      title: t('portfolio.charts.trackStatusTitle'),
      description: t('portfolio.charts.trackStatusDescription'),
    },
    columnSizes(80 + TRACKS.length * 56),
  );
  const trackStatusTable = tableRegion(
    'table-track-status',
    t('portfolio.charts.trackStatusTable'),
    html`<tr>
      <th scope="col">${t('portfolio.fields.track')}</th>
      ${statusRows.map((s) => html`<th scope="col" class="num">${s.name}</th>`)}
      <th scope="col" class="num">${t('portfolio.charts.all')}</th>
    </tr>`,
    html`${TRACKS.map(
      (tr, n) =>
        html`<tr>
          <th scope="row">${trackLabels[n]}</th>
          ${statusRows.map((s) => html`<td class="num">${s.counts[n]}</td>`)}
          <td class="num">${report.byTrack[tr].initiatives}</td>
        </tr>`,
    )}`,
  );

  // 3. Payback against size (investment); initiatives that never pay back are listed, not drawn.
  const drawn = report.initiatives.filter((i) => i.paybackYears !== null);
  const never = report.initiatives.filter((i) => i.paybackYears === null);
  const payback = renderResponsiveChart(
    withFont(
      paybackSizeOption({
        points: drawn.map((i) => ({
          name: i.initiative,
          investment: i.investmentDkk,
          payback: i.paybackYears!,
        })),
        labels: { x: t('portfolio.charts.investment'), y: t('portfolio.charts.paybackYears') },
        format: shortAmount(ctx),
      }),
    ),
    {
      id: 'chart-payback',
      title: t('portfolio.charts.paybackTitle'),
      description: t('portfolio.charts.paybackDescription'),
    },
    columnSizes(340),
  );
  const paybackTable = tableRegion(
    'table-payback',
    t('portfolio.charts.paybackTable'),
    html`<tr>
      <th scope="col">${t('portfolio.fields.initiative')}</th>
      <th scope="col" class="num">${t('portfolio.charts.investment')}</th>
      <th scope="col" class="num">${t('portfolio.figures.payback')}</th>
    </tr>`,
    html`${report.initiatives.map(
      (i) =>
        html`<tr>
          <th scope="row">${i.initiative}</th>
          <td class="num">${f.dkk(i.investmentDkk)}</td>
          <td class="num">${f.years(i.paybackYears)}</td>
        </tr>`,
    )}`,
  );

  return html`${figure(
    'chart-cumulative',
    t('portfolio.charts.cumulativeTitle'),
    cumulative,
    t('portfolio.charts.cumulativeNote'),
    cumulativeTable,
  )}
  ${figure(
    'chart-track-status',
    t('portfolio.charts.trackStatusTitle'),
    trackStatus,
    t('portfolio.charts.trackStatusNote'),
    trackStatusTable,
  )}
  ${figure(
    'chart-payback',
    t('portfolio.charts.paybackTitle'),
    payback,
    never.length
      ? t('portfolio.charts.neverPaysBack', { names: never.map((i) => i.initiative).join(', ') })
      : t('portfolio.charts.paybackNote'),
    paybackTable,
  )}`;
}
