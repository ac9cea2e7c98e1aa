/**
 * The digital portfolio's three charts (issue 16), as ECharts options for the server-side SVG
 * renderer: expected vs realised gains per month (cumulative), the portfolio by track and
 * status, and payback against size. Each page that draws one also shows its numbers as a table.
 * Series are told apart by dash pattern or symbol as well as colour.
 */
import type { EChartsOption } from 'echarts';
import { categoryAxis, COLOURS, FONT, LABELLED_GRID, ROUND_COLOURS, valueAxis } from './palette.ts';

export interface CumulativeInput {
  readonly months: readonly string[];
  readonly expected: readonly number[];
  readonly realised: readonly number[];
  readonly labels: { readonly expected: string; readonly realised: string; readonly axis: string };
  /** Formats an amount for the value axis (the page's language). */
  readonly format: (value: number) => string;
}

export function cumulativeGainsOption(input: CumulativeInput): EChartsOption {
  const line = (name: string, data: readonly number[], colour: string, type: 'solid' | 'dashed') => ({
    type: 'line' as const,
    name,
    symbol: type === 'solid' ? 'circle' : 'diamond',
    symbolSize: 8,
    lineStyle: { width: 3, type, color: colour },
    itemStyle: { color: colour },
    data: [...data],
  });
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: FONT,
    grid: { left: 16, right: 24, top: 24, bottom: 72, ...LABELLED_GRID },
    legend: { bottom: 0, textStyle: FONT, data: [input.labels.expected, input.labels.realised] },
    xAxis: {
      type: 'category',
      data: [...input.months],
      boundaryGap: false,
      axisLabel: FONT,
      axisLine: { lineStyle: { color: COLOURS.grid } },
    },
    yAxis: {
      type: 'value',
      name: input.labels.axis,
      nameTextStyle: { ...FONT, align: 'left' },
      axisLabel: { ...FONT, formatter: (v: number) => input.format(v) },
      splitLine: { lineStyle: { color: COLOURS.gridLight } },
    },
    series: [
      line(input.labels.expected, input.expected, COLOURS.peers, 'dashed'),
      line(input.labels.realised, input.realised, COLOURS.ours, 'solid'),
    ],
  } as EChartsOption;
}

export interface TrackStatusInput {
  /** Category labels (the tracks). */
  readonly tracks: readonly string[];
  /** One series per status: its label and the count in each track. */
  readonly statuses: readonly { readonly name: string; readonly counts: readonly number[] }[];
  readonly axis: string;
}

/** The colours of the statuses, each with at least 3:1 against white. */
export const STATUS_COLOURS = [
  COLOURS.muted,
  ROUND_COLOURS[0],
  COLOURS.peers,
  COLOURS.ours,
  COLOURS.target,
] as const;

export function trackStatusOption(input: TrackStatusInput): EChartsOption {
  const max = Math.max(
    1,
    ...input.tracks.map((_t, n) => input.statuses.reduce((a, s) => a + s.counts[n]!, 0)),
  );
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: FONT,
    grid: { left: 8, right: 24, top: 16, bottom: 88, ...LABELLED_GRID },
    legend: { bottom: 0, textStyle: FONT, data: input.statuses.map((s) => s.name) },
    xAxis: valueAxis({ min: 0, max, interval: max <= 10 ? 1 : undefined, name: input.axis }),
    yAxis: categoryAxis([...input.tracks], 190),
    series: input.statuses.map((s, i) => ({
      type: 'bar',
      name: s.name,
      stack: 'status',
      barMaxWidth: 28,
      itemStyle: { color: STATUS_COLOURS[i % STATUS_COLOURS.length], borderColor: '#ffffff', borderWidth: 1 },
      label: {
        show: true,
        ...FONT,
        color: '#ffffff',
        fontSize: 12,
        formatter: (p: { value: unknown }) =>
          typeof p.value === 'number' && p.value > 0 ? String(p.value) : '',
      },
      data: [...s.counts],
    })),
  } as EChartsOption;
}

export interface PaybackSizeInput {
  readonly points: readonly {
    readonly name: string;
    readonly investment: number;
    readonly payback: number;
  }[];
  readonly labels: { readonly x: string; readonly y: string };
  readonly format: (value: number) => string;
}

export function paybackSizeOption(input: PaybackSizeInput): EChartsOption {
  const maxX = Math.max(0, ...input.points.map((p) => p.investment));
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: FONT,
    grid: { left: 16, right: 32, top: 32, bottom: 48, ...LABELLED_GRID },
    xAxis: {
      type: 'value',
      name: input.labels.x,
      nameLocation: 'middle',
      nameGap: 30,
      nameTextStyle: FONT,
      axisLabel: { ...FONT, formatter: (v: number) => input.format(v) },
      splitLine: { lineStyle: { color: COLOURS.gridLight } },
    },
    yAxis: {
      type: 'value',
      name: input.labels.y,
      nameTextStyle: { ...FONT, align: 'left' },
      axisLabel: FONT,
      splitLine: { lineStyle: { color: COLOURS.gridLight } },
    },
    series: [
      {
        type: 'scatter',
        symbolSize: 14,
        itemStyle: { color: COLOURS.ours },
        label: {
          show: true,
          ...FONT,
          fontSize: 12,
          width: 160,
          overflow: 'break',
          formatter: (p: { data: unknown }) => (p.data as { name?: string }).name ?? '',
        },
        // A label on the side with room: right of points in the left half, left of the others.
        data: input.points.map((p) => ({
          name: p.name,
          value: [p.investment, p.payback],
          label: { position: p.investment > maxX / 2 ? 'left' : 'right' },
        })),
      },
    ],
  } as EChartsOption;
}
