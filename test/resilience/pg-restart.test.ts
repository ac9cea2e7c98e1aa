/**
 * PostgreSQL goes away under load and comes back. A private cluster (initdb into a temp dir,
 * its own port and socket directory) so the shared server other tests use is never touched.
 *
 * While it is down (`pg_ctl stop -m immediate`, the harshest stop: backends are killed, no
 * goodbye to clients), every request that needs the database gets 503 problem+json with
 * Retry-After within a bounded time: no 500, no hang, and the server process stays up. After
 * `pg_ctl start` the same process answers 200 again. The outage is logged once, without the
 * password of the connection string.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeAnswers } from '../api/helpers.ts';
import {
  prepareWebBuild,
  seedRound,
  send,
  sleep,
  startServer,
  stopServer,
  waitFor,
  type Response,
  type Server,
} from './harness.ts';

const PASSWORD = 's3cret-pw-7Qx';
const RESPONDENTS = 40;
const WORKERS = 8;
/** No request may take longer than this, up or down (the pool's connect timeout is 5 s). */
const REQUEST_DEADLINE_MS = 8_000;

function findBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(base, versions[0]!, 'bin') : null;
}

const BIN = findBinDir();
const skipReason =
  BIN === null
    ? 'initdb not found under /usr/lib/postgresql/*/bin'
    : spawnSync('id', ['-u', 'postgres']).status !== 0
      ? 'no postgres OS user to run the cluster as'
      : userInfo().uid !== 0
        ? 'must run as root to start a cluster as the postgres user'
        : null;
if (skipReason) console.warn(`pg-restart test skipped: ${skipReason}`);

