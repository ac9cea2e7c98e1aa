/**
 * No acknowledged answer is lost: the real server (`pejling serve`) takes a storm of autosaves
 * and submissions from a few hundred respondents, is SIGKILLed in the middle of it, and is
 * started again on the same database. Every submission and draft it acknowledged (2xx) must be
 * there with the same answers, and the current one per respondent must be the last
 * acknowledged one, or the one that was in flight at the kill (committed, answer lost).
 *
 * One respondent is never in two requests at once, so "the last acknowledged" is well defined.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../src/core/instrument/types.ts';
import { openDatabase } from '../../src/storage/index.ts';
import { completeAnswers } from '../api/helpers.ts';
import { BACKENDS, createTestTarget, type Backend } from '../storage/backends.ts';
import {
  prepareWebBuild,
  seedRound,
  send,
  sleep,
  startServer,
  stopServer,
  storageEnv,
  type Server,
} from './harness.ts';

const RESPONDENTS = 300;
const WORKERS = 16;
/** Kill once this many submissions were acknowledged, plus a random moment. */
const KILL_AFTER_SUBMITS = 100;

interface Attempt {
  readonly answers: Answers;
  /** Drafts: the revision this save would create. */
  readonly revision?: number;
}

interface RespondentState {
  readonly token: string;
  revision: number;
  lastDraft?: { revision: number; answers: Answers };
  lastSubmit?: { id: number; answers: Answers };
  /** What was on the wire for this respondent when the server died. */
  pendingDraft?: Attempt;
  pendingSubmit?: Attempt;
}

interface Counts {
  submitsAcknowledged: number;
  draftsAcknowledged: number;
  /** Requests sent but not answered when the server was killed. */
  inFlightAtKill: number;
  failedOtherwise: string[];
}

beforeAll(() => prepareWebBuild(), 180_000);

describe.sequential('SIGKILL in the middle of a storm of saves', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const s of servers) await stopServer(s, 2_000);
  });

  for (const backend of BACKENDS) {
    it(`keeps every acknowledged submission and draft [${backend}]`, { timeout: 60_000 }, async () => {
      await killStorm(backend, servers);
    });
  }
});

