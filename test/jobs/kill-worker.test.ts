/**
 * A worker SIGKILLed in the middle of sending a round's invitations: another worker (another
 * instance) takes the job over once the dead one's lease runs out and finishes it. Nobody gets
 * a mail twice; the mail that was on the wire at the kill, if any, is marked unknown (never
 * sent again); everyone else gets exactly one.
 */
import { describe, expect, it } from 'vitest';
import { enqueueInvitationMails } from '../../src/rounds/invitation-jobs.ts';
import { getJob, jobCounts, listJobItems, openDatabase } from '../../src/storage/index.ts';
import { startSmtpServer } from '../accounts/smtp-server.ts';
import { BACKENDS, createTestTarget } from '../storage/backends.ts';
import { collect, exited, ready, spawnScript } from '../storage/child.ts';
import { address, clearMailEnv, mailEnv, mailRound, mailWorker } from './fixtures.ts';

const N = 30;
const KILL_AFTER = 8;
const LEASE_MS = 1500;

describe.sequential('a worker killed mid-job', () => {
  for (const backend of BACKENDS) {
    it(`is resumed by another worker without duplicates [${backend}]`, { timeout: 60_000 }, async () => {
      const target = await createTestTarget(backend);
      const smtp = await startSmtpServer();
      try {
        let db = await openDatabase(target.config);
        const { round, ids } = await mailRound(db, N);
        const { job } = await enqueueInvitationMails(
          db,
          round,
          { scope: 'new' },
          'invitation',
          {},
          'admin@example.dk',
        );
        // The embedded database belongs to one process at a time: the child's, for now.
        await db.close();

        let killed = false;
        smtp.onMessage = async () => {
          await new Promise((r) => setTimeout(r, 15));
        };
        const child = spawnScript('../jobs/worker-child.ts', {
          config: target.config,
          smtpUrl: smtp.url,
          leaseMs: LEASE_MS,
        });
        const output = collect(child);
        await ready(child, output, 30_000);
        await new Promise<void>((resolve, reject) => {
          const timer = setInterval(() => {
            if (smtp.mails.length >= KILL_AFTER) {
              clearInterval(timer);
              child.kill('SIGKILL');
              killed = true;
              resolve();
            } else if (child.exitCode !== null) {
              clearInterval(timer);
              reject(new Error(`the worker finished before it was killed: ${output.stderr}`));
            }
          }, 2);
        });
        const { signal } = await exited(child);
        expect(killed).toBe(true);
        expect(signal, output.stderr).toBe('SIGKILL');
        const sentBeforeKill = smtp.mails.length;
        expect(sentBeforeKill).toBeLessThan(N);

        mailEnv(smtp.url);
        db = await openDatabase(target.config);
        try {
          const before = await jobCounts(db, job.id);
          expect(before.pending).toBeGreaterThan(0);
          // While the dead worker's lease runs, nobody takes the job; after it, another does.
          expect(await mailWorker(db, { leaseMs: LEASE_MS }).drain()).toBe(0);
          await new Promise((r) => setTimeout(r, LEASE_MS + 100));
          expect(await mailWorker(db, { leaseMs: LEASE_MS }).drain()).toBe(1);

          expect((await getJob(db, job.id))!.state).toBe('done');
          const counts = await jobCounts(db, job.id);
          expect(counts).toMatchObject({ pending: 0, working: 0, failed: 0 });
          expect(counts.done + counts.unknown).toBe(N);
          expect(counts.unknown).toBeLessThanOrEqual(1);
          const unknown = new Set(
            (await listJobItems(db, job.id, ['unknown'])).map((i) => Number(i.subject)),
          );
          for (let i = 0; i < N; i++) {
            const got = smtp.count(address(i));
            // Never twice; once for every mail known to be done; an unknown one may have arrived.
            expect(got, address(i)).toBeLessThanOrEqual(1);
            if (!unknown.has(ids[i]!)) expect(got, address(i)).toBe(1);
          }
        } finally {
          await db.close();
        }
      } finally {
        clearMailEnv();
        await smtp.close();
        await target.cleanup();
      }
    });
  }
});
