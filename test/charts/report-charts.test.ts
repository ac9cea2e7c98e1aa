/**
 * The report's chart builders and the shared SSR helper: each renders to an SVG that can be
 * inlined under a strict CSP (no style element or attribute), names itself for assistive
 * technology, keeps its ids to itself, and draws nothing for a group below k.
 */
import { describe, expect, it } from 'vitest';
import { benchmarkBarsOption } from '../../src/charts/benchmark-bars.ts';
import { domainQuadrantOption } from '../../src/charts/domain-quadrant.ts';
import { intervalBarsOption } from '../../src/charts/interval-bars.ts';
import { rankingComparisonOption } from '../../src/charts/ranking-comparison.ts';
import { renderChartSvg } from '../../src/charts/render-svg.ts';
import {
  breakLongWords,
  NARROW_WIDTH,
  narrowOption,
  renderResponsiveChart,
} from '../../src/charts/responsive.ts';
import { competencyProfileOption } from '../../src/charts/competency-profile.ts';
import { roundBarsOption, trendLinesOption } from '../../src/charts/trend.ts';

const size = { width: 640, height: 400 };

function render(id: string, option: Parameters<typeof renderChartSvg>[0]) {
  return renderChartSvg(option, { id, title: `Titel <${id}> & co`, description: 'Beskrivelse æøå' }, size);
}