async function killStorm(backend: Backend, servers: Server[]): Promise<void> {
  const started = Date.now();
  const phases: string[] = [];
  let phaseStart = started;
  const phase = (name: string) => {
    phases.push(`${name} ${((Date.now() - phaseStart) / 1000).toFixed(1)}s`);
    phaseStart = Date.now();
  };
  const target = await createTestTarget(backend);
  try {
    const tokens = await seedRound(target.config, RESPONDENTS);
    phase('seed');
    const env = storageEnv(target.config);
    const first = await startServer(env);
    servers.push(first);
    phase('start');

    const people: RespondentState[] = tokens.map((token) => ({ token, revision: 0 }));
    const counts: Counts = {
      submitsAcknowledged: 0,
      draftsAcknowledged: 0,
      inFlightAtKill: 0,
      failedOtherwise: [],
    };
    const acknowledged = new Map<number, Answers>();
    let killed = false;
    let inFlight = 0;
    let seq = 0;

    const call = async (person: RespondentState, kind: 'draft' | 'submit', address: string) => {
      const answers = completeAnswers(++seq);
      const attempt: Attempt = kind === 'draft' ? { answers, revision: person.revision + 1 } : { answers };
      if (kind === 'draft') person.pendingDraft = attempt;
      else person.pendingSubmit = attempt;
      inFlight++;
      try {
        const res = await send(
          `${first.url}/api/survey/${person.token}/${kind}`,
          kind === 'draft'
            ? { method: 'PUT', body: { answers, revision: person.revision }, localAddress: address }
            : { method: 'POST', body: { answers }, localAddress: address },
        );
        inFlight--;
        if (res.status >= 300) {
          counts.failedOtherwise.push(`${kind} ${res.status} ${res.body}`);
          return;
        }
        if (kind === 'draft') {
          const { revision } = res.json<{ revision: number }>();
          person.revision = revision;
          person.lastDraft = { revision, answers };
          person.pendingDraft = undefined;
          counts.draftsAcknowledged++;
        } else {
          const { id } = res.json<{ id: number }>();
          person.lastSubmit = { id, answers };
          person.pendingSubmit = undefined;
          acknowledged.set(id, answers);
          counts.submitsAcknowledged++;
        }
      } catch (err) {
        inFlight--;
        // After the kill a request without an answer is expected; before it, it is a failure.
        if (!killed) counts.failedOtherwise.push(`${kind}: ${(err as Error).message}`);
      }
    };

    // Worker w owns respondents w, w+WORKERS, …: one request per respondent at a time.
    const worker = async (w: number) => {
      const address = `127.0.0.${10 + w}`;
      const mine = people.filter((_, i) => i % WORKERS === w);
      for (let round = 0; !killed; round++) {
        const person = mine[round % mine.length]!;
        await call(person, 'draft', address);
        if (killed) break;
        await call(person, 'submit', address);
      }
    };
    const storm = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    const stormStarted = Date.now();

    while (counts.submitsAcknowledged < KILL_AFTER_SUBMITS && counts.failedOtherwise.length === 0) {
      if (Date.now() - stormStarted > 20_000) {
        killed = true;
        first.process.kill('SIGKILL');
        throw new Error(`storm too slow: ${JSON.stringify(counts)}`);
      }
      await sleep(5);
    }
    await sleep(Math.random() * 300);
    killed = true;
    counts.inFlightAtKill = inFlight;
    first.process.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    await storm;
    expect(counts.failedOtherwise, first.output()).toEqual([]);

    phase('storm');
    // The same database, a new process.
    const second = await startServer(env);
    servers.push(second);
    phase('restart');
    let foundCurrent = 0;
    /** In flight at the kill, committed, never acknowledged: allowed, and counted. */
    let committedUnacknowledged = 0;
    const surveys = await Promise.all(
      people.map((person, i) =>
        send(`${second.url}/api/survey/${person.token}`, { localAddress: `127.0.1.${1 + (i % 50)}` }),
      ),
    );
    people.forEach((person, i) => {
      const res = surveys[i]!;
      expect(res.status, res.body).toBe(200);
      const { draft, submission } = res.json<{
        draft: { revision: number; answers: Answers } | null;
        submission: { id: number; answers: Answers } | null;
      }>();
      const who = `respondent ${i}`;
      if (person.lastSubmit && submission?.id === person.lastSubmit.id) {
        expect(submission.answers, who).toEqual(person.lastSubmit.answers);
        foundCurrent++;
      } else if (person.pendingSubmit && submission && submission.id > (person.lastSubmit?.id ?? 0)) {
        // Committed just before the kill; its answer never arrived.
        expect(submission.answers, who).toEqual(person.pendingSubmit.answers);
        committedUnacknowledged++;
      } else {
        expect(submission?.id ?? null, `${who}: current submission`).toBe(person.lastSubmit?.id ?? null);
      }
      if (person.lastDraft && draft?.revision === person.lastDraft.revision) {
        expect(draft.answers, who).toEqual(person.lastDraft.answers);
      } else if (person.pendingDraft && draft && draft.revision === person.pendingDraft.revision) {
        expect(draft.answers, who).toEqual(person.pendingDraft.answers);
        committedUnacknowledged++;
      } else {
        expect(draft?.revision ?? 0, `${who}: draft revision`).toBe(person.lastDraft?.revision ?? 0);
      }
    });
    expect(await stopServer(second), second.output()).toBe(0);

    // Every acknowledged submission, superseded or not, is stored with the same answers.
    const db = await openDatabase(target.config);
    let found = 0;
    try {
      const ids = [...acknowledged.keys()];
      const rows = await db.kysely
        .selectFrom('submissions')
        .select(['id', 'answers'])
        .where('id', 'in', ids)
        .execute();
      const stored = new Map(rows.map((r) => [r.id, JSON.parse(r.answers) as Answers]));
      for (const [id, answers] of acknowledged) {
        expect(stored.get(id), `submission ${id}`).toEqual(answers);
        found++;
      }
      const doubled = await db.kysely
        .selectFrom('submissions')
        .select('respondent_id')
        .where('superseded_at', 'is', null)
        .groupBy('respondent_id')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      expect(doubled).toEqual([]);
      if (db.dialect === 'sqlite') {
        const { rows: check } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
          db.kysely,
        );
        expect(check).toEqual([{ integrity_check: 'ok' }]);
      }
    } finally {
      await db.close();
    }

    phase('check');
    const line =
      `[kill-storm ${backend}] respondents=${RESPONDENTS} submits acknowledged=${counts.submitsAcknowledged} ` +
      `(distinct ids ${acknowledged.size}) drafts acknowledged=${counts.draftsAcknowledged} ` +
      `in flight at kill=${counts.inFlightAtKill} acknowledged found after restart=${found}/${acknowledged.size} ` +
      `last acknowledged current=${foundCurrent} in flight but committed=${committedUnacknowledged} time=${((Date.now() - started) / 1000).toFixed(1)}s (${phases.join(', ')})`;
    console.log(line);
    expect(found).toBe(acknowledged.size);
    expect(counts.submitsAcknowledged).toBeGreaterThanOrEqual(KILL_AFTER_SUBMITS);
  } finally {
    await target.cleanup();
  }
}
