/**
 * The organisation over its rounds: one line per value across rounds (the maturity index),
 * and the competency scores as bars grouped per competency, one bar per round, oldest first.
 * With two or three rounds, grouped bars read better than seven crossing lines.
 */
import type { EChartsOption } from 'echarts';
import { categoryAxis, COLOURS, FONT, LABELLED_GRID, roundColours, valueAxis } from './palette.ts';

const LINE_TYPES = ['solid', 'dashed', 'dotted'] as const;
const SYMBOLS = ['circle', 'diamond', 'triangle', 'rect'] as const;

export interface TrendLinesInput {
  readonly rounds: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly (number | null)[] }[];
  readonly scale: { readonly min: number; readonly max: number };
  readonly axis: string;
  /** Formats a value for the point labels (the report's language and decimals). */
  readonly format: (value: number) => string;
}

export function trendLinesOption(input: TrendLinesInput): EChartsOption {
  const colours = [COLOURS.ours, COLOURS.peers, COLOURS.target, COLOURS.other];
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: FONT,
    grid: { left: 56, right: 32, top: 24, bottom: input.series.length > 1 ? 72 : 40 },
    legend: input.series.length > 1 ? { bottom: 0, textStyle: FONT } : undefined,
    xAxis: {
      type: 'category',
      data: [...input.rounds],
      boundaryGap: true,
      axisLabel: FONT,
      axisLine: { lineStyle: { color: COLOURS.grid } },
    },
    yAxis: {
      type: 'value',
      min: input.scale.min,
      max: input.scale.max,
      name: input.axis,
      nameLocation: 'middle',
      nameGap: 40,
      nameTextStyle: FONT,
      axisLabel: FONT,
      splitLine: { lineStyle: { color: COLOURS.gridLight } },
    },
    series: input.series.map((s, i) => ({
      type: 'line',
      name: s.name,
      symbol: SYMBOLS[i % SYMBOLS.length],
      symbolSize: 10,
      connectNulls: false,
      lineStyle: { width: 3, type: LINE_TYPES[i % LINE_TYPES.length], color: colours[i % colours.length] },
      itemStyle: { color: colours[i % colours.length] },
      label: {
        show: true,
        position: 'top',
        ...FONT,
        formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? input.format(p.value) : ''),
      },
      data: s.values.map((v) => (v === null ? '-' : v)),
    })),
  } as EChartsOption;
}

export interface RoundBarsInput {
  /** Category labels, e.g. the competencies. */
  readonly categories: readonly string[];
  /** One series per round, oldest first; values in category order. */
  readonly rounds: readonly { readonly name: string; readonly values: readonly (number | null)[] }[];
  readonly scale: { readonly min: number; readonly max: number };
  readonly axis: string;
  readonly format: (value: number) => string;
}

export function roundBarsOption(input: RoundBarsInput): EChartsOption {
  const colours = roundColours(input.rounds.length);
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: FONT,
    grid: { left: 8, right: 40, top: 16, bottom: 72, ...LABELLED_GRID },
    legend: { bottom: 0, textStyle: FONT },
    xAxis: valueAxis({ min: input.scale.min, max: input.scale.max, interval: 1, name: input.axis }),
    yAxis: categoryAxis([...input.categories], 190),
    series: input.rounds.map((r, i) => ({
      type: 'bar',
      name: r.name,
      barMaxWidth: 14,
      barGap: '20%',
      itemStyle: { color: colours[i] },
      label: {
        show: true,
        position: 'right',
        ...FONT,
        fontSize: 12,
        formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? input.format(p.value) : ''),
      },
      data: r.values.map((v) => (v === null ? '-' : v)),
    })),
  } as EChartsOption;
}