/** Runs a PostgreSQL tool as the postgres OS user; throws with its output on failure. */
function asPostgres(tool: string, args: string[]): string {
  const result = spawnSync('runuser', ['-u', 'postgres', '--', join(BIN!, tool), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0)
    throw new Error(`${tool} ${args.join(' ')} failed (${result.status}): ${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** The same without blocking the event loop, so the load keeps running meanwhile. */
function asPostgresAsync(tool: string, args: string[]): Promise<void> {
  const child = spawn('runuser', ['-u', 'postgres', '--', join(BIN!, tool), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool} ${args.join(' ')} failed (${code}): ${output}`)),
    ),
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(skipReason !== null)('PostgreSQL stops and starts under load', () => {
  let dir: string;
  let dataDir: string;
  let port: number;
  let clusterUp = false;
  let server: Server | undefined;
  let tokens: string[];
  let url: string;

  const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', dataDir, ...args]);
  const startArgs = () => [
    '-D',
    dataDir,
    '-w',
    '-t',
    '30',
    '-l',
    join(dir, 'postgres.log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`,
    'start',
  ];
  const startCluster = async () => {
    clusterUp = true;
    await asPostgresAsync('pg_ctl', startArgs());
  };

  beforeAll(async () => {
    await prepareWebBuild();
    dir = mkdtempSync(join(tmpdir(), 'pejling-pg-'));
    chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), -1);
    dataDir = join(dir, 'data');
    asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions']);
    port = await freePort();
    await startCluster();
    // Trust authentication ignores the password; it is there to show it never reaches a log.
    url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;
    tokens = await seedRound({ backend: 'postgres', url }, RESPONDENTS);
    server = await startServer({ DATABASE_URL: url, PEJLING_DB_SCHEMA: '' });
  }, 120_000);

  afterAll(async () => {
    await stopServer(server, 2_000);
    if (clusterUp) {
      try {
        pgCtl('-m', 'immediate', 'stop');
      } catch {
        // already stopped
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'answers 503 with Retry-After while it is down and 200 again once it is back, in one process',
    { timeout: 60_000 },
    async () => {
      const base = server!.url;
      interface Outcome {
        phase: 'up' | 'down' | 'back';
        status: number | 'error';
        ms: number;
        /** performance.now() when the answer (or the failure) arrived. */
        end: number;
        what: string;
        res?: Response;
        error?: string;
      }
      const outcomes: Outcome[] = [];
      let phase: Outcome['phase'] = 'up';
      let stopped = false;
      let seq = 0;

      const timed = async (what: string, fn: () => Promise<Response>) => {
        const at = phase;
        const t = performance.now();
        try {
          const res = await fn();
          const end = performance.now();
          outcomes.push({ phase: at, status: res.status, ms: end - t, end, what, res });
        } catch (err) {
          const end = performance.now();
          outcomes.push({
            phase: at,
            status: 'error',
            ms: end - t,
            end,
            what,
            error: (err as Error).message,
          });
        }
      };
      const worker = async (w: number) => {
        const address = `127.0.0.${20 + w}`;
        while (!stopped) {
          const token = tokens[(seq++ * 7 + w) % tokens.length]!;
          const n = seq;
          await timed('submit', () =>
            send(`${base}/api/survey/${token}/submit`, {
              method: 'POST',
              body: { answers: completeAnswers(n) },
              localAddress: address,
              timeoutMs: REQUEST_DEADLINE_MS,
            }),
          );
          await timed('draft', () =>
            send(`${base}/api/survey/${token}/draft`, {
              method: 'PUT',
              body: { answers: completeAnswers(n), revision: 1_000_000 },
              localAddress: address,
              timeoutMs: REQUEST_DEADLINE_MS,
            }),
          );
          await sleep(20);
        }
      };
      const load = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
      await sleep(1_500);

      // Down, the hard way.
      phase = 'down';
      const stoppedAt = performance.now();
      await asPostgresAsync('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
      clusterUp = false;
      const sawDown = await waitFor(
        async () => (await send(`${base}/api/health`)).status === 503,
        10_000,
        100,
      );
      expect(sawDown, server!.output()).toBe(true);
      const downAfterMs = performance.now() - stoppedAt;
      await sleep(1_500);

      // Every kind of page that needs the database says the same while it is down. The token and
      // session id are well-formed, so only the database can tell they are unknown.
      const health = await send(`${base}/api/health`, { timeoutMs: REQUEST_DEADLINE_MS });
      expect(health.status).toBe(503);
      expect(health.headers['retry-after']).toBe('5');
      expect(health.json()).toMatchObject({ type: 'urn:pejling:problem:database-unavailable', status: 503 });
      const staffApi = await send(`${base}/api/rounds`, {
        headers: { authorization: `Bearer pjl_${'x'.repeat(43)}` },
        timeoutMs: REQUEST_DEADLINE_MS,
      });
      expect(staffApi.status, staffApi.body).toBe(503);
      expect(staffApi.headers['retry-after']).toBe('5');
      const adminPage = await send(`${base}/admin`, {
        headers: { cookie: `pejling_session=${'x'.repeat(43)}` },
        timeoutMs: REQUEST_DEADLINE_MS,
      });
      expect(adminPage.status, adminPage.body).toBe(503);
      expect(adminPage.headers['retry-after']).toBe('5');
      expect(adminPage.headers['content-type']).toMatch(/^text\/html/);
      expect(adminPage.body).toContain('Tjenesten er ikke tilgængelig lige nu');
      const reportPage = await send(`${base}/reports/storm/organisations/Org%20storm`, {
        headers: { cookie: `pejling_session=${'x'.repeat(43)}` },
        timeoutMs: REQUEST_DEADLINE_MS,
      });
      expect(reportPage.status, reportPage.body).toBe(503);
      expect(reportPage.headers['retry-after']).toBe('5');
      expect(server!.process.exitCode).toBeNull();

      // Back.
      phase = 'back';
      const restartedAt = performance.now();
      const restarting = startCluster();
      const sawUp = await waitFor(async () => (await send(`${base}/api/health`)).status === 200, 15_000, 100);
      expect(sawUp, server!.output()).toBe(true);
      const upAfterMs = performance.now() - restartedAt;
      await restarting;
      await sleep(1_000);
      stopped = true;
      await load;

      const byPhase = (p: Outcome['phase']) => outcomes.filter((o) => o.phase === p);
      const summary = (p: Outcome['phase']) => {
        const counts: Record<string, number> = {};
        for (const o of byPhase(p)) counts[String(o.status)] = (counts[String(o.status)] ?? 0) + 1;
        return counts;
      };
      const maxMs = Math.max(...outcomes.map((o) => o.ms));
      console.log(
        `[pg-restart] up ${JSON.stringify(summary('up'))} down ${JSON.stringify(summary('down'))} ` +
          `back ${JSON.stringify(summary('back'))}; 503 on /api/health ${downAfterMs.toFixed(0)} ms after the stop, ` +
          `200 again ${upAfterMs.toFixed(0)} ms after the start; slowest request ${maxMs.toFixed(0)} ms`,
      );

      // Never a 500, never a request without an answer.
      const bad = outcomes.filter((o) => o.status === 'error' || o.status === 500);
      expect(bad.map((o) => `${o.phase} ${o.what} ${o.status} ${o.error ?? o.res?.body}`)).toEqual([]);
      expect(maxMs).toBeLessThan(REQUEST_DEADLINE_MS);
      // Before: saves work (drafts are sent with a stale revision on purpose: 409 needs the database
      // too). A request still in flight at the stop may get a 503.
      const answeredBeforeStop = byPhase('up').filter((o) => o.end < stoppedAt);
      expect(answeredBeforeStop.length).toBeGreaterThan(0);
      expect([...new Set(answeredBeforeStop.map((o) => o.status))].sort()).toEqual([201, 409]);
      // Down: only 503s (a request that was answered just before the stop can still be 201/409).
      for (const o of byPhase('down').filter((x) => x.status === 503)) {
        expect(o.res!.headers['retry-after']).toBe('5');
        expect(o.res!.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(o.res!.json()).toMatchObject({ type: 'urn:pejling:problem:database-unavailable' });
      }
      expect(byPhase('down').filter((o) => o.status === 503).length).toBeGreaterThan(0);
      expect(
        [...new Set(byPhase('down').map((o) => o.status))].filter((s) => s !== 503 && s !== 201 && s !== 409),
      ).toEqual([]);
      // Back: the same process saves again without a restart.
      const lastBack = byPhase('back').slice(-WORKERS * 2);
      expect(lastBack.filter((o) => o.status === 201 || o.status === 409).length).toBe(lastBack.length);

      const log = server!.output();
      console.log(
        log
          .split('\n')
          .filter((l) => l.includes('PostgreSQL'))
          .join('\n'),
      );
      expect(log).not.toContain(PASSWORD);
      expect(log.match(/lost the connection to PostgreSQL/g)).toHaveLength(1);
      expect(log.match(/connected to PostgreSQL again/g)).toHaveLength(1);
      expect(server!.process.exitCode).toBeNull();
      expect(await stopServer(server), log).toBe(0);
    },
  );
});
