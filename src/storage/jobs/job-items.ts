/**
 * The items of a job. Each is claimed in its own transaction (pending → working, with the
 * worker's id) before its work starts, and only while the worker holds the job's lease; the
 * conditional UPDATE lets exactly one worker claim it, so no item is ever done by two.
 */
import type { Db } from '../database.ts';
import { nowIso } from '../time.ts';
import { jobsKysely, type ItemState } from './schema.ts';

export interface JobItem {
  readonly id: number;
  readonly jobId: number;
  readonly subject: string;
  readonly state: ItemState;
  readonly tokenHash: string | null;
  readonly error: string | null;
}

const ITEM_COLUMNS = ['id', 'job_id', 'subject', 'state', 'token_hash', 'error'] as const;

const toItem = (r: {
  id: number;
  job_id: number;
  subject: string;
  state: ItemState;
  token_hash: string | null;
  error: string | null;
}): JobItem => ({
  id: Number(r.id),
  jobId: Number(r.job_id),
  subject: r.subject,
  state: r.state,
  tokenHash: r.token_hash,
  error: r.error,
});

/** The next pending item, now working for this worker; null when none is left or the lease is gone. */
export async function claimJobItem(db: Db, jobId: number, workerId: string): Promise<JobItem | null> {
  return db.transaction(async (tx) => {
    const k = jobsKysely(tx);
    const next = await k
      .selectFrom('job_items')
      .select('id')
      .where('job_id', '=', jobId)
      .where('state', '=', 'pending')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!next) return null;
    const now = nowIso();
    const row = await k
      .updateTable('job_items')
      .set({ state: 'working', locked_by: workerId, started_at: now })
      .where('id', '=', next.id)
      .where('state', '=', 'pending')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('jobs')
            .select('jobs.id')
            .where('jobs.id', '=', jobId)
            .where('jobs.locked_by', '=', workerId)
            .where('jobs.lease_until', '>', now),
        ),
      )
      .returning(ITEM_COLUMNS)
      .executeTakeFirst();
    return row ? toItem(row) : null;
  });
}

/** Remembers the link a mail is about to carry (live only once the mail was accepted). */
export async function setJobItemToken(
  db: Db,
  itemId: number,
  workerId: string,
  tokenHash: string,
): Promise<void> {
  await jobsKysely(db)
    .updateTable('job_items')
    .set({ token_hash: tokenHash })
    .where('id', '=', itemId)
    .where('locked_by', '=', workerId)
    .execute();
}

export interface ItemOutcome {
  readonly state: 'done' | 'failed' | 'skipped' | 'pending' | 'unknown';
  readonly error?: string;
  readonly result?: Uint8Array;
}

/**
 * Records what became of an item this worker claimed. `unknown` is accepted as a starting
 * state too: a worker taken for dead that did finish knows better than the one that took over.
 */
export async function completeJobItem(
  db: Db,
  itemId: number,
  workerId: string,
  outcome: ItemOutcome,
): Promise<boolean> {
  const result = await jobsKysely(db)
    .updateTable('job_items')
    .set({
      state: outcome.state,
      error: outcome.error ?? null,
      ...(outcome.result ? { result: outcome.result } : {}),
      ...(outcome.state === 'pending'
        ? { locked_by: null, started_at: null, token_hash: null }
        : { finished_at: nowIso() }),
    })
    .where('id', '=', itemId)
    .where('locked_by', '=', workerId)
    .where('state', 'in', ['working', 'unknown'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Items another worker claimed and never finished: that worker lost the lease (it died or
 * stalled), so they are `pending` again when doing them twice is harmless, or `unknown` when
 * it is not (a mail may have been accepted just before the worker died). Returns them.
 */
export async function takeOverAbandonedItems(
  db: Db,
  jobId: number,
  workerId: string,
  to: 'pending' | 'unknown',
): Promise<JobItem[]> {
  const rows = await jobsKysely(db)
    .updateTable('job_items')
    .set(
      to === 'pending'
        ? { state: 'pending', locked_by: null, started_at: null }
        : { state: 'unknown', finished_at: nowIso(), error: 'worker-stopped' },
    )
    .where('job_id', '=', jobId)
    .where('state', '=', 'working')
    .where((eb) => eb.or([eb('locked_by', 'is', null), eb('locked_by', '!=', workerId)]))
    .returning(ITEM_COLUMNS)
    .execute();
  return rows.map(toItem);
}

export interface JobItemRow extends JobItem {
  readonly finishedAt: string | null;
}

/** Items in one state, in order (a job page lists the failed and unknown ones). */
export async function listJobItems(db: Db, jobId: number, states: readonly ItemState[], limit = 200) {
  const rows = await jobsKysely(db)
    .selectFrom('job_items')
    .select([...ITEM_COLUMNS, 'finished_at'])
    .where('job_id', '=', jobId)
    .where('state', 'in', states)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r): JobItemRow => ({ ...toItem(r), finishedAt: r.finished_at }));
}

/** The outputs of the done items, in order, one at a time (a ZIP of hundreds of PDFs). */
export async function* jobItemResults(
  db: Db,
  jobId: number,
): AsyncGenerator<{ subject: string; data: Uint8Array }> {
  const k = jobsKysely(db);
  const ids = await k
    .selectFrom('job_items')
    .select('id')
    .where('job_id', '=', jobId)
    .where('state', '=', 'done')
    .where('result', 'is not', null)
    .orderBy('id')
    .execute();
  for (const { id } of ids) {
    const row = await k
      .selectFrom('job_items')
      .select(['subject', 'result'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (row.result) yield { subject: row.subject, data: row.result };
  }
}
