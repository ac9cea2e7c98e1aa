/**
 * Disk full on the embedded backend: the database lives on a small tmpfs, a filler file takes
 * the rest. Saves get a 503 `disk-full` problem with Retry-After (never a 500), reads keep
 * working, and once the filler is gone the same server process saves again. Afterwards the
 * file passes `PRAGMA integrity_check` and holds every acknowledged submission; the CLI says
 * what is wrong and exits with 1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../src/core/instrument/types.ts';
import { openDatabase, type SqliteConfig } from '../../src/storage/index.ts';
import { ROOT } from '../helpers.ts';
import { completeAnswers } from '../api/helpers.ts';
import {
  prepareWebBuild,
  seedRound,
  send,
  startServer,
  stopServer,
  storageEnv,
  type Server,
} from './harness.ts';

const TMPFS_SIZE = '16m';

/** Whether this process may mount a tmpfs (root, or a container that allows it). */
function mountProbe(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'pejling-mount-probe-'));
  try {
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { encoding: 'utf8' });
    if (mounted.status !== 0)
      return `cannot mount a tmpfs here: ${(mounted.stderr || mounted.error?.message || '').trim()}`;
    spawnSync('umount', [dir]);
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cannotMount = mountProbe();
if (cannotMount) console.warn(`disk-full tests skipped: ${cannotMount}`);

/** Writes zeros until the file system refuses; returns the bytes written. */
function fillDisk(path: string): number {
  const fd = openSync(path, 'a');
  const chunk = Buffer.alloc(64 * 1024);
  let written = 0;
  try {
    for (let size = chunk.length; size >= 1;) {
      try {
        written += writeSync(fd, chunk, 0, size);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        size = Math.floor(size / 2); // fill the last bytes too
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'pejling.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.resume();
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe.skipIf(cannotMount !== null)('the disk holding the embedded database runs full', () => {
  let mountDir: string;
  let mounted = false;
  let config: SqliteConfig;
  let filler: string;
  let tokens: string[];
  let server: Server | undefined;
  const acknowledged = new Map<number, Answers>();

  beforeAll(async () => {
    await prepareWebBuild();
    mountDir = mkdtempSync(join(tmpdir(), 'pejling-diskfull-'));
    const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', mountDir], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`mount failed: ${result.stderr}`);
    mounted = true;
    config = { backend: 'sqlite', dataDir: join(mountDir, 'data') };
    mkdirSync(config.dataDir);
    filler = join(mountDir, 'filler');
    tokens = await seedRound(config, 20);
  }, 120_000);

  afterAll(async () => {
    await stopServer(server, 2_000);
    if (mounted && spawnSync('umount', [mountDir]).status !== 0) spawnSync('umount', ['-l', mountDir]);
    rmSync(mountDir, { recursive: true, force: true });
  });

  it(
    'answers 503 disk-full with Retry-After while full, and saves again once there is room',
    { timeout: 45_000 },
    async () => {
      server = await startServer(storageEnv(config));
      const url = server.url;
      const submit = (i: number, seed: number) =>
        send(`${url}/api/survey/${tokens[i]}/submit`, {
          method: 'POST',
          body: { answers: completeAnswers(seed) },
        });

      const before = await submit(0, 1);
      expect(before.status, before.body).toBe(201);
      acknowledged.set(before.json<{ id: number }>().id, completeAnswers(1));

      const filled = fillDisk(filler);
      expect(filled).toBeGreaterThan(0);

      // Writes that fit in space SQLite already holds may still succeed; keep writing until one
      // needs a new block. None may be a 500.
      let refused: Awaited<ReturnType<typeof send>> | undefined;
      const statuses: number[] = [];
      for (let n = 0; n < 400 && !refused; n++) {
        const res = await submit(1 + (n % 19), 1000 + n);
        statuses.push(res.status);
        if (res.status === 201) acknowledged.set(res.json<{ id: number }>().id, completeAnswers(1000 + n));
        else refused = res;
      }
      expect(refused, `statuses: ${statuses.join(',')}`).toBeDefined();
      console.log(
        `[disk-full] filler ${filled} bytes; ${statuses.length - 1} submission(s) still fitted, then ${refused!.status}`,
      );
      expect(refused!.status, refused!.body).toBe(503);
      expect(refused!.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused!.headers['retry-after']).toBe('30');
      expect(refused!.json()).toMatchObject({ type: 'urn:pejling:problem:disk-full', status: 503 });
      // The response names no server path; the log does.
      expect(refused!.body).not.toContain(mountDir);

      const draft = await send(`${url}/api/survey/${tokens[5]}/draft`, {
        method: 'PUT',
        body: { answers: completeAnswers(7), revision: 0 },
      });
      expect(draft.status, draft.body).toBe(503);
      expect(draft.headers['retry-after']).toBe('30');

      // Reading needs no space.
      expect((await send(`${url}/api/survey/${tokens[0]}`)).status).toBe(200);
      expect((await send(`${url}/api/health`)).status).toBe(200);

      rmSync(filler);
      const after = await submit(2, 5000);
      expect(after.status, after.body).toBe(201);
      acknowledged.set(after.json<{ id: number }>().id, completeAnswers(5000));
      const draftAfter = await send(`${url}/api/survey/${tokens[5]}/draft`, {
        method: 'PUT',
        body: { answers: completeAnswers(7), revision: 0 },
      });
      expect(draftAfter.status, draftAfter.body).toBe(200);

      expect(server.process.exitCode).toBeNull();
      expect(server.output()).toMatch(/the database disk is full/);
      expect(server.output()).toContain('The disk holding the database is full: ');
      expect(await stopServer(server), server.output()).toBe(0);

      const db = await openDatabase(config);
      try {
        const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db.kysely);
        expect(rows).toEqual([{ integrity_check: 'ok' }]);
        const stored = await db.kysely
          .selectFrom('submissions')
          .select(['id', 'answers'])
          .where('id', 'in', [...acknowledged.keys()])
          .execute();
        expect(new Map(stored.map((r) => [r.id, JSON.parse(r.answers) as Answers]))).toEqual(acknowledged);
      } finally {
        await db.close();
      }
    },
  );

  it(
    'makes the CLI say the disk is full and exit with 1; it works again with room',
    { timeout: 30_000 },
    async () => {
      const env = { ...storageEnv(config), LOG_LEVEL: 'warn' };
      const args = ['token', 'create', '--email', 'disk@example.dk', '--role', 'admin'];
      fillDisk(filler);
      try {
        const full = await runCli(args, env);
        expect(full.stderr).toContain(
          `pejling: The disk holding the database is full: ${join(config.dataDir, 'pejling.db')}`,
        );
        expect(full.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
        expect(full.code).toBe(1);
      } finally {
        rmSync(filler, { force: true });
      }
      const ok = await runCli(args, env);
      expect(ok.code, ok.stderr).toBe(0);

      const db = await openDatabase(config);
      try {
        const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db.kysely);
        expect(rows).toEqual([{ integrity_check: 'ok' }]);
      } finally {
        await db.close();
      }
    },
  );
});
