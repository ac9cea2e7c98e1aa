/**
 * Colours of the report charts. Every colour that carries meaning has at least 3:1 against
 * white (WCAG 1.4.11) and text colours 4.5:1 (1.4.3); series are also told apart by symbol or
 * dash pattern, never by colour alone. The organisation is always blue, its peers amber.
 */
import { PROFILE_COLOURS } from './competency-profile.ts';

export const COLOURS = {
  ours: PROFILE_COLOURS[0],
  peers: PROFILE_COLOURS[1],
  target: PROFILE_COLOURS[2],
  other: PROFILE_COLOURS[3],
  text: '#1f2937',
  muted: '#4b5563',
  grid: '#6b7280',
  gridLight: '#d1d5db',
  /** The peers' middle half: a light fill inside a dark outline (the outline carries the contrast). */
  band: '#fde7c7',
  bandLine: '#92400e',
} as const;

/** Rounds in a trend, oldest first; the latest is the organisation's blue. */
export const ROUND_COLOURS = ['#7e22ce', '#047857', '#b45309', '#4b5563', COLOURS.ours] as const;

/**
 * Arial (Liberation Sans on Linux, which has the same metrics): ECharts lays text out on the
 * server with Arial-like width estimates, so legends and labels only fit when the font that
 * finally draws them has those widths too.
 */
export const FONT_FAMILY = 'Arial, Helvetica, sans-serif';
export const FONT = { fontFamily: FONT_FAMILY, fontSize: 14, color: COLOURS.text };

/** Room for category labels on the left, as `containLabel` used to give (ECharts 6 spelling). */
export const LABELLED_GRID = { outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' } as const;

/** `n` colours for rounds, ending with the current round's. */
export function roundColours(n: number): string[] {
  return ROUND_COLOURS.slice(Math.max(0, ROUND_COLOURS.length - n));
}

/** The value axis of the horizontal charts: a scale with its name centred below it. */
export function valueAxis(axis: { min: number; max: number; interval?: number | undefined; name: string }) {
  return {
    type: 'value' as const,
    min: axis.min,
    max: axis.max,
    ...(axis.interval ? { interval: axis.interval } : {}),
    name: axis.name,
    nameLocation: 'middle' as const,
    nameGap: 28,
    nameTextStyle: FONT,
    axisLabel: FONT,
    splitLine: { lineStyle: { color: COLOURS.gridLight } },
  };
}

/** The category axis of the horizontal charts: first category on top, long labels wrapped. */
export function categoryAxis(data: string[], labelWidth: number) {
  return {
    type: 'category' as const,
    data,
    inverse: true,
    axisLabel: { ...FONT, width: labelWidth, overflow: 'break' as const },
    axisTick: { show: false },
    axisLine: { lineStyle: { color: COLOURS.grid } },
  };
}
