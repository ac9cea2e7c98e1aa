/**
 * Shared pieces of the resilience tests: the real server as a child process (`node
 * bin/pejling.js serve`), plain HTTP requests with a deadline and a chosen source address, and
 * a seeded round with invitation tokens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { ensureWebBuild } from '../../src/web-server/index.ts';
import {
  ensureOrganisation,
  hashToken,
  newToken,
  openDatabase,
  type StorageConfig,
} from '../../src/storage/index.ts';
import { ROOT } from '../helpers.ts';
import { roundWithInvitations } from '../api/helpers.ts';

export interface Server {
  readonly url: string;
  readonly process: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code or signal once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The environment that points `pejling serve` at a storage config. */
export function storageEnv(config: StorageConfig, url?: string): Record<string, string> {
  if (config.backend === 'sqlite') return { DATABASE_URL: '', PEJLING_DATA_DIR: config.dataDir };
  return { DATABASE_URL: url ?? config.url, PEJLING_DB_SCHEMA: config.schema ?? '' };
}

/**
 * Builds the survey front end once up front (if its sources changed), so the servers the tests
 * start do not each wait for Vite.
 */
export async function prepareWebBuild(): Promise<void> {
  await ensureWebBuild();
}

export function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<Server> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'pejling.js'), 'serve', '--host', '127.0.0.1', '--port', '0'],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = () => {
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stderr!.off('data', check);
      resolve({ url: match[1]!, process: child, output: () => output, exited });
    };
    child.stderr!.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });
}

/** SIGTERM and wait; SIGKILL after `graceMs`. */
export async function stopServer(server: Server | undefined, graceMs = 10_000): Promise<number | null> {
  if (!server) return null;
  if (server.process.exitCode !== null || server.process.signalCode !== null) return server.process.exitCode;
  server.process.kill('SIGTERM');
  const timer = setTimeout(() => server.process.kill('SIGKILL'), graceMs);
  const { code } = await server.exited;
  clearTimeout(timer);
  return code;
}

export interface Response {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  json<T = unknown>(): T;
}

export interface RequestOptions {
  readonly method?: string;
  readonly body?: unknown;
  /** The client address the server sees (127.0.0.x): the respondent rate limit is per address. */
  readonly localAddress?: string;
  readonly timeoutMs?: number;
  readonly headers?: Record<string, string>;
}

/** One HTTP request on a fresh connection; rejects on a network error or after `timeoutMs`. */
export function send(url: string, options: RequestOptions = {}): Promise<Response> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: options.method ?? 'GET',
        agent: false,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        headers: {
          ...(payload !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...options.headers,
        },
        timeout: options.timeoutMs ?? 15_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: <T>() => JSON.parse(body) as T,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 15_000} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * A dt-offentlig round, open, with `n` invitations; the database is closed again afterwards.
 * The invitations go in as one multi-row insert (the same rows `inviteRespondent` writes):
 * a few hundred single inserts take seconds on a busy PostgreSQL.
 */
export async function seedRound(config: StorageConfig, n: number, name = 'storm'): Promise<string[]> {
  const db = await openDatabase(config);
  try {
    return await db.transaction(async (tx) => {
      const { round } = await roundWithInvitations(tx, name, 0);
      const org = await ensureOrganisation(tx, { name: `Org ${name}`, sector: 'kommune' });
      const tokens = Array.from({ length: n }, () => newToken());
      const createdAt = new Date().toISOString();
      await tx.kysely
        .insertInto('respondents')
        .values(
          tokens.map((token, i) => ({
            round_id: round.id,
            organisation_id: org.id,
            external_id: `r${i}`,
            role: null,
            email: null,
            token_hash: hashToken(token),
            created_at: createdAt,
          })),
        )
        .execute();
      return tokens;
    });
  } finally {
    await db.close();
  }
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns true; false if `timeoutMs` passes first. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(everyMs);
  }
  return false;
}
