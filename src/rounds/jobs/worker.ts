/**
 * The worker that runs background jobs (docs/rounds.md, "Background jobs"). Every `serve`
 * process runs one: it polls the `jobs` table (backing off while there is nothing to do),
 * takes a job by a lease, renews the lease while it works, and does the job's items one at a
 * time, each claimed in its own transaction first. Nothing a second instance would need is
 * kept in memory: a job whose worker died is taken over by any instance once its lease runs
 * out, and goes on from the first item not done.
 *
 * No job library fits: pg-boss and graphile-worker need PostgreSQL, BullMQ needs Redis, and
 * the embedded SQLite backend must work with no other service.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  claimJob,
  claimJobItem,
  completeJobItem,
  finishJob,
  jobCounts,
  releaseJob,
  renewJobLease,
  takeOverAbandonedItems,
  type Db,
  type ItemOutcome,
  type Job,
  type JobItem,
} from '../../storage/index.ts';

/**
 * What a handler makes of one item. `apply` runs in the transaction that records the outcome
 * (a mail's link made live, the mail logged), so the two never disagree. `retry`: nothing was
 * done, try the job again later.
 */
export type ItemResult =
  | (ItemOutcome & { readonly apply?: (tx: Db) => Promise<void> })
  | { readonly state: 'retry'; readonly error: string };

export interface JobRun {
  item(item: JobItem): Promise<ItemResult>;
  /** After the last item: e.g. the ZIP of every PDF. Runs again if a worker dies in it. */
  finish?(): Promise<void>;
  close(): Promise<void>;
}

export interface JobHandler {
  readonly kind: string;
  /**
   * What becomes of an item a dead worker left half done: `redo` when doing it twice is
   * harmless (printing a PDF), `unknown` when it is not (a mail may have been accepted).
   */
  readonly abandoned: 'redo' | 'unknown';
  open(db: Db, job: Job, workerId: string): Promise<JobRun>;
  /** Called with the items turned `unknown`, e.g. to make their links live. */
  onUnknown?(db: Db, job: Job, items: readonly JobItem[]): Promise<void>;
}

export interface WorkerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface WorkerOptions {
  readonly leaseMs?: number;
  /** Shortest and longest pause between polls of an idle worker. */
  readonly minPollMs?: number;
  readonly maxPollMs?: number;
  /** How long a job waits after its mail server could not be reached (doubles per attempt). */
  readonly retryMs?: number;
  readonly workerId?: string;
}

export interface JobWorker {
  readonly id: string;
  /** Runs jobs until none is runnable; resolves with how many it worked on. */
  drain(): Promise<number>;
  /** Finishes the current item, hands the job back, and stops. */
  stop(): Promise<void>;
}

export const newWorkerId = () => `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** The poll interval from PEJLING_JOB_POLL (seconds; 0 turns the worker off). */
export function jobPollMs(env = process.env): number {
  const raw = env.PEJLING_JOB_POLL?.trim();
  if (!raw) return 2_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new Error(`PEJLING_JOB_POLL must be a number of seconds (got ${raw})`);
  return seconds * 1000;
}

/** Attempts of a job that keeps throwing (not one waiting for its mail server) before it is given up. */
const MAX_ATTEMPTS = 5;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

export function startJobWorker(
  db: Db,
  handlers: readonly JobHandler[],
  log: WorkerLog,
  options: WorkerOptions & { readonly poll?: boolean } = {},
): JobWorker {
  const id = options.workerId ?? newWorkerId();
  const leaseMs = options.leaseMs ?? 30_000;
  const minPoll = options.minPollMs ?? jobPollMs();
  const maxPoll = options.maxPollMs ?? Math.max(minPoll, 5_000);
  const retryMs = options.retryMs ?? 30_000;
  const byKind = new Map(handlers.map((h) => [h.kind, h]));
  const kinds = [...byKind.keys()];
  let stopping = false;
  let draining: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let idleDelay = minPoll;

  async function runJob(job: Job, handler: JobHandler): Promise<void> {
    let leaseLost = false;
    const renew = setInterval(() => {
      renewJobLease(db, job.id, id, leaseMs)
        .then((held) => {
          if (!held) leaseLost = true;
        })
        .catch(() => undefined);
    }, leaseMs / 3);
    renew.unref();
    try {
      const abandoned = await takeOverAbandonedItems(
        db,
        job.id,
        id,
        handler.abandoned === 'redo' ? 'pending' : 'unknown',
      );
      if (abandoned.length > 0) {
        log.warn({ job: job.id, items: abandoned.length }, 'took over items a stopped worker left');
        if (handler.abandoned === 'unknown') await handler.onUnknown?.(db, job, abandoned);
      }
      const run = await handler.open(db, job, id);
      try {
        for (;;) {
          if (leaseLost) return;
          // Stopping: hand the job back for another instance, unless nothing is left to do.
          if (stopping && (await jobCounts(db, job.id)).pending > 0) {
            await releaseJob(db, job.id, id);
            return;
          }
          const item = stopping ? null : await claimJobItem(db, job.id, id);
          if (!item) break;
          let result: ItemResult;
          try {
            result = await run.item(item);
          } catch (err) {
            result = { state: 'failed', error: message(err) };
          }
          if (result.state === 'retry') {
            await completeJobItem(db, item.id, id, { state: 'pending' });
            const delayMs = retryMs * 2 ** Math.min(job.attempts, 6);
            await releaseJob(db, job.id, id, { delayMs, error: result.error });
            log.warn({ job: job.id, delayMs, error: result.error }, 'job waits and tries again');
            return;
          }
          const { apply, ...outcome } = result;
          await db.transaction(async (tx) => {
            // A worker taken for dead whose item another one settled records nothing.
            if ((await completeJobItem(tx, item.id, id, outcome)) && apply) await apply(tx);
          });
        }
        await run.finish?.();
        if (await finishJob(db, job.id, id, 'done')) log.info({ job: job.id, kind: job.kind }, 'job done');
      } finally {
        await run.close().catch(() => undefined);
      }
    } catch (err) {
      // A broken job must not block the others: it is tried again later, and given up after
      // a few attempts (shown as stopped with its error; the items done stay done).
      log.warn({ job: job.id, err }, 'job failed');
      const giveUp = job.attempts + 1 >= MAX_ATTEMPTS;
      await (
        giveUp
          ? finishJob(db, job.id, id, 'failed', message(err))
          : releaseJob(db, job.id, id, { delayMs: retryMs, error: message(err) })
      ).catch(() => undefined);
    } finally {
      clearInterval(renew);
    }
  }

  const drain = () => {
    draining ??= (async () => {
      let worked = 0;
      while (!stopping) {
        const job = await claimJob(db, id, kinds, leaseMs);
        if (!job) break;
        worked++;
        await runJob(job, byKind.get(job.kind)!);
      }
      return worked;
    })().finally(() => (draining = null));
    return draining;
  };

  const schedule = (delay: number) => {
    if (stopping || options.poll === false) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      drain()
        .then((worked) => {
          // Back off while idle; come back quickly after work (more may have been enqueued).
          idleDelay = worked > 0 ? minPoll : Math.min(maxPoll, idleDelay * 2);
        })
        .catch((err: unknown) => {
          log.warn({ err }, 'job worker could not poll');
          idleDelay = Math.min(maxPoll, idleDelay * 2);
        })
        .finally(() => schedule(idleDelay));
    }, delay);
    timer.unref();
  };
  if (minPoll > 0) schedule(minPoll);

  return {
    id,
    drain,
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await draining?.catch(() => undefined);
    },
  };
}
