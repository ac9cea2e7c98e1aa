/**
 * Two real server processes on one PostgreSQL schema, with concurrent submissions through
 * both: afterwards exactly the acknowledged submissions exist, none lost, none duplicated.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../src/core/instrument/types.ts';
import { openDatabase, type Database } from '../../src/storage/index.ts';
import { ROOT } from '../helpers.ts';
import { BACKENDS, createTestTarget, TEST_PG_URL, type TestTarget } from '../storage/backends.ts';
import { completeAnswers, roundWithInvitations } from './helpers.ts';

const RESPONDENTS = 200;
const IN_FLIGHT_PER_SERVER = 16;

interface Server {
  url: string;
  process: ChildProcess;
  output: () => string;
}

function startServer(target: TestTarget): Promise<Server> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'pejling.js'), 'serve', '--host', '127.0.0.1', '--port', '0'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: TEST_PG_URL,
        PEJLING_DB_SCHEMA: target.config.backend === 'postgres' ? target.config.schema! : '',
        LOG_LEVEL: 'warn',
      },
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, process: child, output: () => output });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

async function stopServer(server: Server): Promise<number | null> {
  if (server.process.exitCode !== null) return server.process.exitCode;
  const exited = new Promise<number | null>((resolve) =>
    server.process.once('exit', (code) => resolve(code)),
  );
  server.process.kill('SIGTERM');
  return exited;
}

/** Runs the jobs with at most `limit` in flight. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

interface Ack {
  respondent: number;
  server: 'a' | 'b';
  status: number;
  id: number;
  answers: Answers;
}

describe.runIf(BACKENDS.includes('postgres'))('two app instances on one PostgreSQL', () => {
  let target: TestTarget;
  let db: Database;
  let servers: Server[] = [];
  let tokens: string[];

  beforeAll(async () => {
    target = await createTestTarget('postgres');
    // Storage schema only: the two servers, starting together, race to add the API's tables.
    db = await openDatabase(target.config);
    ({ tokens } = await roundWithInvitations(db, 'load', RESPONDENTS));
    servers = await Promise.all([startServer(target), startServer(target)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map(stopServer));
    await db?.close();
    await target?.cleanup();
  });

  it(
    'keeps exactly the acknowledged submissions when both take them concurrently',
    { timeout: 180_000 },
    async () => {
      const [a, b] = servers as [Server, Server];
      expect(a.url).not.toBe(b.url);
      // First half: the same answers through both servers (a retried submission); the second
      // half: different answers through each (two devices), so one supersedes the other.
      const answersFor = (i: number, server: 'a' | 'b') =>
        completeAnswers(i < RESPONDENTS / 2 || server === 'a' ? i : i + 1000);
      const submit = (i: number, server: 'a' | 'b') => async (): Promise<Ack> => {
        const answers = answersFor(i, server);
        const res = await fetch(`${(server === 'a' ? a : b).url}/api/survey/${tokens[i]}/submit`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ answers }),
        });
        const body = (await res.json()) as { id: number };
        return { respondent: i, server, status: res.status, id: body.id, answers };
      };
      const indices = Array.from({ length: RESPONDENTS }, (_, i) => i);
      const [viaA, viaB] = await Promise.all([
        pool(
          indices.map((i) => submit(i, 'a')),
          IN_FLIGHT_PER_SERVER,
        ),
        pool(
          indices.map((i) => submit(i, 'b')),
          IN_FLIGHT_PER_SERVER,
        ),
      ]);
      const acks = [...viaA, ...viaB];
      expect(acks.filter((ack) => ack.status !== 200 && ack.status !== 201)).toEqual([]);

      const rows = await db.kysely
        .selectFrom('submissions as s')
        .innerJoin('respondents as r', 'r.id', 's.respondent_id')
        .select(['s.id', 'r.external_id', 's.answers', 's.superseded_at'])
        .execute();
      // Nothing lost, nothing extra: the stored ids are exactly the acknowledged ones.
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(acks.map((ack) => ack.id)));

      for (const i of indices) {
        const mine = rows.filter((r) => r.external_id === `r${i}`);
        const [ackA, ackB] = [viaA.find((x) => x.respondent === i)!, viaB.find((x) => x.respondent === i)!];
        const current = mine.filter((r) => r.superseded_at === null);
        expect(current, `r${i}`).toHaveLength(1);
        if (i < RESPONDENTS / 2) {
          expect(mine, `r${i} submitted twice with the same answers`).toHaveLength(1);
          expect(ackA.id).toBe(ackB.id);
          expect([ackA.status, ackB.status].sort()).toEqual([200, 201]);
        } else {
          expect(mine, `r${i} submitted two different answer sets`).toHaveLength(2);
          const latest = ackA.id > ackB.id ? ackA : ackB;
          expect(current[0]!.id).toBe(latest.id);
          expect(JSON.parse(current[0]!.answers)).toEqual(latest.answers);
        }
      }
    },
  );

  it('shuts both servers down cleanly on SIGTERM', async () => {
    const codes = await Promise.all(servers.map(stopServer));
    expect(codes, servers.map((s) => s.output()).join('\n')).toEqual([0, 0]);
  });
});
