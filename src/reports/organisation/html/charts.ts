/**
 * The report's charts, from the report model through the shared chart builders
 * (`src/charts`) to inline SVG. The page and the PDF use these same SVGs, so what is printed
 * is what is on screen.
 */
import { benchmarkBarsOption, type BenchmarkBarRow } from '../../../charts/benchmark-bars.ts';
import { competencyProfileOption } from '../../../charts/competency-profile.ts';
import { domainQuadrantOption } from '../../../charts/domain-quadrant.ts';
import { rankingComparisonOption } from '../../../charts/ranking-comparison.ts';
import { FONT_FAMILY } from '../../../charts/palette.ts';
import { columnSizes, renderResponsiveChart } from '../../../charts/responsive.ts';
import { roundBarsOption, trendLinesOption } from '../../../charts/trend.ts';
import { reportT } from '../../../i18n/report.ts';
import type { OrganisationReport } from '../model/types.ts';
import { formatter } from './format.ts';

export interface ReportCharts {
  profile: string;
  ranking: string;
  domains: string;
  benchmarkIndex: string | null;
  benchmarkCompetencies: string | null;
  trendIndex: string | null;
  trendCompetencies: string | null;
}

const WIDE = 640;

export function renderReportCharts(report: OrganisationReport): ReportCharts {
  const t = reportT(report.lang);
  const f = formatter(report.lang);
  const org = report.organisation.name;
  const { profile, ranking, domains, benchmark, trend } = report;
  const comparison = profile.comparison;
  const scaleText = `${profile.scale.min}–${profile.scale.max}`;

  const profileSeries = [
    { name: org, values: profile.rows.map((r) => r.score) },
    ...(comparison
      ? [
          {
            name: t('charts.peerMedian', { group: comparison.label }),
            values: profile.rows.map((r) => (r.peer?.status === 'ok' ? r.peer.median : null)),
          },
        ]
      : []),
  ];
  const radar = competencyProfileOption({
    competencies: profile.rows.map((r) => ({ id: r.id, label: r.label })),
    series: profileSeries,
    scale: profile.scale,
    noValueNote: t('charts.noAnswer'),
  });
  // An instrument without competencies (a panel) has no profile to draw: a radar of nothing
  // makes ECharts fail, and the profile section shows nothing either.
  const profileSvg =
    profile.rows.length === 0
      ? ''
      : renderResponsiveChart(
          // The report's charts share one font, whose widths ECharts' server-side layout assumes.
          { ...radar, textStyle: { ...(radar.textStyle as object), fontFamily: FONT_FAMILY } },
          {
            id: 'chart-profile',
            title: t('profile.chartTitle'),
            description: t('profile.chartDescription', {
              series: profileSeries.map((s) => s.name).join('; '),
              scale: scaleText,
            }),
          },
          { wide: { width: 600, height: 460 }, narrowHeight: 400 },
        );

  const rankingSvg = renderResponsiveChart(
    rankingComparisonOption({
      rows: ranking.rows.map((r) => ({ label: r.label, ours: r.meanRank, peers: r.peerMedianRank })),
      size: ranking.size,
      labels: {
        ours: org,
        peers: comparison ? t('charts.peerMedian', { group: comparison.label }) : '',
        axis: t('ranking.axis'),
      },
    }),
    { id: 'chart-ranking', title: t('ranking.chartTitle'), description: t('ranking.chartDescription') },
    columnSizes(80 + ranking.rows.length * 38),
  );

  const domainsSvg = renderResponsiveChart(
    domainQuadrantOption({
      domains: domains.rows,
      scale: domains.scale,
      labels: {
        priority: t('domains.priority'),
        effort: t('domains.effort'),
        advised: t('domains.advisedSeries'),
        other: t('domains.otherSeries'),
        diagonal: t('domains.diagonal'),
      },
    }),
    { id: 'chart-domains', title: t('domains.chartTitle'), description: t('domains.chartDescription') },
    { wide: { width: WIDE, height: 460 }, narrowHeight: 400 },
  );

  const indexDim = benchmark.dimensions[0];
  const benchRow = (
    label: string,
    fig: OrganisationReport['benchmark']['dimensions'][number]['figures'][string] | undefined,
    value: number | null,
  ): BenchmarkBarRow =>
    fig?.status === 'ok'
      ? { label, status: 'ok', q1: fig.q1, median: fig.median, q3: fig.q3, value }
      : { label, status: 'too-few', value };
  const tooFew = t('benchmark.tooFewShort');
  const benchmarkIndex =
    indexDim && benchmark.groups.length > 0
      ? renderResponsiveChart(
          benchmarkBarsOption({
            rows: benchmark.groups.map((g) =>
              benchRow(`${g.label} (${g.size})`, indexDim.figures[g.id], indexDim.value),
            ),
            scale: { min: 0, max: 100, interval: 20 },
            labels: { ours: org, peers: t('charts.middleHalf'), tooFew, axis: indexDim.label },
          }),
          {
            id: 'chart-benchmark-index',
            title: t('benchmark.indexChartTitle'),
            description: t('benchmark.indexChartDescription', { k: benchmark.k }),
          },
          columnSizes(100 + benchmark.groups.length * 44),
        )
      : null;

  const benchmarkCompetencies = comparison
    ? renderResponsiveChart(
        benchmarkBarsOption({
          rows: profile.rows.map((r) =>
            r.peer?.status === 'ok'
              ? {
                  label: r.label,
                  status: 'ok',
                  q1: r.peer.q1,
                  median: r.peer.median,
                  q3: r.peer.q3,
                  value: r.score,
                }
              : { label: r.label, status: 'too-few', value: r.score },
          ),
          scale: { ...profile.scale, interval: 1 },
          labels: {
            ours: org,
            peers: t('charts.middleHalfOf', { group: comparison.label }),
            tooFew,
            axis: t('profile.axis'),
          },
        }),
        {
          id: 'chart-benchmark-competencies',
          title: t('benchmark.competencyChartTitle', { group: comparison.label }),
          description: t('benchmark.competencyChartDescription', { k: benchmark.k }),
        },
        columnSizes(100 + profile.rows.length * 40),
      )
    : null;

  const hasTrend = trend.rounds.length > 1;
  const trendIndex = hasTrend
    ? renderResponsiveChart(
        trendLinesOption({
          rounds: trend.rounds.map((r) => r.title),
          series: [{ name: report.summary.indexLabel, values: trend.rounds.map((r) => r.index) }],
          scale: { min: 0, max: 100 },
          axis: report.summary.indexLabel,
          format: (v) => f.num(v, report.summary.indexDecimals),
        }),
        {
          id: 'chart-trend-index',
          title: t('trend.indexChartTitle'),
          description: t('trend.indexChartDescription'),
        },
        columnSizes(300),
      )
    : null;
  const trendCompetencies = hasTrend
    ? renderResponsiveChart(
        roundBarsOption({
          categories: trend.competencies.map((c) => c.label),
          rounds: trend.rounds.map((r) => ({
            name: r.title,
            values: trend.competencies.map((c) => r.competencies[c.id] ?? null),
          })),
          scale: profile.scale,
          axis: t('profile.axis'),
          format: (v) => f.num(v, 1),
        }),
        {
          id: 'chart-trend-competencies',
          title: t('trend.competencyChartTitle'),
          description: t('trend.competencyChartDescription'),
        },
        columnSizes(110 + trend.competencies.length * (12 + 16 * trend.rounds.length)),
      )
    : null;

  return {
    profile: profileSvg,
    ranking: rankingSvg,
    domains: domainsSvg,
    benchmarkIndex,
    benchmarkCompetencies,
    trendIndex,
    trendCompetencies,
  };
}
