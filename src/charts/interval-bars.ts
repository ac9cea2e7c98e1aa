/**
 * Shares with their 95 % intervals (the citizen panel): per row the share as a marker and its
 * interval as a line with end caps — an error bar, drawn as a boxplot whose box has no width
 * (whiskers from the interval's low end to its high end, the "box" at the share). Values are
 * percentages 0–100. A row not shown (too few answers) has neither and its label says so.
 * The data table beside the chart carries the numbers.
 */
import type { EChartsOption } from 'echarts';
import { categoryAxis, COLOURS, FONT, LABELLED_GRID, valueAxis } from './palette.ts';

export type IntervalRow =
  | { readonly label: string; readonly share: number; readonly low: number; readonly high: number }
  | { readonly label: string; readonly share: null };

export interface IntervalBarsInput {
  readonly rows: readonly IntervalRow[];
  readonly labels: {
    readonly share: string;
    readonly interval: string;
    readonly notShown: string;
    readonly axis: string;
  };
}

const pct = (x: number) => Math.round(x * 1000) / 10;

export function intervalBarsOption(input: IntervalBarsInput): EChartsOption {
  const categories = input.rows.map((r) =>
    r.share === null ? `${r.label} (${input.labels.notShown})` : r.label,
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
        { name: input.labels.share, icon: 'circle' },
        { name: input.labels.interval, icon: 'rect' },
      ],
    },
    xAxis: valueAxis({ min: 0, max: 100, interval: 20, name: input.labels.axis }),
    yAxis: categoryAxis(categories, 200),
    series: [
      {
        type: 'boxplot',
        name: input.labels.interval,
        layout: 'horizontal',
        boxWidth: [0, 0],
        itemStyle: { color: COLOURS.peers, borderColor: COLOURS.bandLine, borderWidth: 2 },
        data: input.rows.map((r) =>
          r.share === null ? [] : [pct(r.low), pct(r.share), pct(r.share), pct(r.share), pct(r.high)],
        ),
      },
      {
        type: 'scatter',
        name: input.labels.share,
        symbol: 'circle',
        symbolSize: 12,
        itemStyle: { color: COLOURS.ours, borderColor: '#ffffff', borderWidth: 1, opacity: 1 },
        z: 3,
        data: input.rows.flatMap((r, i) => (r.share === null ? [] : [[pct(r.share), i]])),
      },
    ],
  } as EChartsOption;
}