function expectInlineSafe(svg: string, id: string) {
  expect(svg).toMatch(
    new RegExp(`^<svg role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"`),
  );
  expect(svg).toContain(`<title id="${id}-title">Titel &lt;${id}&gt; &amp; co</title>`);
  expect(svg).toContain(`<desc id="${id}-desc">Beskrivelse æøå</desc>`);
  expect(svg).not.toMatch(/<style|style="|ecmeta_|\bzr\d+-/);
  expect(svg).not.toMatch(/^<svg[^>]* width="/);
  // Every id inside belongs to this chart.
  for (const [, ref] of svg.matchAll(/\sid="([^"]+)"/g)) expect(ref!.startsWith(`${id}-`)).toBe(true);
}

describe('report charts', () => {
  it('draws the peers’ middle half and the median, but nothing for a group below k', () => {
    const option = benchmarkBarsOption({
      rows: [
        { label: 'Alle', status: 'ok', q1: 40, median: 55, q3: 70, value: 62 },
        { label: 'Sektor', status: 'too-few', value: 62 },
      ],
      scale: { min: 0, max: 100, interval: 20 },
      labels: { ours: 'Os', peers: 'Gruppen', tooFew: 'for få', axis: 'Indeks' },
    }) as { series: { type: string; data: unknown[] }[]; yAxis: { data: string[] } };
    // Whiskers fold onto the box: the minimum and maximum (one organisation's value) are never drawn.
    expect(option.series[0]!.data).toEqual([[40, 40, 55, 70, 70], []]);
    expect(option.yAxis.data).toEqual(['Alle', 'Sektor (for få)']);
    const svg = render('chart-bench', option as never);
    expectInlineSafe(svg, 'chart-bench');
    expect(svg).toContain('Sektor (for få)');
  });

  it('draws a share with its 95 % interval as an error bar, and nothing for a share not shown', () => {
    const option = intervalBarsOption({
      rows: [
        { label: 'Alle', share: 0.19, low: 0.166, high: 0.216 },
        { label: '18–29', share: null },
      ],
      labels: { share: 'Andel', interval: 'Interval', notShown: 'vises ikke', axis: 'Procent' },
    }) as { series: { type: string; data: unknown[] }[]; yAxis: { data: string[] } };
    // whiskers from the interval's low end to its high end, the box (no width) at the share
    expect(option.series[0]!.data).toEqual([[16.6, 19, 19, 19, 21.6], []]);
    expect(option.series[1]!.data).toEqual([[19, 0]]);
    expect(option.yAxis.data).toEqual(['Alle', '18–29 (vises ikke)']);
    const svg = render('chart-interval', option as never);
    expectInlineSafe(svg, 'chart-interval');
    expect(svg).toContain('18–29 (vises ikke)');
  });

  it('numbers the domains in the quadrant and tells gaps apart by shape', () => {
    const option = domainQuadrantOption({
      domains: [
        { label: 'Services', priority: 4.2, effort: 2.5, advised: true },
        { label: 'Processer', priority: 3, effort: 3.1, advised: false },
        { label: 'Ingen svar', priority: null, effort: 3, advised: false },
      ],
      scale: { min: 1, max: 5 },
      labels: { priority: 'Prioritet', effort: 'Indsats', advised: 'Gab', other: 'Øvrige', diagonal: 'lige' },
    }) as { series: { symbol: string; data: { value: number[] }[] }[] };
    expect(option.series.map((s) => [s.symbol, s.data.map((d) => d.value)])).toEqual([
      ['rect', [[2.5, 4.2, 1]]],
      ['circle', [[3.1, 3, 2]]],
    ]);
    expectInlineSafe(render('chart-quadrant', option as never), 'chart-quadrant');
  });

  it('joins the organisation’s rank and the peers’ rank per competency', () => {
    const option = rankingComparisonOption({
      rows: [
        { label: 'Lederskab', ours: 1.5, peers: 2.5 },
        { label: 'Data', ours: 3, peers: null },
      ],
      size: 7,
      labels: { ours: 'Os', peers: 'Gruppen', axis: 'Rang' },
    }) as { series: { type: string; name?: string; data: unknown[] }[] };
    expect(option.series.filter((s) => s.type === 'line').map((s) => s.data)).toEqual([
      [
        [1.5, 0],
        [2.5, 0],
      ],
    ]);
    expect(option.series.find((s) => s.name === 'Gruppen')!.data).toEqual([[2.5, 0]]);
    expectInlineSafe(render('chart-ranking', option as never), 'chart-ranking');
  });

  it('renders trends as lines and grouped bars, with numbers in the report’s format', () => {
    const lines = trendLinesOption({
      rounds: ['2025', '2026'],
      series: [{ name: 'Indeks', values: [51.2, null] }],
      scale: { min: 0, max: 100 },
      axis: 'Indeks',
      format: (v) => v.toFixed(0),
    });
    const svg = render('chart-trend', lines);
    expectInlineSafe(svg, 'chart-trend');
    expect(svg).toContain('>51<');
    const bars = roundBarsOption({
      categories: ['Lederskab', 'Data'],
      rounds: [
        { name: '2025', values: [3, 2.5] },
        { name: '2026', values: [3.5, null] },
      ],
      scale: { min: 1, max: 5 },
      axis: 'Score',
      format: (v) => v.toFixed(1).replace('.', ','),
    });
    const barSvg = render('chart-bars', bars);
    expectInlineSafe(barSvg, 'chart-bars');
    expect(barSvg).toContain('>3,5<');
  });

  it('refuses an id that could break out of its attribute', () => {
    expect(() =>
      render(
        'x" onload="y',
        trendLinesOption({ rounds: [], series: [], scale: { min: 0, max: 1 }, axis: '', format: String }),
      ),
    ).toThrow(/not a safe id/);
  });
});

describe('the reused chart instance', () => {
  it('draws exactly what a fresh instance draws, whatever it drew before', async () => {
    const echarts = await import('echarts/core');
    const bench = benchmarkBarsOption({
      rows: [{ label: 'Alle', status: 'ok', q1: 40, median: 55, q3: 70, value: 62 }],
      scale: { min: 0, max: 100, interval: 20 },
      labels: { ours: 'Os', peers: 'Gruppen', tooFew: 'for få', axis: 'Indeks' },
    });
    const quadrant = domainQuadrantOption({
      domains: [{ label: 'Services', priority: 4.2, effort: 2.5, advised: true }],
      scale: { min: 1, max: 5 },
      labels: { priority: 'Prioritet', effort: 'Indsats', advised: 'Gab', other: 'Øvrige', diagonal: 'lige' },
    });
    const fresh = (option: object) => {
      const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
      chart.setOption(option as never);
      const svg = chart.renderToSVGString();
      chart.dispose();
      return svg;
    };
    const reused = (option: object) => {
      render('c', option as never);
      return render('c', option as never);
    };
    // Through the renderer twice (a quadrant in between), against a new instance each time.
    const first = reused(bench);
    render('c', quadrant as never);
    expect(render('c', bench as never)).toBe(first);
    const strip = (svg: string) => svg.replace(/<title[\s\S]*<\/desc>/, '');
    expect(strip(first).length).toBeGreaterThan(500);
    // The fresh render, cleaned the same way, is the same drawing.
    const { cleanSvg } = await import('../../src/charts/render-svg.ts');
    expect(first).toBe(
      cleanSvg(fresh(bench), { id: 'c', title: 'Titel <c> & co', description: 'Beskrivelse æøå' }),
    );
  });
});

describe('charts drawn for the width they get', () => {
  const ranking = rankingComparisonOption({
    rows: [
      { label: 'Smidige beslutningsprocesser', ours: 2, peers: 4 },
      { label: 'Digitalt lederskab', ours: 1, peers: 1 },
    ],
    size: 7,
    labels: { ours: 'Askeby Kommune', peers: 'Median: De mest lignende organisationer', axis: 'Placering' },
  });

  it('draws a desktop and a phone variant, each inline-safe with its own ids', () => {
    const out = renderResponsiveChart(
      ranking,
      { id: 'chart-r', title: 'Titel <chart-r> & co', description: 'Beskrivelse æøå' },
      { wide: { width: 640, height: 200 }, narrowHeight: 260 },
    );
    const [, wide, narrow] =
      /^<div class="chart-variant chart-wide">(<svg[\s\S]*<\/svg>)<\/div><div class="chart-variant chart-narrow">(<svg[\s\S]*<\/svg>)<\/div>$/.exec(
        out,
      )!;
    expect(wide).toContain('viewBox="0 0 640 200"');
    expect(narrow).toContain(`viewBox="0 0 ${NARROW_WIDTH} `);
    expectInlineSafe(wide!, 'chart-r');
    expect(narrow).toMatch(/^<svg role="img" aria-labelledby="chart-r-narrow-title chart-r-narrow-desc"/);
    for (const [, ref] of narrow!.matchAll(/\sid="([^"]+)"/g))
      expect(ref!.startsWith('chart-r-narrow-')).toBe(true);
  });

  it('makes room on a phone: narrower labels, one legend entry a line, a taller chart', () => {
    const { option, extraHeight } = narrowOption(ranking);
    const o = option as {
      yAxis: { axisLabel: { width: number } };
      legend: { orient: string };
      grid: { bottom: number };
    };
    expect(o.yAxis.axisLabel.width).toBeLessThan(190);
    expect(o.legend.orient).toBe('vertical');
    expect(extraHeight).toBeGreaterThan(0);
    expect(o.grid.bottom).toBe((ranking as { grid: { bottom: number } }).grid.bottom + extraHeight);
    // The input is left as it was.
    expect((ranking as { yAxis: { axisLabel: { width: number } } }).yAxis.axisLabel.width).toBe(190);
  });

  it('draws a smaller radar on a phone, breaking a long word with a hyphen', () => {
    expect(breakLongWords('Smidige\nbeslutningsprocesser')).toBe('Smidige\nbeslutnings-\nprocesser');
    expect(breakLongWords('Dataadgang og\n-sikkerhed')).toBe('Dataadgang og\n-sikkerhed');
    const radar = competencyProfileOption({
      competencies: [
        { id: 'a', label: 'Smidige beslutningsprocesser' },
        { id: 'b', label: 'B' },
        { id: 'c', label: 'C' },
      ],
      series: [{ name: 'x', values: [1, 2, 3] }],
      scale: { min: 1, max: 5 },
    });
    const narrow = narrowOption(radar).option as { radar: { radius: string; indicator: { name: string }[] } };
    expect(narrow.radar.radius).toBe('36%');
    expect(narrow.radar.indicator[0]!.name.split('\n').every((l) => l.length <= 12)).toBe(true);
  });
});
