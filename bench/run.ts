/**
 * `npm run bench`: Pejling at national and EU scale on this machine, on both backends, with
 * the targets of issue 7. Writes bench/results.json and the table in docs/performance.md.
 *
 *   npm run bench                      # the full run (EU scale: 100,000 organisations)
 *   npm run bench -- --eu 10000        # a quicker run with a smaller EU round
 *   npm run bench -- --backends sqlite # one backend
 *   npm run bench -- --only autosave   # some parts only (comma-separated: import, release,
 *                                      # sector, report-json, report-html, autosave, pdf);
 *                                      # writes bench/out/results-only.json, not the doc
 *
 * Not part of `npm test`: timings belong to a quiet machine, not to a test run.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { cpus, freemem, totalmem } from 'node:os';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createApiToken } from '../src/api/data/api-tokens.ts';
import { makeRelease } from '../src/api/services/releases.ts';
import { roundSectorFigures } from '../src/api/services/sector.ts';
import { loadBuiltinInstrument } from '../src/instruments/registry.ts';
import {
  ensureOrganisation,
  inviteRespondent,
  openDatabase,
  requireRoundByName,
  type StorageConfig,
} from '../src/storage/index.ts';
import { PROJECT_ROOT } from '../src/web-server/build.ts';
import { surveyBundleSize } from '../scripts/bundle-size.ts';
import { makeDataset, type Dataset } from './datasets.ts';
import { maxDifference, openDuckDbSector } from './duckdb-sector.ts';
import { quantileOf, runLoad, runPaced, type LoadResult } from './load.ts';
import { writePerformanceDoc } from './report.ts';
import { startServer } from './server.ts';

type Backend = 'sqlite' | 'postgres';

const { values: args } = parseArgs({
  options: {
    eu: { type: 'string', default: '100000' },
    national: { type: 'string', default: '300' },
    backends: { type: 'string', default: 'sqlite,postgres' },
    seconds: { type: 'string', default: '10' },
    'autosave-rate': { type: 'string', default: '400' },
    'report-rate': { type: 'string', default: '100' },
    only: { type: 'string', default: '' },
    'pg-url': {
      type: 'string',
      default: process.env.PEJLING_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});

const OUT = join(PROJECT_ROOT, 'bench/out');
const SCHEMA = process.env.PEJLING_BENCH_SCHEMA ?? 'pejling_bench';
const CLIENTS = 200;
const COLD_CLIENTS = 8;
const SECONDS = Number(args.seconds);
const PARTS = [
  'import',
  'release',
  'sector',
  'report-json',
  'report-html',
  'autosave',
  'pdf',
  'scale',
] as const;
type Part = (typeof PARTS)[number];
const only = args.only
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean) as Part[];
for (const p of only)
  if (!PARTS.includes(p)) throw new Error(`--only: unknown part ${p} (${PARTS.join(', ')})`);
/** Whether this run measures `part` (all of them unless --only names some). */
const want = (part: Part) => only.length === 0 || only.includes(part);
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const ms = (t0: number) => performance.now() - t0;

/** The time of each of `n` runs of `work`, one after another, in ms. */
async function timeRuns(n: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await work();
    times.push(ms(t0));
  }
  return times;
}
const median = (xs: number[]) => quantileOf(xs, 0.5);
const round1 = (x: number) => Math.round(x * 10) / 10;

