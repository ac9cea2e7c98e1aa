/**
 * Writes the results table into docs/performance.md, between its two markers; the prose
 * around it (method, findings, designs) is written by hand and kept.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/web-server/build.ts';
import type { BackendResult } from './run.ts';

const DOC = join(PROJECT_ROOT, 'docs/performance.md');
const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

interface Output {
  command: string;
  date: string;
  durationSeconds: number;
  machine: { cpus: number; cpuModel: string; memoryGB: number; node: string; platform: string };
  datasets: Record<string, { organisations: number; respondents: number }>;
  load: { clients: number; seconds: number; autosaveRate: number; reportRate: number };
  duckdb: { loadMs: number; sectorFiguresMs: number };
  sqlite?: BackendResult;
  postgres?: BackendResult;
  surveyBundleGzipKB: number;
}

interface Row {
  measure: string;
  target: string;
  value: (r: BackendResult) => string;
  met?: (r: BackendResult) => boolean;
}

const n = (x: number, d = 0) =>
  x.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });

export function resultsTable(out: Output): string {
  const eu = out.datasets.eu!;
  const nat = out.datasets.national!;
  const rows: Row[] = [
    {
      measure: `import (CLI), ${n(eu.respondents)} respondents`,
      target: '≤ 5× DuckDB’s load of the same CSV',
      value: (r) =>
        `${n(r.importRespondentsPerSecond)}/s (${n(r.importSeconds, 1)} s vs ${n(out.duckdb.loadMs / 1000, 1)} s = ${n(r.importDuckdbLoadRatio, 1)}×)`,
      met: (r) => r.importDuckdbLoadRatio <= 5,
    },
    {
      measure:
        'a release, EU scale: every group’s figures and the disclosure audits (vs DuckDB: the round’s figures only)',
      target: '≤ 3× DuckDB',
      value: (r) => `${n(r.releaseMs)} ms vs ${n(r.duckdbSectorFiguresMs)} ms = ${n(r.duckdbRatio, 2)}×`,
      met: (r) => r.duckdbRatio <= 3,
    },
    {
      measure: 'a release, EU scale',
      target: '≤ 60 s (the background interval)',
      value: (r) => `${n(r.releaseMs / 1000, 1)} s`,
      met: (r) => r.releaseMs <= 60_000,
    },
    {
      measure: `a release, national (${n(nat.organisations)} organisations)`,
      target: '—',
      value: (r) => `${n(r.nationalReleaseMs)} ms`,
    },
    {
      measure: 'sector figures as reports read them (from the release), EU scale',
      target: '—',
      value: (r) =>
        `${n(r.sectorFiguresMs, 1)} ms (first ${n(r.sectorFiguresColdMs, 1)} ms); equal to DuckDB's on ${n(r.sectorFiguresCompared)} numbers shown`,
    },
    {
      measure: 'one organisation’s benchmark (report JSON), EU scale',
      target: 'p95 ≤ 50 ms',
      value: (r) => `p95 ${n(r.orgBenchmarkP95Ms, 1)} ms (first ${n(r.peerPrepareMs)} ms)`,
      met: (r) => r.orgBenchmarkP95Ms <= 50,
    },
    {
      measure: `autosave, ${out.load.clients} clients at ${out.load.autosaveRate} req/s`,
      target: 'p95 ≤ 50 ms, 0 errors',
      value: (r) => `p95 ${n(r.autosave.p95Ms)} ms, ${r.autosave.errors} errors`,
      met: (r) => r.autosave.p95Ms <= 50 && r.autosave.errors === 0,
    },
    {
      measure: `autosave, ${out.load.clients} clients flat out`,
      target: '(ceiling)',
      value: (r) =>
        `${n(r.autosaveSaturated.throughput)} req/s, p95 ${n(r.autosaveSaturated.p95Ms)} ms, ${r.autosaveSaturated.errors} errors`,
    },
    {
      measure: `report HTML, EU scale, ${out.load.clients} clients (one organisation each, read before) at ${out.load.reportRate} req/s`,
      target: 'p95 ≤ 100 ms',
      value: (r) => `p95 ${n(r.reportHtml.p95Ms)} ms, ${r.reportHtml.errors} errors`,
      met: (r) => r.reportHtml.p95Ms <= 100 && r.reportHtml.errors === 0,
    },
    {
      measure: `report HTML, ${out.load.clients} clients flat out (the same organisations)`,
      target: '≥ 200 req/s',
      value: (r) =>
        `${n(r.reportHtmlSaturated.throughput)} req/s, p95 ${n(r.reportHtmlSaturated.p95Ms)} ms, ${r.reportHtmlSaturated.errors} errors`,
      met: (r) => r.reportHtmlCeilingRps >= 200 && r.reportHtmlSaturated.errors === 0,
    },
    {
      measure: `report HTML, 8 clients flat out, organisations never read before`,
      target: '(every page a recomputation)',
      value: (r) =>
        `${n(r.reportHtmlCold.throughput)} req/s, p95 ${n(r.reportHtmlCold.p95Ms)} ms, ${r.reportHtmlCold.errors} errors`,
    },
    {
      measure: 'report PDF, warm printer (median of 5 after the first; a report not in the cache)',
      target: '≤ 0.5 s each',
      value: (r) =>
        `${n(r.reportPdfMs)} ms (max ${n(r.reportPdfMaxMs)}, first ${n(r.reportPdfFirstMs)}; in the cache ${n(r.reportPdfCachedMs)} ms)`,
      met: (r) => r.reportPdfMaxMs <= 500,
    },
    {
      measure: 'server peak RSS, EU scale',
      target: 'report',
      value: (r) => `${n(r.peakRssMB)} MB`,
    },
  ];
  const backends = (['sqlite', 'postgres'] as const).filter((b) => out[b]);
  const head = `| measure | target | ${backends.map((b) => (b === 'sqlite' ? 'embedded (SQLite)' : 'PostgreSQL')).join(' | ')} |`;
  const sep = `|---|---|${backends.map(() => '---|').join('')}`;
  const body = rows.map((row) => {
    const cells = backends.map((b) => {
      const r = out[b]!;
      const mark = row.met ? (row.met(r) ? ' ✅' : ' ❌') : '';
      return `${row.value(r)}${mark}`;
    });
    return `| ${row.measure} | ${row.target} | ${cells.join(' | ')} |`;
  });
  const bundle = `| survey JS + CSS (gzip) | ≤ 150 KB | ${backends.map(() => `${n(out.surveyBundleGzipKB, 1)} KB${out.surveyBundleGzipKB <= 150 ? ' ✅' : ' ❌'}`).join(' | ')} |`;
  return [
    `Measured ${out.date.slice(0, 10)} with \`${out.command}\` in ${n(out.durationSeconds)} s on ${out.machine.cpus} × ${out.machine.cpuModel}, ${out.machine.memoryGB} GiB, Node ${out.machine.node}, ${out.machine.platform}. ` +
      `EU round: ${n(eu.organisations)} organisations, ${n(eu.respondents)} respondents; national: ${n(nat.organisations)} × 5. ` +
      `DuckDB loaded the EU answers in ${n(out.duckdb.loadMs)} ms (not counted). Raw figures: \`bench/results.json\`.`,
    '',
    head,
    sep,
    ...body,
    bundle,
  ].join('\n');
}

export async function writePerformanceDoc(out: Output): Promise<void> {
  let doc: string;
  try {
    doc = await readFile(DOC, 'utf8');
  } catch {
    doc = `# Performance\n\n${START}\n${END}\n`;
  }
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${DOC} lacks the ${START} … ${END} markers`);
  await writeFile(DOC, `${doc.slice(0, a + START.length)}\n${resultsTable(out)}\n${doc.slice(b)}`);
}
