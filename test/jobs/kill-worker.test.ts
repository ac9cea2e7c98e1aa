/**
 * A worker SIGKILLed in the middle of sending a round's invitations: another worker (another
 * instance) takes the job over once the dead one's lease runs out and finishes it. Nobody gets
 * a mail twice. Killed between two mails, everyone gets exactly one; killed while the server
 * holds a mail it has not answered yet, that mail is accepted by the server but never recorded
 * by the worker: it is marked unknown and not sent again, and everyone else gets exactly one.
 */
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { enqueueInvitationMails } from '../../src/rounds/invitation-jobs.ts';
import {
  findRespondentByToken,
  getJob,
  jobCounts,
  listJobItems,
  openDatabase,
} from '../../src/storage/index.ts';
import { startSmtpServer } from '../accounts/smtp-server.ts';
import { BACKENDS, createTestTarget, type Backend } from '../storage/backends.ts';
import { collect, exited, ready, spawnScript } from '../storage/child.ts';
import { address, clearMailEnv, mailEnv, mailRound, mailWorker } from './fixtures.ts';

const N = 30;
const KILL_AT = 8;
const LEASE_MS = 1500;

type Moment = 'between mails' | 'while the server holds a mail';

async function killAndResume(backend: Backend, moment: Moment): Promise<void> {
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
      'a@example.dk',
    );
    // The embedded database belongs to one process at a time: the child's, for now.
    await db.close();

    let held = '';
    const killed = new Promise<void>((resolve) => {
      smtp.onMessage = async (mail) => {
        const n = smtp.mails.length + 1;
        if (moment === 'while the server holds a mail' && n === KILL_AT) {
          held = mail.to[0]!;
          child.kill('SIGKILL');
          await exited(child!);
          resolve();
        } else {
          await new Promise((r) => setTimeout(r, 10));
          if (moment === 'between mails' && n === KILL_AT) {
            // Accepted and answered: kill before the next one starts (or right as it does).
            setImmediate(() => {
              child.kill('SIGKILL');
              resolve();
            });
          }
        }
      };
    });
    const child: ChildProcess = spawnScript('../jobs/worker-child.ts', {
      config: target.config,
      smtpUrl: smtp.url,
      leaseMs: LEASE_MS,
    });
    const output = collect(child);
    await ready(child, output, 30_000);
    await killed;
    const { signal } = await exited(child);
    expect(signal, output.stderr).toBe('SIGKILL');
    smtp.onMessage = undefined;
    expect(smtp.mails.length).toBeLessThan(N);

    mailEnv(smtp.url);
    db = await openDatabase(target.config);
    try {
      expect((await jobCounts(db, job.id)).pending).toBeGreaterThan(0);
      // While the dead worker's lease runs, nobody takes the job; after it, another does.
      expect(await mailWorker(db, { leaseMs: LEASE_MS }).drain()).toBe(0);
      await new Promise((r) => setTimeout(r, LEASE_MS + 100));
      expect(await mailWorker(db, { leaseMs: LEASE_MS }).drain()).toBe(1);

      expect((await getJob(db, job.id))!.state).toBe('done');
      const counts = await jobCounts(db, job.id);
      expect(counts).toMatchObject({ pending: 0, working: 0, failed: 0 });
      expect(counts.done + counts.unknown).toBe(N);
      if (moment === 'while the server holds a mail') {
        expect(counts.unknown).toBe(1);
        const [unknown] = await listJobItems(db, job.id, ['unknown']);
        expect(unknown!.subject).toBe(String(ids[Number(/(\d+)@/.exec(held)![1])]));
        // The link in the mail that did arrive works.
        const text = smtp.mails.find((m) => m.to[0] === held)!.text;
        const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;
        expect(await findRespondentByToken(db, token)).toBeTruthy();
      } else expect(counts.unknown).toBeLessThanOrEqual(1);
      // Never twice: the unknown one arrived once (the server had it), everyone else once.
      for (let i = 0; i < N; i++) expect(smtp.count(address(i)), address(i)).toBe(1);
      expect(smtp.mails).toHaveLength(N);
    } finally {
      await db.close();
    }
  } finally {
    clearMailEnv();
    await smtp.close();
    await target.cleanup();
  }
}

describe.sequential('a worker killed mid-job', () => {
  for (const backend of BACKENDS)
    for (const moment of ['between mails', 'while the server holds a mail'] as const)
      it(
        `is resumed by another worker without duplicates, killed ${moment} [${backend}]`,
        { timeout: 60_000 },
        () => killAndResume(backend, moment),
      );
});
