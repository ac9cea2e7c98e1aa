/**
 * Background jobs in real `pejling serve` processes: two instances on one PostgreSQL share the
 * queued mail jobs and deliver each mail exactly once; SIGTERM in the middle of a job ends the
 * process promptly and hands the job back, and the next instance finishes it without
 * duplicates (both backends; the embedded database is one process at a time).
 */
import { describe, expect, it } from 'vitest';
import { enqueueInvitationMails } from '../../src/rounds/invitation-jobs.ts';
import { getJob, jobCounts, openDatabase, type StorageConfig } from '../../src/storage/index.ts';
import { startSmtpServer, type TestSmtpServer } from '../accounts/smtp-server.ts';
import { address, mailRound } from '../jobs/fixtures.ts';
import { BACKENDS, createTestTarget } from '../storage/backends.ts';
import { prepareWebBuild, startServer, stopServer, storageEnv, waitFor, type Server } from './harness.ts';

const env = (config: StorageConfig, smtp: TestSmtpServer) => ({
  ...storageEnv(config),
  SMTP_URL: smtp.url,
  SMTP_FROM: 'pejling@example.dk',
  PEJLING_PUBLIC_URL: 'https://pejling.test',
  PEJLING_JOB_POLL: '0.2',
  PEJLING_RELEASE_INTERVAL: '0',
});

async function queueRounds(config: StorageConfig, names: string[], n: number): Promise<number[]> {
  const db = await openDatabase(config);
  try {
    const jobs: number[] = [];
    for (const name of names) {
      const { round } = await mailRound(db, n, name, name);
      const { job } = await enqueueInvitationMails(
        db,
        round,
        { scope: 'new' },
        'invitation',
        {},
        'admin@example.dk',
      );
      jobs.push(job.id);
    }
    return jobs;
  } finally {
    await db.close();
  }
}

async function allDone(config: StorageConfig, jobs: number[]): Promise<boolean> {
  const db = await openDatabase(config);
  try {
    for (const id of jobs) if ((await getJob(db, id))?.state !== 'done') return false;
    return true;
  } finally {
    await db.close();
  }
}

describe.sequential('jobs in real server processes', () => {
  it('two instances on one PostgreSQL send each mail exactly once', { timeout: 180_000 }, async () => {
    if (!BACKENDS.includes('postgres')) return;
    await prepareWebBuild();
    const target = await createTestTarget('postgres');
    const smtp = await startSmtpServer();
    smtp.onMessage = () => new Promise((r) => setTimeout(r, 10));
    const servers: Server[] = [];
    try {
      const names = ['a', 'b', 'c', 'd'];
      const jobs = await queueRounds(target.config, names, 12);
      servers.push(
        ...(await Promise.all([
          startServer(env(target.config, smtp)),
          startServer(env(target.config, smtp)),
        ])),
      );
      expect(await waitFor(() => allDone(target.config, jobs), 60_000)).toBe(true);
      for (const name of names)
        for (let i = 0; i < 12; i++) expect(smtp.count(address(i, name)), address(i, name)).toBe(1);
      expect(smtp.mails).toHaveLength(48);
      for (const server of servers.splice(0)) expect(await stopServer(server)).toBe(0);
    } finally {
      for (const server of servers) await stopServer(server, 2_000);
      await smtp.close();
      await target.cleanup();
    }
  });

  for (const backend of BACKENDS) {
    it(
      `SIGTERM mid-job exits promptly; the next instance finishes it without duplicates [${backend}]`,
      { timeout: 180_000 },
      async () => {
        await prepareWebBuild();
        const target = await createTestTarget(backend);
        const smtp = await startSmtpServer();
        // Slow enough that the job is far from done when the server is asked to stop.
        smtp.onMessage = () => new Promise((r) => setTimeout(r, 150));
        let server: Server | undefined;
        try {
          const [job] = await queueRounds(target.config, ['t'], 40);
          server = await startServer(env(target.config, smtp));
          expect(await waitFor(async () => smtp.mails.length >= 3, 30_000, 20)).toBe(true);
          const started = Date.now();
          expect(await stopServer(server, 15_000)).toBe(0);
          expect(Date.now() - started).toBeLessThan(5_000);
          server = undefined;
          const db = await openDatabase(target.config);
          try {
            const handedBack = (await getJob(db, job!))!;
            // Handed back at once: the next instance need not wait for a lease to run out.
            expect(handedBack).toMatchObject({ state: 'pending', lockedBy: null, leaseUntil: null });
            expect((await jobCounts(db, job!)).pending).toBeGreaterThan(0);
            expect((await jobCounts(db, job!)).unknown).toBe(0);
          } finally {
            await db.close();
          }
          smtp.onMessage = undefined;
          server = await startServer(env(target.config, smtp));
          // The embedded database is the server's while it runs: watch the mail server instead.
          expect(await waitFor(async () => smtp.mails.length >= 40, 60_000, 20)).toBe(true);
          await new Promise((r) => setTimeout(r, 500));
          expect(await stopServer(server)).toBe(0);
          server = undefined;
          expect(await allDone(target.config, [job!])).toBe(true);
          for (let i = 0; i < 40; i++) expect(smtp.count(address(i, 't')), address(i, 't')).toBe(1);
          expect(smtp.mails).toHaveLength(40);
        } finally {
          await stopServer(server, 2_000);
          await smtp.close();
          await target.cleanup();
        }
      },
    );
  }
});
