/**
 * The job worker itself, with a handler of its own (both backends): a lease renewed while a
 * long job runs keeps other workers off it, a job that keeps throwing is given up after a few
 * attempts, and items a dead worker left are done again when that is harmless.
 */
import { expect, it } from 'vitest';
import { startJobWorker, type JobHandler } from '../../src/rounds/jobs/worker.ts';
import { claimJob, claimJobItem, enqueueJob, getJob, jobCounts, type Db } from '../../src/storage/index.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { quietLog } from './fixtures.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recording(delayMs = 0, abandoned: 'redo' | 'unknown' = 'redo') {
  const done: string[] = [];
  const handler: JobHandler = {
    kind: 'test',
    abandoned,
    open: async () => ({
      item: async (item) => {
        await sleep(delayMs);
        done.push(item.subject);
        return { state: 'done' };
      },
      close: async () => undefined,
    }),
  };
  return { handler, done };
}

const enqueue = (db: Db, subjects: string[]) =>
  enqueueJob(db, { kind: 'test', roundId: null, params: {}, actor: 'test', subjects });

const worker = (db: Db, handler: JobHandler, leaseMs = 30_000) =>
  startJobWorker(db, [handler], quietLog, { poll: false, minPollMs: 0, leaseMs, retryMs: 0 });

describeEachBackend('job worker', (getDb) => {
  it('renews its lease while a long job runs, so no other worker takes it over', async () => {
    const db = getDb();
    const subjects = ['a', 'b', 'c', 'd', 'e', 'f'];
    const { job } = await enqueue(db, subjects);
    const slow = recording(120);
    const other = recording();
    // Six items of 120 ms under a 300 ms lease: only renewal keeps the job.
    const running = worker(db, slow.handler, 300).drain();
    for (let i = 0; i < 6; i++) {
      await sleep(110);
      expect(await worker(db, other.handler, 300).drain()).toBe(0);
    }
    await running;
    expect(slow.done).toEqual(subjects);
    expect(other.done).toEqual([]);
    expect((await getJob(db, job.id))!.state).toBe('done');
  });

  it('gives a job that keeps failing up after five attempts, keeping what it did', async () => {
    const db = getDb();
    const { job } = await enqueue(db, ['a']);
    let opened = 0;
    const broken: JobHandler = {
      kind: 'test',
      abandoned: 'redo',
      open: async () => {
        opened++;
        throw new Error('broken on purpose');
      },
    };
    for (let i = 0; i < 5; i++) await worker(db, broken).drain();
    expect(opened).toBe(5);
    expect(await getJob(db, job.id)).toMatchObject({ state: 'failed', error: 'broken on purpose' });
    expect(await worker(db, broken).drain()).toBe(0);
  });

  it('does again, when that is harmless, the item a dead worker left half done', async () => {
    const db = getDb();
    const { job } = await enqueue(db, ['a', 'b']);
    await claimJob(db, 'dead', ['test'], 50);
    expect((await claimJobItem(db, job.id, 'dead'))!.subject).toBe('a');
    await sleep(80);
    const { handler, done } = recording();
    await worker(db, handler).drain();
    expect(done).toEqual(['a', 'b']);
    expect(await jobCounts(db, job.id)).toMatchObject({ done: 2, unknown: 0 });
  });
});
