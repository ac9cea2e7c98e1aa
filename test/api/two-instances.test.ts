/**
 * Two real server processes on one PostgreSQL schema, with concurrent submissions through
 * both: afterwards exactly the acknowledged submissions exist, none lost, none duplicated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../src/core/instrument/types.ts';
import { openDatabase, type Database } from '../../src/storage/index.ts';
import { BACKENDS, createTestTarget, type TestTarget } from '../storage/backends.ts';
import { startServer, stopServer, type Server } from './servers.ts';
import { completeAnswers, roundWithInvitations } from './helpers.ts';

const RESPONDENTS = 200;
const IN_FLIGHT_PER_SERVER = 16;

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
