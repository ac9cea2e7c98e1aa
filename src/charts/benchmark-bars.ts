/**
 * The organisation against peer groups: per row (a group, or a value), the peers' middle half
 * (first to third quartile) as a box with the median as a line through it, and the
 * organisation's own value as a marker. Rows whose group is below k show no box at all: their
 * axis label says "too few", and nothing is computed from them. The minimum and maximum are
 * never drawn: in a small group they are one organisation's value.
 */
import type { EChartsOption } from 'echarts';
import { categoryAxis, COLOURS, FONT, LABELLED_GRID, valueAxis } from './palette.ts';

export type BenchmarkBarRow =
  | {
      readonly label: string;
      readonly status: 'ok';
      readonly q1: number;
      readonly median: number;
      readonly q3: number;
      readonly value: number | null;
    }
  /** A small group: only the band its median lies in (no quartiles; see docs/disclosure.md). */
  | {
      readonly label: string;
      readonly status: 'band';
      readonly low: number;
      readonly high: number;
      readonly value: number | null;
    }
  | { readonly label: string; readonly status: 'too-few'; readonly value: number | null };

export interface BenchmarkBarsInput {
  readonly rows: readonly BenchmarkBarRow[];
  readonly scale: { readonly min: number; readonly max: number; readonly interval?: number };
  readonly labels: {
    readonly ours: string;
    readonly peers: string;
    /** Legend of the median's band in groups too small for quartiles. */
    readonly band?: string;
    readonly tooFew: string;
    readonly axis: string;
  };
}

export function benchmarkBarsOption(input: BenchmarkBarsInput): EChartsOption {
  const categories = input.rows.map((r) =>
    r.status === 'too-few' ? `${r.label} (${input.labels.tooFew})` : r.label,
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
        { name: input.labels.peers, icon: 'rect' },
        ...(input.labels.band && input.rows.some((r) => r.status === 'band')
          ? [{ name: input.labels.band, icon: 'rect' }]
          : []),
        { name: input.labels.ours, icon: 'diamond' },
      ],
    },
    xAxis: valueAxis({
      min: input.scale.min,
      max: input.scale.max,
      interval: input.scale.interval,
      name: input.labels.axis,
    }),
    yAxis: categoryAxis(categories, 200),
    series: [
      {
        type: 'boxplot',
        name: input.labels.peers,
        layout: 'horizontal',
        boxWidth: [14, 22],
        itemStyle: { color: COLOURS.band, borderColor: COLOURS.bandLine, borderWidth: 2 },
        // [low, Q1, median, Q3, high] with the whiskers folded onto the box: see above.
        data: input.rows.map((r) => (r.status === 'ok' ? [r.q1, r.q1, r.median, r.q3, r.q3] : [])),
      },
      {
        type: 'boxplot',
        name: input.labels.band ?? input.labels.peers,
        layout: 'horizontal',
        boxWidth: [8, 12],
        itemStyle: { color: '#ffffff', borderColor: COLOURS.bandLine, borderWidth: 2, borderType: 'dashed' },
        // The band alone: no median line inside it (its ends stand in for all five points).
        data: input.rows.map((r) => (r.status === 'band' ? [r.low, r.low, r.low, r.high, r.high] : [])),
      },
      {
        type: 'scatter',
        name: input.labels.ours,
        symbol: 'diamond',
        symbolSize: 16,
        itemStyle: { color: COLOURS.ours, borderColor: '#ffffff', borderWidth: 1, opacity: 1 },
        z: 3,
        data: input.rows.map((r, i) => (r.value === null ? null : [r.value, i])).filter((d) => d !== null),
      },
    ],
  } as EChartsOption;
}
