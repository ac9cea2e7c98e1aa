/**
 * Domains: how highly each is prioritised (up) against how far the current effort has come
 * (right). Above the diagonal, priority runs ahead of effort: the gap the advice is about.
 *
 * Means of a 1–5 scale often land close together, so names next to the points would collide;
 * each point carries its number instead, and the numbered key goes with the chart (in its
 * caption and data table). Domains whose gap reaches the advice threshold are amber squares,
 * the others blue circles: told apart by shape as well as colour. Pure: builds the option.
 */
import type { EChartsOption } from 'echarts';
import { COLOURS, FONT } from './palette.ts';

export interface QuadrantDomain {
  readonly label: string;
  readonly priority: number | null;
  readonly effort: number | null;
  readonly advised: boolean;
}

export interface DomainQuadrantInput {
  /** In key order: the first is drawn as 1. */
  readonly domains: readonly QuadrantDomain[];
  readonly scale: { readonly min: number; readonly max: number };
  readonly labels: {
    readonly priority: string;
    readonly effort: string;
    readonly advised: string;
    readonly other: string;
    readonly diagonal: string;
  };
}

export function domainQuadrantOption(input: DomainQuadrantInput): EChartsOption {
  const { min, max } = input.scale;
  const mid = (min + max) / 2;
  const points = (advised: boolean) =>
    input.domains.flatMap((d, i) =>
      d.advised === advised && d.priority !== null && d.effort !== null
        ? [{ name: `${i + 1}. ${d.label}`, value: [d.effort, d.priority, i + 1] }]
        : [],
    );
  const axis = (name: string, nameGap: number) => ({
    type: 'value' as const,
    min,
    max,
    interval: 1,
    name,
    nameLocation: 'middle' as const,
    nameGap,
    nameTextStyle: FONT,
    axisLabel: FONT,
    axisLine: { lineStyle: { color: COLOURS.grid } },
    splitLine: { lineStyle: { color: COLOURS.gridLight } },
  });
  const number = {
    show: true,
    position: 'inside' as const,
    ...FONT,
    color: '#ffffff',
    fontWeight: 'bold' as const,
    formatter: (p: { value: unknown }) => String((p.value as number[])[2]),
  };
  const series = (advised: boolean) => ({
    type: 'scatter' as const,
    name: advised ? input.labels.advised : input.labels.other,
    symbol: advised ? 'rect' : 'circle',
    symbolSize: 24,
    itemStyle: {
      color: advised ? COLOURS.peers : COLOURS.ours,
      borderColor: '#ffffff',
      borderWidth: 1.5,
      opacity: 1,
    },
    label: number,
    data: points(advised),
  });
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: FONT,
    grid: { left: 56, right: 24, top: 24, bottom: 80 },
    legend: {
      bottom: 0,
      textStyle: FONT,
      data: [
        { name: input.labels.advised, icon: 'rect' },
        { name: input.labels.other, icon: 'circle' },
      ],
    },
    xAxis: axis(input.labels.effort, 30),
    yAxis: axis(input.labels.priority, 34),
    series: [
      {
        ...series(true),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: COLOURS.grid, type: 'dashed', width: 1 },
          label: { show: false },
          data: [
            [
              { coord: [min, min] },
              {
                coord: [max, max],
                label: {
                  show: true,
                  formatter: input.labels.diagonal,
                  ...FONT,
                  fontSize: 12,
                  position: 'insideEndTop',
                },
              },
            ],
            { xAxis: mid },
            { yAxis: mid },
          ],
        },
      },
      series(false),
    ],
  } as EChartsOption;
}
