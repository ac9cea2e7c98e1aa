/**
 * A chart drawn for the width it gets. Our pages run no script (a strict CSP), so the server
 * cannot know the screen: it draws each chart twice, once for a desktop column (about
 * 640 px) and once for a phone (the report's column at a 360 px screen, 328 px), and the
 * stylesheet shows the one that fits (`.chart-wide` / `.chart-narrow`, the wide one in print).
 * Drawn at its own width, a chart's 14 px text stays 14 px on a 360 px phone instead of being
 * scaled down to 7 px, and nothing has to scroll sideways.
 *
 * The phone variant is the same option with room made for a narrow column: category labels
 * wrap at a narrower width, the legend may take two lines, a radar is drawn smaller so that
 * its axis names fit beside it.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { renderChartSvg, type ChartLabels, type ChartSize } from './render-svg.ts';

/** The report's text column on a 360 px screen (1 rem padding either side). */
export const NARROW_WIDTH = 328;
/** Category labels wrap at this width on a phone (190–200 px on a desktop). */
const NARROW_LABEL_WIDTH = 128;
/** On a phone the legend lists its entries one under the other, each up to two lines this wide. */
const NARROW_LEGEND_WIDTH = NARROW_WIDTH - 40;
const LEGEND_ENTRY_HEIGHT = 38;

export interface ResponsiveSizes {
  readonly wide: ChartSize;
  /** Height of the phone variant (its width is NARROW_WIDTH). */
  readonly narrowHeight: number;
}

/** A chart as wide as a desktop column; on a phone, wrapped labels and a two-line legend need more height. */
export function columnSizes(height: number, width = 640): ResponsiveSizes {
  return { wide: { width, height }, narrowHeight: Math.round(height * 1.2 + 24) };
}

/** Both variants, each in the element the stylesheet shows or hides. */
export function renderResponsiveChart(
  option: EChartsCoreOption,
  labels: ChartLabels,
  sizes: ResponsiveSizes,
): string {
  const wide = renderChartSvg(option, labels, sizes.wide);
  const { option: narrowed, extraHeight } = narrowOption(option);
  const narrow = renderChartSvg(
    narrowed,
    { ...labels, id: `${labels.id}-narrow` },
    { width: NARROW_WIDTH, height: sizes.narrowHeight + extraHeight },
  );
  return `<div class="chart-variant chart-wide">${wide}</div><div class="chart-variant chart-narrow">${narrow}</div>`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The option for a phone's column (pure; the input is not changed), and how much taller the
 * chart must be for its legend.
 */
export function narrowOption(option: EChartsCoreOption): {
  option: EChartsCoreOption;
  extraHeight: number;
} {
  const out: Obj = { ...(option as Obj) };
  let extraHeight = 0;
  const legend = out['legend'];
  if (isObj(legend)) {
    // A centred legend on one line runs off both sides of a phone: one entry a line instead.
    const entries = Array.isArray(legend['data']) ? legend['data'].length : 2;
    const textStyle = isObj(legend['textStyle']) ? legend['textStyle'] : {};
    out['legend'] = {
      ...legend,
      orient: 'vertical',
      left: 0,
      itemGap: 6,
      textStyle: { ...textStyle, width: NARROW_LEGEND_WIDTH, overflow: 'break' },
    };
    const grid = out['grid'];
    extraHeight = Math.max(0, entries * LEGEND_ENTRY_HEIGHT - 40);
    if (isObj(grid) && typeof grid['bottom'] === 'number')
      out['grid'] = { ...grid, bottom: grid['bottom'] + extraHeight };
  }
  const axis = (a: unknown) => {
    if (!isObj(a) || a['type'] !== 'category' || !isObj(a['axisLabel'])) return a;
    const label = a['axisLabel'];
    return typeof label['width'] === 'number'
      ? { ...a, axisLabel: { ...label, width: Math.min(label['width'], NARROW_LABEL_WIDTH) } }
      : a;
  };
  if (out['yAxis']) out['yAxis'] = Array.isArray(out['yAxis']) ? out['yAxis'].map(axis) : axis(out['yAxis']);
  const radar = out['radar'];
  if (isObj(radar)) {
    // Axis names beside a smaller radar, a long word broken with a hyphen (ECharts does not
    // wrap a radar's axis names itself), so that none is cut off at the edge.
    const indicator = Array.isArray(radar['indicator']) ? radar['indicator'] : [];
    out['radar'] = {
      ...radar,
      radius: '36%',
      center: ['50%', '38%'],
      indicator: indicator.map((i: unknown) =>
        isObj(i) && typeof i['name'] === 'string' ? { ...i, name: breakLongWords(i['name']) } : i,
      ),
    };
  }
  return { option: out as EChartsCoreOption, extraHeight };
}

/** Longest word on a line of a phone's radar, in characters (13 px text, about 90 px). */
const RADAR_WORD = 12;

/** Words longer than RADAR_WORD split over lines with a hyphen; other lines as they were. */
export function breakLongWords(name: string): string {
  const breakWord = (word: string) => {
    const parts: string[] = [];
    let rest = word;
    while (rest.length > RADAR_WORD) {
      parts.push(`${rest.slice(0, RADAR_WORD - 1)}-`);
      rest = rest.slice(RADAR_WORD - 1);
    }
    return [...parts, rest].join('\n');
  };
  return name
    .split('\n')
    .map((line) => line.split(' ').map(breakWord).join(' '))
    .join('\n');
}
