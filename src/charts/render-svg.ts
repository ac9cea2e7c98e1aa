/**
 * Renders any chart option of this folder to an SVG string on the server (ECharts SSR), the
 * same chart the browser would draw, made fit for inlining in our HTML and PDF:
 *
 * - no <style> element and no style attributes (a strict Content-Security-Policy forbids
 *   them; CSS properties become SVG presentation attributes), no ECharts metadata;
 * - ids made unique per chart, so several charts on one page never share a clip path;
 * - role="img" with a <title> and <desc> that name and describe it (the data table next to
 *   it carries the numbers);
 * - no width/height, so it scales with its container; the viewBox keeps its proportions.
 */
import * as echarts from 'echarts/core';
import { BarChart, BoxplotChart, LineChart, RadarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  BoxplotChart,
  LineChart,
  RadarChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  SVGRenderer,
]);

export interface ChartLabels {
  /** Unique on the page; prefixes every id inside the SVG. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

export function renderChartSvg(
  option: echarts.EChartsCoreOption,
  labels: ChartLabels,
  size: ChartSize,
): string {
  if (!/^[a-z][a-z0-9-]*$/.test(labels.id)) throw new Error(`chart id ${labels.id} is not a safe id`);
  const key = `${size.width}x${size.height}`;
  let chart = charts.get(key);
  if (!chart) charts.set(key, (chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size })));
  let svg: string;
  try {
    // notMerge: the chart starts from nothing, exactly as a new instance would.
    chart.setOption(option, { notMerge: true, lazyUpdate: false });
    svg = chart.renderToSVGString();
    // setOption starts zrender's animation loop (a 16 ms timer) even in SSR mode; left
    // running it keeps Node alive, so a CLI that drew a chart would never exit.
    chart.getZr().animation.stop();
  } catch (err) {
    // A chart that failed half-way is not reused.
    charts.delete(key);
    chart.dispose();
    throw err;
  }
  return cleanSvg(svg, labels);
}

/**
 * One instance per size, reused: setting up an ECharts instance costs about as much as
 * drawing a small chart, and a report draws up to seven. Rendering is synchronous, so two
 * requests never share an instance at the same time.
 */
const charts = new Map<string, echarts.ECharts>();

export function cleanSvg(svg: string, labels: ChartLabels): string {
  const body = svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_m, css: string) => styleToAttributes(css))
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ pointer-events="visible"/g, '')
    // zrender numbers ids per process (zr0-c0, zr1-g2 …); give them the chart's own prefix.
    .replace(/\bzr\d+-/g, `${labels.id}-`);
  const open = /^<svg[^>]*>/.exec(body);
  if (!open) throw new Error('ECharts did not render an SVG');
  const titleId = `${labels.id}-title`;
  const descId = `${labels.id}-desc`;
  const root = open[0]
    .replace(/ width="\d+(\.\d+)?" height="\d+(\.\d+)?"/, '')
    .replace(/^<svg/, `<svg role="img" aria-labelledby="${titleId} ${descId}" focusable="false"`);
  return (
    root +
    `<title id="${titleId}">${escapeXml(labels.title)}</title>` +
    `<desc id="${descId}">${escapeXml(labels.description)}</desc>` +
    body.slice(open[0].length)
  );
}

function styleToAttributes(css: string): string {
  return css
    .split(';')
    .map((decl) => {
      const at = decl.indexOf(':');
      return at < 0 ? ['', ''] : [decl.slice(0, at).trim(), decl.slice(at + 1).trim()];
    })
    .filter(([prop, value]) => prop && value && /^[a-z-]+$/.test(prop))
    .map(([prop, value]) => ` ${prop}="${value!.replace(/"/g, '&quot;')}"`)
    .join('');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}
