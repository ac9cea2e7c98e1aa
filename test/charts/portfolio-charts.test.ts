/**
 * The portfolio's chart builders: each renders to an SVG that can be inlined under a strict CSP
 * (no style element or attribute), names itself, and shows what it is given — the two
 * cumulative series, the counts per track and status, and one labelled point per initiative
 * that pays back, its label on the side with room.
 */
import { expect, it } from 'vitest';
import { cumulativeGainsOption, paybackSizeOption, trackStatusOption } from '../../src/charts/portfolio.ts';
import { renderChartSvg } from '../../src/charts/render-svg.ts';

const size = { width: 640, height: 360 };
const render = (id: string, option: Parameters<typeof renderChartSvg>[0]) =>
  renderChartSvg(option, { id, title: 'Titel', description: 'Beskrivelse' }, size);

function expectInlineSafe(svg: string, id: string) {
  expect(svg).toMatch(new RegExp(`^<svg role="img" aria-labelledby="${id}-title ${id}-desc"`));
  expect(svg).not.toMatch(/<style|style="|ecmeta_|\bzr\d+-/);
}

it('draws expected and realised gains, cumulative, with both names in the legend', () => {
  const svg = render(
    'cum',
    cumulativeGainsOption({
      months: ['2026-01', '2026-02', '2026-03'],
      expected: [1000, 2000, 3000],
      realised: [0, 500, 2500],
      labels: { expected: 'Forventet', realised: 'Realiseret', axis: 'kr.' },
      format: (v) => `${v / 1000} t.`,
    }),
  );
  expectInlineSafe(svg, 'cum');
  expect(svg).toContain('Forventet');
  expect(svg).toContain('Realiseret');
  expect(svg).toContain('2026-02');
  expect(svg).toContain('3 t.');
});

it('stacks the statuses per track and labels each non-empty segment with its count', () => {
  const option = trackStatusOption({
    tracks: ['Skal-udfordringer', 'Skal-løsninger', 'Forudsætninger'],
    statuses: [
      { name: 'Idé', counts: [0, 2, 0] },
      { name: 'I drift', counts: [1, 3, 0] },
    ],
    axis: 'Antal',
  });
  const svg = render('ts', option);
  expectInlineSafe(svg, 'ts');
  expect(svg).toContain('Skal-løsninger');
  expect(svg).toMatch(/>3</);
  // The axis runs to the largest track's total (2 + 3).
  expect((option.xAxis as { max: number }).max).toBe(5);
});

it('puts one labelled point per initiative, its label towards the middle', () => {
  const option = paybackSizeOption({
    points: [
      { name: 'Lille', investment: 10_000, payback: 0.5 },
      { name: 'Stor', investment: 1_000_000, payback: 3 },
    ],
    labels: { x: 'Investering', y: 'År' },
    format: (v) => String(v),
  });
  const svg = render('pb', option);
  expectInlineSafe(svg, 'pb');
  expect(svg).toContain('Lille');
  expect(svg).toContain('Stor');
  const data = (option.series as { data: { name: string; label: { position: string } }[] }[])[0]!.data;
  expect(data.map((d) => [d.name, d.label.position])).toEqual([
    ['Lille', 'right'],
    ['Stor', 'left'],
  ]);
});
