/**
 * Invitation and reminder mails as background jobs, on both backends, against a real SMTP
 * server: each mail once (also with two workers on one database at the same time, and when the
 * same job is asked for twice), refused recipients marked failed while the others are sent,
 * reminders that keep earlier links working unless a new link is asked for, and what becomes
 * of a mail a dead worker left half sent (unknown, never sent again, its link live).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { enqueueInvitationMails } from '../../src/rounds/invitation-jobs.ts';
import {
  claimJob,
  claimJobItem,
  findRespondentByToken,
  getJob,
  hashToken,
  jobCounts,
  listJobItems,
  listAudit,
  newToken,
  openDatabase,
  setJobItemToken,
  submitResponse,
  type Db,
  type Round,
} from '../../src/storage/index.ts';
import { completeAnswers } from '../api/helpers.ts';
import { startWorld } from '../accounts/helpers.ts';
import { startSmtpServer, type TestSmtpServer } from '../accounts/smtp-server.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { address, clearMailEnv, mailEnv, mailRound, mailWorker } from './fixtures.ts';

let smtp: TestSmtpServer;
beforeEach(async () => {
  smtp = await startSmtpServer();
  mailEnv(smtp.url);
});
afterEach(async () => {
  clearMailEnv();
  await smtp.close();
});

const tokenOf = (text: string) => /\/s\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
const invite = (db: Db, round: Round, kind: 'invitation' | 'reminder' = 'invitation', newLink = false) =>
  enqueueInvitationMails(
    db,
    round,
    { scope: kind === 'invitation' ? 'new' : 'pending' },
    kind,
    { newLink },
    'admin@example.dk',
  );

describeEachBackend('mail jobs', (getDb, { config }) => {
  it('sends each invitation once; a refused recipient is failed and keeps no link, the others are sent', async () => {
    const db = getDb();
    const { round } = await mailRound(db, 6);
    smtp.refuse.add(address(2));
    const { job, created } = await invite(db, round);
    expect(created).toBe(true);
    await mailWorker(db).drain();
    expect(await jobCounts(db, job.id)).toMatchObject({
      done: 5,
      failed: 1,
      pending: 0,
      working: 0,
      unknown: 0,
    });
    expect((await getJob(db, job.id))!.state).toBe('done');
    for (let i = 0; i < 6; i++) expect(smtp.count(address(i)), address(i)).toBe(i === 2 ? 0 : 1);
    const failed = await listJobItems(db, job.id, ['failed']);
    expect(failed[0]!.error).toMatch(/550/);
    // Every sent link works; the refused one has none and is still "new".
    for (const mail of smtp.mails) expect(await findRespondentByToken(db, tokenOf(mail.text)!)).toBeTruthy();
    const again = await invite(db, round);
    expect(again.job.id).not.toBe(job.id);
    smtp.refuse.clear();
    await mailWorker(db).drain();
    expect(smtp.count(address(2))).toBe(1);
    expect(smtp.mails).toHaveLength(6);
    const audit = await listAudit(db, { limit: 50 });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['job.invitation', 'invitation.invitation']),
    );
  });

  it('asking twice while the job is pending gives the same job; nobody is mailed twice', async () => {
    const db = getDb();
    const { round } = await mailRound(db, 3);
    const [a, b] = await Promise.all([invite(db, round), invite(db, round)]);
    expect(a.job.id).toBe(b.job.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    await mailWorker(db).drain();
    expect(smtp.mails).toHaveLength(3);
  });

  it(
    'two workers (two instances) on one database send each mail exactly once',
    { timeout: 60_000 },
    async () => {
      const db = getDb();
      const n = 15;
      const names = ['m1', 'm2', 'm3'];
      const rounds = [];
      for (const name of names) rounds.push(await mailRound(db, n, name, name));
      for (const { round } of rounds) await invite(db, round);
      // A slow server makes the workers overlap for the whole job.
      smtp.onMessage = () => new Promise((r) => setTimeout(r, 5));
      // On PostgreSQL the second instance has its own connection pool, as a second process would.
      const other = config().backend === 'postgres' ? await openDatabase(config()) : null;
      try {
        const first = mailWorker(db);
        const second = mailWorker(other ?? db);
        const worked = await Promise.all([first.drain(), second.drain()]);
        expect(worked[0]! + worked[1]!).toBe(3);
      } finally {
        await other?.close();
      }
      for (const name of names)
        for (let i = 0; i < n; i++) expect(smtp.count(address(i, name)), address(i, name)).toBe(1);
      expect(smtp.mails).toHaveLength(3 * n);
    },
  );

  it('reminders go only to those who have not answered, and keep their links working unless asked', async () => {
    const db = getDb();
    const { round, ids } = await mailRound(db, 3);
    await invite(db, round);
    await mailWorker(db).drain();
    const links = new Map(smtp.mails.map((m) => [m.to[0]!, tokenOf(m.text)!]));
    await submitResponse(db, ids[0]!, completeAnswers(1));
    smtp.mails.length = 0;

    await invite(db, round, 'reminder');
    await mailWorker(db).drain();
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([address(1), address(2)]);
    const reminder = smtp.mails[0]!;
    expect(reminder.subject).toMatch(/^Påmindelse: /);
    expect(tokenOf(reminder.text)).toBeUndefined();
    expect(reminder.text).toMatch(/fra invitationen, vi sendte dig \d+\. \w+ \d{4}/);
    // The invitation's links still work.
    for (const i of [1, 2]) expect(await findRespondentByToken(db, links.get(address(i))!)).toBeTruthy();

    smtp.mails.length = 0;
    await invite(db, round, 'reminder', true);
    await mailWorker(db).drain();
    expect(smtp.mails).toHaveLength(2);
    for (const mail of smtp.mails) {
      expect(await findRespondentByToken(db, tokenOf(mail.text)!)).toBeTruthy();
      expect(await findRespondentByToken(db, links.get(mail.to[0]!)!)).toBeUndefined();
    }
  });

  it('re-sends to one invitee as a job of one item, with a fresh link that replaces the old one', async () => {
    const db = getDb();
    const { round, ids } = await mailRound(db, 3);
    await invite(db, round);
    await mailWorker(db).drain();
    const old = tokenOf(smtp.mails.find((m) => m.to[0] === address(1))!.text)!;
    smtp.mails.length = 0;
    const { job } = await enqueueInvitationMails(
      db,
      round,
      { respondentIds: [ids[1]!] },
      'invitation',
      {},
      'a@example.dk',
    );
    await mailWorker(db).drain();
    expect(await jobCounts(db, job.id)).toMatchObject({ done: 1, pending: 0 });
    expect(smtp.mails.map((m) => m.to[0])).toEqual([address(1)]);
    expect(await findRespondentByToken(db, tokenOf(smtp.mails[0]!.text)!)).toBeTruthy();
    expect(await findRespondentByToken(db, old)).toBeUndefined();
  });

  it('the staff form queues the mails and leads to the job page, which refreshes only when asked', async () => {
    const db = getDb();
    const world = await startWorld(db);
    await mailRound(db, 2, 'r2', 'staff');
    const posted = await world.as('admin', {
      method: 'POST',
      url: '/admin/rounds/r2/send',
      payload: 'scope=new&lang=en',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.statusCode).toBe(303);
    const location = String(posted.headers.location);
    expect(location).toMatch(/^\/admin\/jobs\/\d+\?lang=en$/);
    expect(smtp.mails).toHaveLength(0);
    const queued = await world.as('admin', { url: location });
    expect(queued.statusCode).toBe(200);
    expect(queued.body).toContain('Waiting for a worker');
    expect(queued.headers.refresh).toBeUndefined();
    const auto = await world.as('admin', { url: `${location}&auto=1` });
    expect(auto.headers.refresh).toBe('5');
    expect(auto.body).toContain('Stop refreshing by itself');
    await mailWorker(db).drain();
    const done = await world.as('admin', { url: `${location}&auto=1` });
    expect(done.body).toContain('2 of 2 finished, 0 remaining');
    // Nothing left to follow: no refresh however it is asked for.
    expect(done.headers.refresh).toBeUndefined();
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([address(0, 'staff'), address(1, 'staff')]);
  });

  it('a mail a dead worker left half sent is marked unknown, never sent again, and its link works', async () => {
    const db = getDb();
    const { round } = await mailRound(db, 3);
    const { job } = await invite(db, round);
    // A worker that claims the job and its first item, keeps the link it will carry, and dies.
    expect(await claimJob(db, 'dead-worker', ['mail'], 300)).toBeTruthy();
    const item = (await claimJobItem(db, job.id, 'dead-worker'))!;
    const token = newToken();
    await setJobItemToken(db, item.id, 'dead-worker', hashToken(token));
    // Nobody takes a job over while its lease runs.
    expect(await mailWorker(db).drain()).toBe(0);
    await new Promise((r) => setTimeout(r, 350));
    // Once it ran out, the worker (if it was only stalled) may not claim anything more.
    expect(await claimJobItem(db, job.id, 'dead-worker')).toBeNull();
    await mailWorker(db).drain();
    expect(await jobCounts(db, job.id)).toMatchObject({ done: 2, unknown: 1, pending: 0, working: 0 });
    expect(smtp.count(address(0))).toBe(0);
    expect(smtp.mails).toHaveLength(2);
    expect(await findRespondentByToken(db, token)).toBeTruthy();
    expect((await listJobItems(db, job.id, ['unknown']))[0]!.subject).toBe(item.subject);
  });

  it('waits and tries again while the mail server cannot be reached, sending nothing twice', async () => {
    const db = getDb();
    const { round } = await mailRound(db, 2);
    const { job } = await invite(db, round);
    process.env.SMTP_URL = 'smtp://127.0.0.1:1';
    await mailWorker(db, { retryMs: 10 }).drain();
    const waiting = (await getJob(db, job.id))!;
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1, lockedBy: null });
    expect(waiting.error).toMatch(/not usable/);
    expect(await jobCounts(db, job.id)).toMatchObject({ pending: 2 });
    process.env.SMTP_URL = smtp.url;
    await new Promise((r) => setTimeout(r, 30));
    await mailWorker(db).drain();
    expect(await jobCounts(db, job.id)).toMatchObject({ done: 2, pending: 0 });
    expect(smtp.mails).toHaveLength(2);
  });
});
