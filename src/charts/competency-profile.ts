/**
 * The competency profile chart: a radar of competency scores on the instrument's 1–5 scale,
 * one series per profile (a respondent; later an organisation, its peers, the sector).
 *
 * Pure: it only builds the ECharts option (plus the rows of the data table that must go with
 * every chart as its accessible alternative), so the same picture can be rendered on the
 * server as SVG (src/web-server/profile.ts), in a browser, or into a PDF.
 */
import type { EChartsOption } from 'echarts';

export interface ProfileCompetency {
  readonly id: string;
  readonly label: string;
}

export interface ProfileSeries {
  readonly name: string;
  /** One value per competency, in the same order; null = no score (nothing answered). */
  readonly values: readonly (number | null)[];
}

export interface CompetencyProfileInput {
  readonly competencies: readonly ProfileCompetency[];
  readonly series: readonly ProfileSeries[];
  /** The score scale, e.g. { min: 1, max: 5 }. */
  readonly scale: { readonly min: number; readonly max: number };
  /** Appended to an axis name whose competency has no value in any series, e.g. "(no answer)". */
  readonly noValueNote?: string;
}

/**
 * Colours with at least 4.5:1 against white (WCAG 1.4.3 for the labels, 1.4.11 for lines),
 * and told apart by dash pattern as well as colour.
 */
export const PROFILE_COLOURS = ['#1d4ed8', '#b45309', '#047857', '#7e22ce'] as const;
const LINE_TYPES = ['solid', 'dashed', 'dotted', 'solid'] as const;
const TEXT_COLOUR = '#1f2937';
const GRID_COLOUR = '#6b7280';

/** Breaks a long axis name into lines of about `width` characters at spaces. */
export function wrapLabel(label: string, width = 14): string {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

export function competencyProfileOption(input: CompetencyProfileInput): EChartsOption {
  const { competencies, series, scale } = input;
  for (const s of series) {
    if (s.values.length !== competencies.length) {
      throw new Error(
        `series "${s.name}" has ${s.values.length} values for ${competencies.length} competencies`,
      );
    }
  }
  const indicator = competencies.map((c, i) => {
    const noValue = series.every((s) => s.values[i] === null);
    const name = noValue && input.noValueNote ? `${c.label} ${input.noValueNote}` : c.label;
    return { name: wrapLabel(name), min: scale.min, max: scale.max };
  });
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: [...PROFILE_COLOURS],
    textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: 13, color: TEXT_COLOUR },
    legend:
      series.length > 1
        ? { bottom: 0, textStyle: { color: TEXT_COLOUR, fontSize: 14 }, data: series.map((s) => s.name) }
        : undefined,
    radar: {
      indicator,
      center: ['50%', series.length > 1 ? '46%' : '50%'],
      radius: '52%',
      splitNumber: scale.max - scale.min,
      startAngle: 90,
      axisName: { color: TEXT_COLOUR, fontSize: 13, lineHeight: 15 },
      axisLine: { lineStyle: { color: GRID_COLOUR } },
      splitLine: { lineStyle: { color: GRID_COLOUR, opacity: 0.5 } },
      splitArea: { show: false },
    },
    series: [
      {
        type: 'radar',
        symbol: 'circle',
        symbolSize: 7,
        data: series.map((s, i) => ({
          name: s.name,
          // ECharts' "no value" marker; the data table says "no answer" in words.
          value: s.values.map((v) => (v === null ? '-' : v)) as unknown as number[],
          lineStyle: { width: 2.5, type: LINE_TYPES[i % LINE_TYPES.length] },
          areaStyle: { opacity: series.length > 1 ? 0.08 : 0.15 },
        })),
      },
    ],
  };
}
