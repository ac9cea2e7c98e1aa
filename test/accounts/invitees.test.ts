/**
 * The invitee list end to end, on both backends: statuses change as invitees are mailed (by
 * the mail worker, after the request queued the job), open the survey, save a draft and submit;
 * a failed mail shows; reminders and re-sends keep the links people have (a new link only when
 * asked for); a re-send is a job of one item whose page the staff form leads to; correcting an
 * address; removing someone with their draft, never someone who submitted; filters and paging
 * in SQL; the staff pages.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { jobPath } from '../../src/admin-ui/pages/jobs.ts';
import {
  createRespondent,
  ensureOrganisation,
  findInvitees,
  getDraft,
  getJob,
  jobCounts,
  listAudit,
  listJobItems,
  requireRoundByName,
} from '../../src/storage/index.ts';
import { inviteesKysely } from '../../src/storage/invitations/schema.ts';
import { completeAnswers, roundWithInvitations } from '../api/helpers.ts';
import { mailWorker } from '../jobs/fixtures.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { startWorld, type World } from './helpers.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';

const FILE = [
  'organisation,sector,role,email',
  'Askeby Kommune,kommune,it,it@askeby.dk',
  'Askeby Kommune,kommune,TOPLEDER,chef@askeby.dk',
  'Fjordby Region,region,forretning,leder@fjordby.dk',
].join('\n');

let smtp: TestSmtpServer;
beforeEach(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = `smtp://user:secret@127.0.0.1:${smtp.port}`;
  process.env.SMTP_FROM = 'pejling@example.dk';
});
afterEach(async () => {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
  await smtp.close();
});

const tokenOf = (text: string) => /\/s\/([A-Za-z0-9_-]{43})/.exec(text)?.at(1);
const mailsTo = (email: string) => smtp.mails.filter((m) => m.to[0] === email);
/** The link in the latest mail to `email` (which must carry one). */
function linkTo(email: string): string {
  const last = mailsTo(email).at(-1);
  expect(last, `a mail to ${email}`).toBeDefined();
  const token = tokenOf(last!.text);
  expect(token, `a link in the latest mail to ${email}`).toBeDefined();
  return token!;
}

interface InviteeJson {
  id: number;
  respondent: string;
  email: string | null;
  role: string | null;
  status: string;
  hasLink: boolean;
  organisation: string;
  firstOpenedAt: string | null;
  lastMail: { kind: string; outcome: string } | null;
}

/**
 * Queues mails through the API (202 and a job, nothing sent yet) and then runs the job the way
 * a worker of the app would: the mails have gone when this returns.
 */
async function send(world: World, payload: { scope: 'new' | 'pending'; newLink?: boolean }) {
  const mailsBefore = smtp.mails.length;
  const queued = await world.as('admin', { method: 'POST', url: '/api/rounds/r1/invitations/send', payload });
  expect(queued.statusCode, queued.body).toBe(202);
  expect(queued.json()).toMatchObject({ created: true });
  expect(smtp.mails).toHaveLength(mailsBefore);
  await mailWorker(world.db).drain();
  const job = queued.json().job as number;
  expect((await getJob(world.db, job))?.state).toBe('done');
  return job;
}

async function upload(world: World, file = FILE) {
  return world.as('analyst', {
    method: 'POST',
    url: '/api/rounds/r1/invitations',
    payload: file,
    headers: { 'content-type': 'text/csv' },
  });
}