export interface BackendResult {
  importRespondentsPerSecond: number;
  importSeconds: number;
  /** The EU import's wall time against DuckDB loading the same CSV in this run (issue 17: ≤ 5). */
  importDuckdbLoadRatio: number;
  nationalImportSeconds: number;
  sectorFiguresMs: number;
  sectorFiguresColdMs: number;
  nationalSectorFiguresMs: number;
  duckdbSectorFiguresMs: number;
  /** Making a release (every group's figures and the disclosure audits), EU and national. */
  releaseMs: number;
  nationalReleaseMs: number;
  /**
   * A release from scratch (the round's releases and versions removed first): every
   * organisation's first version and every group published, as after the first import.
   */
  releaseFullMs: number;
  /** The longest the event loop stood still during that release (a request waits as long). */
  releaseFullEventLoopMaxMs: number;
  /** releaseMs against DuckDB computing the whole round's figures from the answers. */
  duckdbRatio: number;
  sectorFiguresMaxDifference: number;
  sectorFiguresCompared: number;
  peerPrepareMs: number;
  orgBenchmarkP95Ms: number;
  orgBenchmarkRequests: number;
  autosaveP95Ms: number;
  autosave: LoadResult;
  autosaveSaturated: LoadResult;
  reportHtmlP95Ms: number;
  /** Paced, over the working set (one organisation per client, each read before). */
  reportHtml: LoadResult;
  /** Flat out over the working set: the ceiling (issue 17's reportHtmlCeilingRps). */
  reportHtmlSaturated: LoadResult;
  reportHtmlCeilingRps: number;
  /** Flat out (COLD_CLIENTS clients) over organisations never read before: every page a cache miss. */
  reportHtmlCold: LoadResult;
  reportHtmlColdRps: number;
  reportPdfMs: number;
  /** reportPdfMs in seconds (issue 17's "report PDF, warm"). */
  reportPdfWarmSeconds: number;
  /** A PDF of a report in the cache (model and charts drawn before). */
  reportPdfCachedMs: number;
  reportPdfMaxMs: number;
  reportPdfFirstMs: number;
  peakRssMB: number;
}

async function main(): Promise<void> {
  const started = Date.now();
  const backends = args.backends.split(',').map((b) => b.trim()) as Backend[];
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const instrument = await loadBuiltinInstrument('dt-offentlig');

  log('generating the rounds');
  const national = await makeDataset(instrument, OUT, 'national', Number(args.national), 2026);
  const eu = await makeDataset(instrument, OUT, 'eu', Number(args.eu), 2027);
  log(`eu: ${eu.organisations} organisations, ${eu.respondents} respondents, ${eu.fileMB.toFixed(0)} MB CSV`);

  let duckFigures: Record<string, unknown> = {};
  let duckdb = { loadMs: NaN, loadRunsMs: [] as number[], sectorFiguresMs: NaN, runsMs: [] as number[] };
  if (want('import') || want('release') || want('sector')) {
    log('DuckDB: loading the EU round and running the same aggregation');
    // The load is timed three times (its median is the import's yardstick): one run of a
    // multi-threaded load on a shared machine moves a lot.
    const loadRunsMs: number[] = [];
    for (let i = 0; i < (want('import') ? 2 : 0); i++) {
      const again = await openDuckDbSector(instrument, eu.file);
      loadRunsMs.push(again.loadMs);
      again.close();
    }
    const duck = await openDuckDbSector(instrument, eu.file);
    loadRunsMs.push(duck.loadMs);
    duckFigures = await duck.figures(eu.round);
    const duckRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await duck.figures(eu.round);
      duckRuns.push(ms(t0));
    }
    duckdb = { loadMs: median(loadRunsMs), loadRunsMs, sectorFiguresMs: median(duckRuns), runsMs: duckRuns };
    duck.close();
  }

  const results: Partial<Record<Backend, BackendResult>> = {};
  for (const backend of backends) {
    log(`--- ${backend}`);
    results[backend] = await benchBackend(backend, national, eu, duckFigures, duckdb);
  }

  // The figures engine alone at scale (issue 17), in a process of its own for its peak memory.
  let scale: unknown = null;
  if (want('scale')) {
    log('figures at scale: it-i-praksis at 100,000 organisations, a citizen panel of 1,000,000');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(PROJECT_ROOT, 'bench/figures-scale.ts'), args.eu, '1000000'],
      {
        cwd: PROJECT_ROOT,
        maxBuffer: 1 << 20,
        env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
      },
    );
    scale = JSON.parse(stdout.trim().split('\n').at(-1)!);
    log(`  ${JSON.stringify(scale)}`);
  }

  log('survey bundle');
  const bundle = await surveyBundleSize();
  const output = {
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(
      ' ',
    ),
    date: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGB: Math.round(totalmem() / 2 ** 30),
      freeMemoryGB: Math.round(freemem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    datasets: Object.fromEntries(
      [national, eu].map((d) => [
        d.name,
        {
          organisations: d.organisations,
          respondents: d.respondents,
          csvMB: round1(d.fileMB),
          generateMs: Math.round(d.generateMs),
        },
      ]),
    ),
    load: {
      clients: CLIENTS,
      seconds: SECONDS,
      autosaveRate: Number(args['autosave-rate']),
      reportRate: Number(args['report-rate']),
    },
    duckdb,
    ...results,
    ...(scale ? { scale } : {}),
    surveyBundleGzipKB: bundle.gzipKB,
  };
  if (only.length > 0) {
    await writeFile(join(OUT, 'results-only.json'), `${JSON.stringify(output, null, 2)}\n`);
    log(`done in ${output.durationSeconds} s: ${join(OUT, 'results-only.json')}`);
    return;
  }
  await writeFile(join(PROJECT_ROOT, 'bench/results.json'), `${JSON.stringify(output, null, 2)}\n`);
  await writePerformanceDoc(output);
  log(`done in ${output.durationSeconds} s: bench/results.json, docs/performance.md`);
}

