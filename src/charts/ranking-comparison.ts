/**
 * The competencies in order of importance: where the organisation's leaders place each one
 * (mean rank, 1 = most important) beside where the comparison group places it (median of its
 * organisations' mean ranks). One row per competency, a line joining the two marks (a
 * "dumbbell"): long lines are where the organisation sees things differently from its peers.
 * With its own scale the same dot plot sets any two series side by side (two respondent
 * groups of one organisation: src/reports/organisation/html/sections/comparisons.ts).
 */
import type { EChartsOption } from 'echarts';
import { categoryAxis, COLOURS, FONT, LABELLED_GRID, valueAxis } from './palette.ts';

export interface RankingComparisonRow {
  readonly label: string;
  readonly ours: number | null;
  readonly peers: number | null;
}

export interface RankingComparisonInput {
  /** In the organisation's order, most important first. */
  readonly rows: readonly RankingComparisonRow[];
  /** Number of ranked options (the axis runs 1..n). */
  readonly size: number;
  /**
   * Another axis for the same dot plot (two groups' means of a 1–5 scale, say); by default
   * 1..size in whole places.
   */
  readonly scale?: { readonly min: number; readonly max: number; readonly interval?: number };
  readonly labels: { readonly ours: string; readonly peers: string; readonly axis: string };
}

export function rankingComparisonOption(input: RankingComparisonInput): EChartsOption {
  const categories = input.rows.map((r) => r.label);
  const hasPeers = input.rows.some((r) => r.peers !== null);
  const connectors = input.rows.flatMap((r, i) =>
    r.ours === null || r.peers === null
      ? []
      : [
          {
            type: 'line' as const,
            silent: true,
            symbol: 'none',
            lineStyle: { color: COLOURS.grid, width: 3 },
            data: [
              [r.ours, i],
              [r.peers, i],
            ],
            z: 1,
          },
        ],
  );
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: FONT,
    grid: { left: 8, right: 24, top: 16, bottom: 72, ...LABELLED_GRID },
    legend: {
      bottom: 0,
      textStyle: FONT,
      data: [
        { name: input.labels.ours, icon: 'circle' },
        ...(hasPeers ? [{ name: input.labels.peers, icon: 'diamond' }] : []),
      ],
    },
    xAxis: valueAxis({
      ...(input.scale ?? { min: 1, max: input.size, interval: 1 }),
      name: input.labels.axis,
    }),
    yAxis: categoryAxis(categories, 190),
    series: [
      ...connectors,
      {
        type: 'scatter',
        name: input.labels.ours,
        symbol: 'circle',
        symbolSize: 14,
        itemStyle: { color: COLOURS.ours, opacity: 1 },
        z: 3,
        data: input.rows.map((r, i) => (r.ours === null ? null : [r.ours, i])).filter((d) => d !== null),
      },
      ...(hasPeers
        ? [
            {
              type: 'scatter' as const,
              name: input.labels.peers,
              symbol: 'diamond',
              symbolSize: 16,
              itemStyle: { color: COLOURS.peers, opacity: 1 },
              z: 2,
              data: input.rows
                .map((r, i) => (r.peers === null ? null : [r.peers, i]))
                .filter((d) => d !== null),
            },
          ]
        : []),
    ],
  } as EChartsOption;
}