async function list(world: World, query = '') {
  const res = await world.as('analyst', { url: `/api/rounds/r1/invitees${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { invitees: InviteeJson[]; counts: Record<string, number>; total: number };
}

const statusOf = async (world: World, email: string) =>
  (await list(world, `?email=${encodeURIComponent(email)}`)).invitees[0]?.status;

const opens = (world: World, token: string) => world.app.inject({ url: `/api/survey/${token}` });

const form = (world: World, url: string, fields: Record<string, string>) =>
  world.as('analyst', {
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describeEachBackend('invitees', (getDb) => {
  it('follows each invitee from upload to submission, with a failed mail in between', async () => {
    const world = await startWorld(getDb());
    expect((await upload(world)).json()).toEqual({ added: 3, unchanged: 0 });
    // The file's role is stored as the instrument's code (any case in the file).
    const before = await list(world);
    expect(before.invitees.find((i) => i.email === 'chef@askeby.dk')?.role).toBe('topleder');
    // The world's own two respondents have links already; the file's three have none.
    expect(before.counts).toEqual({
      not_invited: 3,
      invited: 2,
      mail_failed: 0,
      opened: 0,
      draft: 0,
      submitted: 0,
    });

    smtp.refuse.add('leder@fjordby.dk');
    const queued = await world.as('analyst', {
      method: 'POST',
      url: '/api/rounds/r1/invitations/send',
      payload: { scope: 'new' },
    });
    expect(queued.statusCode, queued.body).toBe(202);
    // Queued, not sent: nobody is invited until a worker has run the job.
    expect(await statusOf(world, 'it@askeby.dk')).toBe('not_invited');
    expect(await statusOf(world, 'leder@fjordby.dk')).toBe('not_invited');
    await mailWorker(world.db).drain();
    expect(await statusOf(world, 'leder@fjordby.dk')).toBe('mail_failed');
    expect(await statusOf(world, 'it@askeby.dk')).toBe('invited');
    expect((await list(world, '?email=leder')).invitees[0]!.lastMail).toMatchObject({
      kind: 'invitation',
      outcome: 'failed',
    });

    const token = linkTo('it@askeby.dk');
    const survey = await opens(world, token);
    expect(survey.statusCode).toBe(200);
    // The survey starts with the role from the file.
    expect(survey.json().prefill).toEqual({ 'profile.role': 'it' });
    const opened = (await list(world, '?status=opened')).invitees;
    expect(opened.map((i) => i.email)).toEqual(['it@askeby.dk']);
    expect(opened[0]!.firstOpenedAt).not.toBeNull();

    const draft = await world.app.inject({
      method: 'PUT',
      url: `/api/survey/${token}/draft`,
      payload: { answers: { 'profile.role': 'forretning' }, revision: 0 },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(await statusOf(world, 'it@askeby.dk')).toBe('draft');
    // A role the respondent answered is theirs: no prefill over it in the survey (the SPA
    // applies prefill only where the draft has nothing).
    const submitted = await world.app.inject({
      method: 'POST',
      url: `/api/survey/${token}/submit`,
      payload: { answers: completeAnswers(1) },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const after = await list(world);
    expect(after.counts).toMatchObject({ submitted: 1, mail_failed: 1, invited: 3, not_invited: 0 });
    expect(after.total).toBe(5);
  });

  it('keeps working links through reminders and re-sends, and makes a new one only when asked', async () => {
    const world = await startWorld(getDb());
    await upload(world);
    await send(world, { scope: 'new' });
    const first = linkTo('chef@askeby.dk');

    // A reminder carries no link: it points to the invitation's, which keeps working.
    await send(world, { scope: 'pending' });
    const reminder = mailsTo('chef@askeby.dk').at(-1)!;
    expect(reminder.subject).toMatch(/^Påmindelse: /);
    expect(tokenOf(reminder.text)).toBeUndefined();
    expect((await opens(world, first)).statusCode).toBe(200);
    // Asked for, a reminder's fresh link replaces the earlier one.
    await send(world, { scope: 'pending', newLink: true });
    const reminded = linkTo('chef@askeby.dk');
    expect(reminded).not.toBe(first);
    expect((await opens(world, reminded)).statusCode).toBe(200);
    expect((await opens(world, first)).statusCode).toBe(404);

    const chef = (await list(world, '?email=chef')).invitees[0]!;
    /** The staff form queues a job of one item and leads to its page; the worker sends it. */
    const resend = async (fields: Record<string, string> = {}) => {
      const mailsBefore = mailsTo('chef@askeby.dk').length;
      const res = await form(world, `/admin/rounds/r1/invitees/${chef.id}/resend`, fields);
      expect(res.statusCode, res.body).toBe(303);
      const job = Number(/^\/admin\/jobs\/(\d+)$/.exec(String(res.headers.location))?.[1]);
      expect(res.headers.location).toBe(jobPath(job, 'da'));
      expect(mailsTo('chef@askeby.dk')).toHaveLength(mailsBefore);
      expect((await listJobItems(world.db, job, ['pending'])).map((i) => i.subject)).toEqual([
        String(chef.id),
      ]);
      await mailWorker(world.db).drain();
      return job;
    };
    const kept = await resend();
    expect(await jobCounts(world.db, kept)).toMatchObject({ done: 1, failed: 0, pending: 0 });
    const again = linkTo('chef@askeby.dk');
    expect(again).not.toBe(reminded);
    for (const t of [reminded, again]) expect((await opens(world, t)).statusCode).toBe(200);
    // The job page tells how the re-send went.
    const done = await world.as('analyst', { url: jobPath(kept, 'en') });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Done. 1 of 1 finished, 0 remaining');

    const replaced = await resend({ new_link: '1' });
    expect(await jobCounts(world.db, replaced)).toMatchObject({ done: 1 });
    const only = linkTo('chef@askeby.dk');
    expect((await opens(world, only)).statusCode).toBe(200);
    for (const t of [first, reminded, again]) expect((await opens(world, t)).statusCode).toBe(404);

    // A refused mail: the job item fails and the invitee's latest mail shows it (their status
    // stays "opened": they did open the survey); the link that works keeps working, the
    // refused mail's link never does.
    smtp.refuse.add('chef@askeby.dk');
    const failed = await resend();
    expect(await jobCounts(world.db, failed)).toMatchObject({ done: 0, failed: 1 });
    expect((await listJobItems(world.db, failed, ['failed']))[0]!.error).toMatch(/550/);
    const failedPage = (await world.as('analyst', { url: jobPath(failed, 'en') })).body;
    expect(failedPage).toMatch(/<th scope="row">Askeby Kommune: chef@askeby\.dk<\/th>\s*<td>Failed<\/td>/);
    expect(failedPage).toMatch(/The mail server answered: [^<]*550/);
    const afterFailure = (await list(world, '?email=chef')).invitees[0]!;
    expect(afterFailure).toMatchObject({
      status: 'opened',
      hasLink: true,
      lastMail: { kind: 'invitation', outcome: 'failed' },
    });
    expect((await opens(world, only)).statusCode).toBe(200);
    const audit = await listAudit(world.db, { limit: 100 });
    const resends = audit
      .filter((e) => e.action === 'invitee.resend')
      .map((e) => e.details as { job: number; newLink: boolean; respondent: string })
      .sort((a, b) => a.job - b.job);
    expect(resends).toEqual([
      expect.objectContaining({ job: kept, newLink: false, respondent: chef.respondent }),
      expect.objectContaining({ job: replaced, newLink: true, respondent: chef.respondent }),
      expect.objectContaining({ job: failed, newLink: false, respondent: chef.respondent }),
    ]);
    expect(JSON.stringify(audit)).not.toContain('chef@askeby.dk');

    // Erasing the addresses after the round takes the kept links with them.
    smtp.refuse.clear();
    await resend();
    const keptLinks = inviteesKysely(world.db).selectFrom('invitation_links').select('token_hash');
    expect((await keptLinks.execute()).length).toBeGreaterThan(0);
    await world.as('admin', { method: 'PATCH', url: '/api/rounds/r1', payload: { status: 'closed' } });
    await world.as('admin', { method: 'POST', url: '/api/rounds/r1/erase-emails' });
    expect(await keptLinks.execute()).toEqual([]);
  });

  it('queues a re-send that asks for a new link even while one keeping the links waits', async () => {
    const world = await startWorld(getDb());
    await upload(world);
    await send(world, { scope: 'new' });
    const first = linkTo('chef@askeby.dk');
    const chef = (await list(world, '?email=chef')).invitees[0]!;
    const resend = (fields: Record<string, string>) =>
      form(world, `/admin/rounds/r1/invitees/${chef.id}/resend`, fields);
    // Two clicks on the same button are one mail; the other button is another request.
    const kept = await resend({});
    expect((await resend({})).headers.location).toBe(kept.headers.location);
    const replaced = await resend({ new_link: '1' });
    expect(replaced.statusCode).toBe(303);
    expect(replaced.headers.location).not.toBe(kept.headers.location);
    await mailWorker(world.db).drain();
    const mails = mailsTo('chef@askeby.dk');
    expect(mails).toHaveLength(3);
    const [added, only] = mails.slice(1).map((m) => tokenOf(m.text)!);
    // The last request wins: only its link works, as it asked.
    expect((await opens(world, only!)).statusCode).toBe(200);
    for (const t of [first, added!]) expect((await opens(world, t)).statusCode).toBe(404);
    const jobOf = (res: { headers: Record<string, unknown> }) =>
      Number(/(\d+)$/.exec(String(res.headers.location))![1]);
    // Each request is audited with the job that carries it out.
    const resends = (await listAudit(world.db, { limit: 50 }))
      .filter((e) => e.action === 'invitee.resend')
      .map((e) => e.details as { job: number; newLink: boolean });
    expect(resends).toHaveLength(3);
    expect(resends).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ job: jobOf(kept), newLink: false }),
        expect.objectContaining({ job: jobOf(replaced), newLink: true }),
      ]),
    );
    expect(resends.filter((e) => e.newLink)).toHaveLength(1);
  });

  it('corrects an address and role: a new address stops the old link unless it was only a typo', async () => {
    const world = await startWorld(getDb());
    await upload(world);
    await send(world, { scope: 'new' });
    const token = linkTo('chef@askeby.dk');
    const chef = (await list(world, '?email=chef')).invitees[0]!;
    const patch = (payload: Record<string, unknown>) =>
      world.as('analyst', { method: 'PATCH', url: `/api/rounds/r1/invitees/${chef.id}`, payload });

    // A typo in the address, said so: the link the invitee has keeps working.
    const fixed = await patch({ email: 'Direktor@Askeby.dk', role: 'forretning', keepLinks: true });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({
      email: 'direktor@askeby.dk',
      role: 'forretning',
      status: 'invited',
    });
    expect((await opens(world, token)).statusCode).toBe(200);
    // Only the role: nothing happens to the links.
    expect((await patch({ email: 'direktor@askeby.dk', role: 'it' })).statusCode).toBe(200);
    expect((await opens(world, token)).statusCode).toBe(200);

    const badRole = await patch({ email: 'direktor@askeby.dk', role: 'chef' });
    expect(badRole.statusCode).toBe(422);
    expect(badRole.json().errors[0]).toMatchObject({ field: 'role' });
    expect(badRole.json().detail).toContain('topleder, forretning, it, andet');
    const twin = await patch({ email: 'it@askeby.dk', role: null });
    expect(twin.statusCode).toBe(422);
    expect((await patch({ email: 'not an address', role: null })).statusCode).toBe(422);

    // The staff page says what went wrong in the page's language, and keeps what was typed.
    const page = await form(world, `/admin/rounds/r1/invitees/${chef.id}`, { email: 'nope', role: 'it' });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('Skriv en gyldig e-mailadresse.');
    expect(page.body).toContain('value="nope"');
    const english = await form(world, `/admin/rounds/r1/invitees/${chef.id}`, {
      email: 'it@askeby.dk',
      role: '',
      lang: 'en',
    });
    expect(english.body).toContain('Another invitee of the same organisation already has that address.');

    // A new address (the mail went to the wrong person): the old link stops, without asking.
    const stopped = await form(world, `/admin/rounds/r1/invitees/${chef.id}`, {
      email: 'direktoer@askeby.dk',
      role: 'topleder',
    });
    expect(stopped.statusCode).toBe(303);
    expect((await opens(world, token)).statusCode).toBe(404);
    const now = (await list(world, '?email=direktoer')).invitees[0]!;
    // Still "opened" (they did), but without a working link until the next re-send.
    expect(now).toMatchObject({ role: 'topleder', status: 'opened', hasLink: false });
    // The re-send goes to the corrected address, and its link is the one that works.
    const resent = await form(world, `/admin/rounds/r1/invitees/${chef.id}/resend`, {});
    expect(resent.statusCode, resent.body).toBe(303);
    expect(resent.headers.location).toMatch(/^\/admin\/jobs\/\d+$/);
    await mailWorker(world.db).drain();
    expect(mailsTo('chef@askeby.dk')).toHaveLength(1);
    const fresh = linkTo('direktoer@askeby.dk');
    expect((await opens(world, fresh)).statusCode).toBe(200);
    expect((await opens(world, token)).statusCode).toBe(404);
    expect((await list(world, '?email=direktoer')).invitees[0]).toMatchObject({ hasLink: true });

    // An invitee of another round is not found through this one.
    const other = await roundWithInvitations(world.db, 'other', 1);
    const stranger = (await findInvitees(world.db, other.round.id, {})).invitees[0]!;
    const foreign = await world.as('admin', {
      method: 'PATCH',
      url: `/api/rounds/r1/invitees/${stranger.respondentId}`,
      payload: { email: 'x@y.dk', role: null },
    });
    expect(foreign.statusCode).toBe(404);
    expect(
      (await world.as('admin', { url: `/admin/rounds/r1/invitees/${stranger.respondentId}` })).statusCode,
    ).toBe(404);
    const updates = (await listAudit(world.db, { limit: 50 })).filter((e) => e.action === 'invitee.update');
    expect(updates.map((e) => (e.details as { linksRevoked: boolean }).linksRevoked)).toEqual(
      expect.arrayContaining([true, false]),
    );
    expect(JSON.stringify(updates)).not.toContain('askeby.dk');
  });

  it('removes an invitee with their draft, after a confirmation, but never one who submitted', async () => {
    const world = await startWorld(getDb());
    await upload(world);
    await send(world, { scope: 'new' });
    const token = linkTo('it@askeby.dk');
    await world.app.inject({
      method: 'PUT',
      url: `/api/survey/${token}/draft`,
      payload: { answers: { 'profile.role': 'it' }, revision: 0 },
    });
    const it = (await list(world, '?email=it@')).invitees[0]!;
    expect(it.status).toBe('draft');

    const confirm = await world.as('analyst', { url: `/admin/rounds/r1/invitees/${it.id}/remove` });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Kladden slettes også');
    // Without the confirmation's own field nothing happens.
    expect((await form(world, `/admin/rounds/r1/invitees/${it.id}/remove`, {})).statusCode).toBe(200);
    expect(await getDraft(world.db, it.id)).toBeDefined();
    const removed = await form(world, `/admin/rounds/r1/invitees/${it.id}/remove`, { confirm: 'yes' });
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/admin/rounds/r1/invitees?notice=invitees.removed');
    expect(await getDraft(world.db, it.id)).toBeUndefined();
    expect((await opens(world, token)).statusCode).toBe(404);
    expect((await list(world)).total).toBe(4);

    const chefToken = linkTo('chef@askeby.dk');
    await world.app.inject({
      method: 'POST',
      url: `/api/survey/${chefToken}/submit`,
      payload: { answers: completeAnswers(2) },
    });
    const chef = (await list(world, '?email=chef')).invitees[0]!;
    const refused = await world.as('admin', { method: 'DELETE', url: `/api/rounds/r1/invitees/${chef.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('urn:pejling:problem:invitee-submitted');
    const page = await world.as('analyst', { url: `/admin/rounds/r1/invitees/${chef.id}` });
    expect(page.body).toContain('kan ikke fjernes: svarene indgår i rundens tal');
    expect(page.body).not.toContain(`/invitees/${chef.id}/remove"`);
    expect(
      (await form(world, `/admin/rounds/r1/invitees/${chef.id}/remove`, { confirm: 'yes' })).statusCode,
    ).toBe(409);
    const leder = (await list(world, '?email=leder')).invitees[0]!;
    const gone = await world.as('admin', { method: 'DELETE', url: `/api/rounds/r1/invitees/${leder.id}` });
    expect(gone.json()).toEqual({ removed: true, draft: false });
    const removals = (await listAudit(world.db, { limit: 50 })).filter((e) => e.action === 'invitee.remove');
    expect(removals.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ draft: true }),
        expect.objectContaining({ draft: false }),
      ]),
    );
    // A closed round's invitees no longer change.
    await world.as('admin', { method: 'PATCH', url: '/api/rounds/r1', payload: { status: 'closed' } });
    const closed = await world.as('admin', { method: 'DELETE', url: `/api/rounds/r1/invitees/${chef.id}` });
    expect(closed.statusCode).toBe(409);
  });

  it('filters by status, sector, organisation and address in SQL, fifty to a page', async () => {
    const db = getDb();
    const world = await startWorld(db);
    const round = await requireRoundByName(db, 'r1');
    const north = await ensureOrganisation(db, { name: 'Nordby 100% Kommune', sector: 'kommune' });
    const south = await ensureOrganisation(db, { name: 'Sydby Region', sector: 'region' });
    await db.transaction(async (tx) => {
      for (let i = 0; i < 120; i++)
        await createRespondent(tx, {
          roundId: round.id,
          organisationId: i % 3 === 0 ? south.id : north.id,
          externalId: `p${String(i).padStart(3, '0')}`,
          email: `person${i}@${i % 3 === 0 ? 'syd' : 'nord'}.dk`,
        });
    });
    const all = await list(world);
    expect(all.total).toBe(122);
    expect(all.invitees).toHaveLength(50);
    expect(all.counts.not_invited).toBe(120);
    const third = await list(world, '?page=3');
    expect(third.invitees).toHaveLength(22);
    // Code point order of organisation, then respondent id: no one twice, no one left out.
    const pages = [...all.invitees, ...(await list(world, '?page=2')).invitees, ...third.invitees];
    expect(new Set(pages.map((i) => i.id)).size).toBe(122);

    const regions = await list(world, '?sector=region');
    // Sydby (40) and Org B's own respondent.
    expect(regions.total).toBe(41);
    expect(regions.counts).toMatchObject({ not_invited: 40, invited: 1 });
    expect((await list(world, '?sector=region&status=invited')).invitees.map((i) => i.organisation)).toEqual([
      'Org B',
    ]);
    // "%" is a letter, not a wildcard.
    expect((await list(world, `?organisation=${encodeURIComponent('100%')}`)).total).toBe(80);
    expect((await list(world, `?organisation=${encodeURIComponent('0% k')}`)).total).toBe(80);
    expect((await list(world, `?organisation=${encodeURIComponent('y%r')}`)).total).toBe(0);
    expect((await list(world, '?email=PERSON11')).invitees.map((i) => i.email).sort()).toEqual(
      [
        'person11@nord.dk',
        'person110@nord.dk',
        'person111@syd.dk',
        'person112@nord.dk',
        'person113@nord.dk',
        'person114@syd.dk',
        'person115@nord.dk',
        'person116@nord.dk',
        'person117@syd.dk',
        'person118@nord.dk',
        'person119@nord.dk',
      ].sort(),
    );
    expect((await world.as('analyst', { url: '/api/rounds/r1/invitees?status=lost' })).statusCode).toBe(400);

    // The same in SQL for the staff page: counts per status under the other filters.
    const found = await findInvitees(db, round.id, { sector: 'kommune', status: 'invited' }, 1, 10);
    expect(found.total).toBe(1);
    expect(found.counts.not_invited).toBe(80);

    const html = await world.as('analyst', { url: '/admin/rounds/r1/invitees?sector=region&page=1' });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Inviterede 1–41 af 41');
    expect(html.body).toContain('Ikke inviteret: 40');
    const paged = await world.as('analyst', { url: '/admin/rounds/r1/invitees?lang=en' });
    expect(paged.body).toContain('Page 1 of 3');
    expect(paged.body).toContain('href="/admin/rounds/r1/invitees?page=2&amp;lang=en"');
    const roundPage = await world.as('analyst', { url: '/admin/rounds/r1' });
    expect(roundPage.body).toMatch(
      /href="\/admin\/rounds\/r1\/invitees\?status=not_invited"\s*>\s*Ikke inviteret: 120</,
    );
  });

  it('refuses an invitation file whose roles are not the instrument’s codes, in the page’s language', async () => {
    const world = await startWorld(getDb());
    const bad = `${FILE}\nAskeby Kommune,kommune,chef,x@askeby.dk`;
    const api = await upload(world, bad);
    expect(api.statusCode).toBe(422);
    expect(api.json().errors).toEqual([
      expect.objectContaining({
        row: 5,
        field: 'role',
        code: 'notOneOfOrEmpty',
        message: 'must be empty or one of topleder, forretning, it or andet (found: "chef")',
      }),
    ]);
    const s = await world.session('analyst');
    const boundary = 'xyz';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="_csrf"',
      '',
      s.csrf,
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="people.csv"',
      'Content-Type: text/csv',
      '',
      bad,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const page = await world.app.inject({
      method: 'POST',
      url: '/admin/rounds/r1/invitations',
      payload: body,
      headers: { cookie: s.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain(
      'Række 5 (role): skal være tom eller en af topleder, forretning, it eller andet (fundet: &quot;chef&quot;)',
    );
    expect((await list(world)).total).toBe(2);
  });
});