async function benchBackend(
  backend: Backend,
  national: Dataset,
  eu: Dataset,
  duckFigures: Record<string, unknown>,
  duckdb: { loadMs: number; sectorFiguresMs: number },
): Promise<BackendResult> {
  const duckMs = duckdb.sectorFiguresMs;
  const dataDir = join(OUT, `${backend}-data`);
  const config: StorageConfig =
    backend === 'sqlite'
      ? { backend: 'sqlite', dataDir }
      : { backend: 'postgres', url: args['pg-url'], schema: SCHEMA, poolSize: 10 };
  const env: NodeJS.ProcessEnv =
    backend === 'sqlite'
      ? { PEJLING_DATA_DIR: dataDir, DATABASE_URL: '' }
      : { DATABASE_URL: args['pg-url'], PEJLING_DB_SCHEMA: SCHEMA };
  if (backend === 'postgres') await dropSchema(args['pg-url']);

  log('import (CLI)');
  const nationalImportSeconds = await cliImport(env, national);
  const importSeconds = await cliImport(env, eu);
  const importDuckdbLoadRatio = (importSeconds * 1000) / duckdb.loadMs;
  log(
    `  ${Math.round(eu.respondents / importSeconds)} respondents/s; ${importDuckdbLoadRatio.toFixed(1)}× DuckDB's load (${Math.round(duckdb.loadMs)} ms)`,
  );

  // In-process: the sector figures and the clients' credentials, before the server takes the
  // embedded database's lock.
  const db = await openDatabase(config);
  const round = await requireRoundByName(db, eu.round);
  // A release: every organisation's version, the figures of every group and the disclosure
  // audits, stored. The import made one; these are made anew (reason "manual").
  const nationalRound = await requireRoundByName(db, national.round);
  let releaseFullMs = NaN;
  let releaseFullEventLoopMaxMs = NaN;
  if (want('release')) {
    await sql`delete from releases where round_id = ${round.id}`.execute(db.kysely);
    await sql`delete from organisation_versions where round_id = ${round.id}`.execute(db.kysely);
    // A timer every 10 ms stands in for a request: the longest gap between its ticks (up to
    // the end of the release) is how long a request would have waited for the event loop.
    // (monitorEventLoopDelay records nothing when the loop never reaches its timer phase.)
    let last = performance.now();
    let longest = 0;
    const probe = setInterval(() => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
    }, 10);
    const t0 = performance.now();
    await makeRelease(db, round, 'manual');
    releaseFullMs = ms(t0);
    clearInterval(probe);
    releaseFullEventLoopMaxMs = Math.max(longest, performance.now() - last);
    log(
      `full release: ${Math.round(releaseFullMs)} ms (event loop stood still up to ${Math.round(releaseFullEventLoopMaxMs)} ms)`,
    );
  }
  const releaseRuns = want('release') ? await timeRuns(3, () => makeRelease(db, round, 'manual')) : [NaN];
  const nationalReleaseRuns = want('release')
    ? await timeRuns(3, () => makeRelease(db, nationalRound, 'manual'))
    : [NaN];
  // What reports read: the latest release's figures (cold: the release is read from storage).
  let sectorFiguresColdMs = NaN;
  let runs = [NaN];
  let nationalRuns = [NaN];
  let difference = { max: NaN, compared: 0 };
  if (want('sector')) {
    const cold = performance.now();
    const figures = await roundSectorFigures(db, eu.round);
    sectorFiguresColdMs = ms(cold);
    runs = await timeRuns(5, () => roundSectorFigures(db, eu.round));
    nationalRuns = await timeRuns(5, () => roundSectorFigures(db, national.round));
    difference = maxDifference(figures, duckFigures);
    if (!(difference.max < 1e-9) || difference.compared < 50)
      throw new Error(
        `Pejling and DuckDB disagree on the sector figures (by ${difference.max}, ${difference.compared} numbers compared)`,
      );
  }

  const admin = (await createApiToken(db, { email: `bench-${Date.now()}@pejling.test`, role: 'admin' }))
    .token;
  const org = await ensureOrganisation(db, { name: 'Benchmark Autosave Kommune', sector: 'kommune' });
  const tokens: string[] = [];
  // Two sets of respondents: the flat-out run must not inherit revisions lost in flight at the
  // end of the paced one.
  for (let i = 0; i < 2 * CLIENTS; i++)
    tokens.push(
      (await inviteRespondent(db, { roundId: round.id, organisationId: org.id, externalId: `autosave-${i}` }))
        .token,
    );
  await db.close();

  log('server');
  const server = await startServer(
    { ...env, PEJLING_TRUST_PROXY: '127.0.0.1' },
    join(OUT, `server-${backend}.log`),
  );
  try {
    const auth = { authorization: `Bearer ${admin}` };
    const names = eu.names;
    const pick = (i: number) => encodeURIComponent(names[(i * 7919) % names.length]!);

    log('one organisation’s benchmark (report JSON), sequential');
    const t0 = performance.now();
    if (want('report-json') || want('report-html'))
      await expectOk(
        fetch(`${server.url}/api/rounds/${eu.round}/organisations/${pick(0)}/report`, { headers: auth }),
      );
    const peerPrepareMs = ms(t0);
    const times: number[] = [];
    for (let i = 1; i <= (want('report-json') ? 300 : 0); i++) {
      const t = performance.now();
      await expectOk(
        fetch(`${server.url}/api/rounds/${eu.round}/organisations/${pick(i)}/report`, { headers: auth }),
      );
      times.push(ms(t));
    }

    log('report HTML under load');
    // The working set: 200 people, each reading their own organisation's report (again and
    // again: after a change, in the other language …), each read once before the run. The
    // cold run reads organisations never read before: every page is a recomputation.
    const working = Array.from({ length: CLIENTS }, (_, i) => pick(i));
    if (want('report-html')) {
      const t = performance.now();
      for (const org of working)
        await expectOk(fetch(`${server.url}/reports/${eu.round}/organisations/${org}`, { headers: auth }));
      log(`  ${working.length} reports read first, ${Math.round(ms(t) / working.length)} ms each (cold)`);
    }
    let n = 0;
    const reportPath = () => ({
      path: `/reports/${eu.round}/organisations/${working[++n % working.length]}`,
    });
    let cold = 10_000;
    const coldPath = () => ({ path: `/reports/${eu.round}/organisations/${pick(++cold)}` });
    const skipped = Promise.resolve(undefined as unknown as LoadResult);
    const reportHtml = await (!want('report-html')
      ? skipped
      : runPaced({
          url: server.url,
          clients: CLIENTS,
          seconds: SECONDS,
          rate: Number(args['report-rate']),
          method: 'GET',
          headers: auth,
          request: reportPath,
        }));

    await drained(server.pid);

    log('autosave under load');
    // autocannon resets a connection's context after every request, so the clients' state
    // lives here: a pool of respondents, each saved by one request at a time with the
    // revision it last got back, each at its own address (the server trusts the loopback
    // proxy's X-Forwarded-For), as 200 people on 200 phones are to the rate limit.
    const autosaveLoad = (set: number, rate?: number) => {
      const people = tokens.slice(set * CLIENTS, (set + 1) * CLIENTS).map((token, i) => ({
        token,
        revision: 0,
        saves: 0,
        address: `10.${set}.${i >> 8}.${i & 255}`,
      }));
      const idle = [...people];
      const save = () => {
        const person = idle.shift() ?? people[Math.floor(Math.random() * people.length)]!;
        person.saves++;
        const answers = { 'why.importance': (person.saves % 5) + 1, 'profile.role': 'it' };
        return {
          person,
          path: `/api/survey/${person.token}/draft`,
          headers: { 'x-forwarded-for': person.address },
          body: JSON.stringify({ answers, revision: person.revision }),
        };
      };
      const answered = (person: (typeof people)[number], status: number, body: string) => {
        if (status === 200) person.revision = (JSON.parse(body) as { revision: number }).revision;
        idle.push(person);
      };
      if (rate)
        return runPaced({
          url: server.url,
          clients: CLIENTS,
          seconds: SECONDS,
          rate,
          method: 'PUT',
          request: () => {
            const { person, ...request } = save();
            return { ...request, done: (status, body) => answered(person, status, body) };
          },
        });
      return runLoad({
        url: server.url,
        connections: CLIENTS,
        seconds: SECONDS,
        method: 'PUT',
        request: (c) => {
          const { person, ...request } = save();
          c.person = person;
          return request;
        },
        onResponse: (status, body, c) => answered(c.person as (typeof people)[number], status, body),
      });
    };
    const autosave = await (want('autosave') ? autosaveLoad(0, Number(args['autosave-rate'])) : skipped);
    await drained(server.pid);
    const autosaveSaturated = await (want('autosave') ? autosaveLoad(1) : skipped);
    await drained(server.pid);
    // Flat out last: afterwards the server works off requests whose clients have gone.
    const reportHtmlSaturated = await (!want('report-html')
      ? skipped
      : runLoad({
          url: server.url,
          connections: CLIENTS,
          seconds: SECONDS,
          method: 'GET',
          headers: auth,
          request: reportPath,
        }));
    await drained(server.pid);
    log('report HTML flat out, organisations never read before (cache misses)');
    // Fewer clients: a recomputation takes most of a second of CPU here, so 200 at once
    // would only queue past the clients' timeout; a few in flight saturate the server already.
    const reportHtmlCold = await (!want('report-html')
      ? skipped
      : runLoad({
          url: server.url,
          connections: COLD_CLIENTS,
          seconds: SECONDS,
          method: 'GET',
          headers: auth,
          request: coldPath,
        }));
    await drained(server.pid);
    if (reportHtmlSaturated)
      log(
        `  ceiling ${Math.round(reportHtmlSaturated.throughput)} req/s (working set), ` +
          `${Math.round(reportHtmlCold.throughput)} req/s cold; paced p95 ${Math.round(reportHtml.p95Ms)} ms`,
      );

    log('report PDF');
    log(`  server log: ${join(OUT, `server-${backend}.log`)}`);
    const pdfTimes: number[] = [];
    for (let i = 0; i < (want('pdf') ? 6 : 2); i++) {
      if (!want('pdf')) {
        pdfTimes.push(NaN);
        continue;
      }
      const t = performance.now();
      const res = await expectOk(
        fetch(`${server.url}/reports/${eu.round}/organisations/${pick(1000 + i)}/report.pdf`, {
          headers: auth,
        }),
      );
      if ((await res.arrayBuffer()).byteLength < 10_000) throw new Error('the PDF is suspiciously small');
      pdfTimes.push(ms(t));
      log(`  PDF ${i + 1}: ${Math.round(ms(t))} ms`);
    }
    const [first, ...warm] = pdfTimes;
    // The same for organisations in the working set: their model and charts are cached.
    const pdfCachedTimes: number[] = [];
    for (let i = 0; i < (want('pdf') && want('report-html') ? 5 : 0); i++) {
      const t = performance.now();
      const res = await expectOk(
        fetch(`${server.url}/reports/${eu.round}/organisations/${working[i]}/report.pdf`, { headers: auth }),
      );
      await res.arrayBuffer();
      pdfCachedTimes.push(ms(t));
      log(`  PDF (cached report) ${i + 1}: ${Math.round(ms(t))} ms`);
    }

    const peakRssMB = await server.peakRssMB();
    return {
      importRespondentsPerSecond: Math.round(eu.respondents / importSeconds),
      importSeconds: round1(importSeconds),
      importDuckdbLoadRatio: round1(importDuckdbLoadRatio),
      nationalImportSeconds: round1(nationalImportSeconds),
      sectorFiguresMs: round1(median(runs)),
      sectorFiguresColdMs: round1(sectorFiguresColdMs),
      nationalSectorFiguresMs: round1(median(nationalRuns)),
      duckdbSectorFiguresMs: round1(duckMs),
      releaseMs: Math.round(median(releaseRuns)),
      nationalReleaseMs: Math.round(median(nationalReleaseRuns)),
      releaseFullMs: Math.round(releaseFullMs),
      releaseFullEventLoopMaxMs: Math.round(releaseFullEventLoopMaxMs),
      duckdbRatio: Math.round((median(releaseRuns) / duckMs) * 100) / 100,
      sectorFiguresMaxDifference: difference.max,
      sectorFiguresCompared: difference.compared,
      peerPrepareMs: Math.round(peerPrepareMs),
      orgBenchmarkP95Ms: round1(quantileOf(times, 0.95)),
      orgBenchmarkRequests: times.length,
      autosaveP95Ms: autosave?.p95Ms ?? NaN,
      autosave,
      autosaveSaturated,
      reportHtmlP95Ms: reportHtml?.p95Ms ?? NaN,
      reportHtml,
      reportHtmlSaturated,
      reportHtmlCeilingRps: Math.round(reportHtmlSaturated?.throughput ?? NaN),
      reportHtmlCold,
      reportHtmlColdRps: Math.round(reportHtmlCold?.throughput ?? NaN),
      reportPdfMs: Math.round(median(warm)),
      reportPdfWarmSeconds: Math.round(median(warm)) / 1000,
      reportPdfCachedMs: pdfCachedTimes.length ? Math.round(median(pdfCachedTimes)) : NaN,
      reportPdfMaxMs: Math.round(Math.max(...warm)),
      reportPdfFirstMs: Math.round(first!),
      peakRssMB: Math.round(peakRssMB),
    };
  } finally {
    await server.stop();
  }
}

/**
 * After a load run the server may still be working off requests whose clients have gone: wait
 * until its process uses (almost) no CPU over half a second.
 */
async function drained(pid: number): Promise<void> {
  const cpu = async () => {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
  };
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const before = await cpu();
    await new Promise((r) => setTimeout(r, 500));
    if ((await cpu()) - before <= 2) return;
  }
}

async function expectOk(response: Promise<Response>): Promise<Response> {
  const res = await response;
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return res;
}

/** Wall time of `pejling import` for the dataset, in seconds (process start included). */
async function cliImport(env: NodeJS.ProcessEnv, dataset: Dataset): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(PROJECT_ROOT, 'bin/pejling.js'),
        'import',
        dataset.file,
        '--round',
        dataset.round,
        '--instrument',
        'dt-offentlig',
      ],
      { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`import failed (${code}): ${stderr}`)),
    );
  });
  const seconds = ms(t0) / 1000;
  log(`${dataset.name}: ${dataset.respondents} respondents in ${seconds.toFixed(1)} s`);
  return seconds;
}

async function dropSchema(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${SCHEMA} cascade`);
  } finally {
    await client.end();
  }
}

await main().catch((err: unknown) => {
  log(`failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
