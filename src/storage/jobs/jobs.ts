/**
 * Background jobs: enqueueing, the lease a worker holds a job by, and what a job page shows.
 * A lease is taken and renewed with a conditional UPDATE, so of two instances racing for a job
 * exactly one gets it (PostgreSQL re-checks the condition after waiting for the row lock;
 * SQLite has one writer). Leases are compared with the app's clock: instances must keep their
 * clocks in sync well within a lease (NTP).
 */
import type { Db } from '../database.ts';
import { canonicalJson, parseJson } from '../json.ts';
import { nowIso } from '../time.ts';
import { jobsKysely, type ItemState, type JobState } from './schema.ts';

export interface Job {
  readonly id: number;
  readonly kind: string;
  readonly roundId: number | null;
  readonly params: unknown;
  readonly state: JobState;
  readonly actor: string;
  readonly lockedBy: string | null;
  readonly leaseUntil: string | null;
  readonly attempts: number;
  readonly error: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

export interface NewJob {
  readonly kind: string;
  readonly roundId: number | null;
  readonly params: unknown;
  readonly actor: string;
  /** At most one pending job per key: enqueueing again returns the pending one. */
  readonly dedupeKey?: string;
  /** One item per unit of work (a respondent id, an organisation id), in the order done. */
  readonly subjects: readonly string[];
}

type JobRow = {
  id: number;
  kind: string;
  round_id: number | null;
  params: string;
  state: JobState;
  actor: string;
  locked_by: string | null;
  lease_until: string | null;
  attempts: number;
  error: string | null;
  created_at: string;
  finished_at: string | null;
};

const toJob = (r: JobRow): Job => ({
  id: Number(r.id),
  kind: r.kind,
  roundId: r.round_id === null ? null : Number(r.round_id),
  params: parseJson(r.params),
  state: r.state,
  actor: r.actor,
  lockedBy: r.locked_by,
  leaseUntil: r.lease_until,
  attempts: Number(r.attempts),
  error: r.error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

const JOB_COLUMNS = [
  'id',
  'kind',
  'round_id',
  'params',
  'state',
  'actor',
  'locked_by',
  'lease_until',
  'attempts',
  'error',
  'created_at',
  'finished_at',
] as const;

/** Large jobs insert their items in chunks (SQLite allows ~32k bound values per statement). */
const ITEM_CHUNK = 2000;

async function pendingByKey(db: Db, key: string): Promise<Job | null> {
  const row = await jobsKysely(db)
    .selectFrom('jobs')
    .select(JOB_COLUMNS)
    .where('dedupe_key', '=', key)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return row ? toJob(row) : null;
}

/** A new job with its items; `created` is false when a pending job with the same key existed. */
export async function enqueueJob(db: Db, input: NewJob): Promise<{ job: Job; created: boolean }> {
  const key = input.dedupeKey ?? null;
  try {
    return await db.transaction(async (tx) => {
      if (key) {
        const existing = await pendingByKey(tx, key);
        if (existing) return { job: existing, created: false };
      }
      const now = nowIso();
      const k = jobsKysely(tx);
      const row = await k
        .insertInto('jobs')
        .values({
          kind: input.kind,
          round_id: input.roundId,
          params: canonicalJson(input.params),
          // Pending even without items: the worker still finishes it (an empty ZIP, an audit line).
          state: 'pending',
          dedupe_key: key,
          actor: input.actor,
          run_after: now,
          created_at: now,
        })
        .returning(JOB_COLUMNS)
        .executeTakeFirstOrThrow();
      for (let i = 0; i < input.subjects.length; i += ITEM_CHUNK) {
        await k
          .insertInto('job_items')
          .values(
            input.subjects
              .slice(i, i + ITEM_CHUNK)
              .map((subject) => ({ job_id: row.id, subject, state: 'pending' as const })),
          )
          .execute();
      }
      return { job: toJob(row), created: true };
    });
  } catch (err) {
    // Another instance enqueued the same work between our check and our insert.
    const existing = key ? await pendingByKey(db, key) : null;
    if (existing) return { job: existing, created: false };
    throw err;
  }
}

export async function getJob(db: Db, id: number): Promise<Job | null> {
  if (!Number.isSafeInteger(id)) return null;
  const row = await jobsKysely(db)
    .selectFrom('jobs')
    .select(JOB_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toJob(row) : null;
}

export async function listRoundJobs(db: Db, roundId: number, limit = 20): Promise<Job[]> {
  const rows = await jobsKysely(db)
    .selectFrom('jobs')
    .select(JOB_COLUMNS)
    .where('round_id', '=', roundId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toJob);
}

export type JobCounts = Readonly<Record<ItemState, number>>;

export async function jobCounts(db: Db, jobId: number): Promise<JobCounts> {
  const rows = await jobsKysely(db)
    .selectFrom('job_items')
    .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
    .where('job_id', '=', jobId)
    .groupBy('state')
    .execute();
  const counts: Record<ItemState, number> = {
    pending: 0,
    working: 0,
    done: 0,
    failed: 0,
    unknown: 0,
    skipped: 0,
  };
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}

const leaseEnd = (leaseMs: number) => new Date(Date.now() + leaseMs).toISOString();

/**
 * Takes the oldest runnable job of these kinds: pending, due, and nobody's lease on it (or an
 * expired one, whose worker is dead or stuck). Returns null when there is none.
 */
export async function claimJob(
  db: Db,
  workerId: string,
  kinds: readonly string[],
  leaseMs: number,
): Promise<Job | null> {
  if (kinds.length === 0) return null;
  return db.transaction(async (tx) => {
    const now = nowIso();
    const k = jobsKysely(tx);
    const candidate = await k
      .selectFrom('jobs')
      .select('id')
      .where('state', '=', 'pending')
      .where('kind', 'in', kinds)
      .where('run_after', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('id')
      .limit(1)
      // Instances skip a job another one is claiming right now instead of queueing behind it.
      .$if(tx.dialect === 'postgres', (q) => q.forUpdate().skipLocked())
      .executeTakeFirst();
    if (!candidate) return null;
    const row = await k
      .updateTable('jobs')
      .set({ locked_by: workerId, lease_until: leaseEnd(leaseMs) })
      .where('id', '=', candidate.id)
      .where('state', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .returning(JOB_COLUMNS)
      .executeTakeFirst();
    return row ? toJob(row) : null;
  });
}

/** Extends the lease; false when this worker no longer holds the job. */
export async function renewJobLease(
  db: Db,
  jobId: number,
  workerId: string,
  leaseMs: number,
): Promise<boolean> {
  const result = await jobsKysely(db)
    .updateTable('jobs')
    .set({ lease_until: leaseEnd(leaseMs) })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Gives the job back (shutting down, or waiting for a mail server): unlocked, runnable again
 * after `delayMs`. With `error`, the attempt counts as a failed one.
 */
export async function releaseJob(
  db: Db,
  jobId: number,
  workerId: string,
  options: { delayMs?: number; error?: string } = {},
): Promise<void> {
  await jobsKysely(db)
    .updateTable('jobs')
    .set((eb) => ({
      locked_by: null,
      lease_until: null,
      run_after: new Date(Date.now() + (options.delayMs ?? 0)).toISOString(),
      ...(options.error !== undefined ? { error: options.error, attempts: eb('attempts', '+', 1) } : {}),
    }))
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function finishJob(
  db: Db,
  jobId: number,
  workerId: string,
  state: 'done' | 'failed',
  error: string | null = null,
): Promise<boolean> {
  const result = await jobsKysely(db)
    .updateTable('jobs')
    .set({ state, error, finished_at: nowIso(), locked_by: null, lease_until: null })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
