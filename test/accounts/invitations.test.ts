/**
 * Invitations end to end: a file of respondents, links for mail merge, mails through a real
 * SMTP conversation on loopback, reminders only to those who have not answered, the response
 * dashboard, erasing addresses after the round, and a respondent's data export.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { submitResponse } from '../../src/storage/index.ts';
import { completeAnswers } from '../api/helpers.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { startWorld, type World } from './helpers.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { mailWorker } from '../jobs/fixtures.ts';

const FILE = [
  'organisation,sector,role,email',
  'Askeby Kommune,kommune,it,it@askeby.dk',
  'Askeby Kommune,kommune,topleder,chef@askeby.dk',
  'Fjordby Region,region,forretning,leder@fjordby.dk',
].join('\n');

let smtp: TestSmtpServer;
beforeEach(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  process.env.SMTP_FROM = 'pejling@example.dk';
});
afterEach(async () => {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
  await smtp.close();
});

/** The respondents of FILE, uploaded as a runner of the round would. */
const uploadFile = (world: World, role: 'admin' | 'analyst') =>
  world.as(role, {
    method: 'POST',
    url: '/api/rounds/r1/invitations',
    payload: FILE,
    headers: { 'content-type': 'text/csv' },
  });

const tokenOf = (text: string) => /\/s\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];

describeEachBackend('invitations', (getDb) => {
  it('adds respondents from a file, all or nothing, and reports every bad row', async () => {
    const world = await startWorld(getDb());
    const bad = await world.as('analyst', {
      method: 'POST',
      url: '/api/rounds/r1/invitations',
      payload: `${FILE}\nX,nowhere,,not-an-email`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual([
      '5:sector',
      '5:email',
    ]);
    const ok = await uploadFile(world, 'analyst');
    expect(ok.json()).toEqual({ added: 3, unchanged: 0 });
    const again = await uploadFile(world, 'analyst');
    expect(again.json()).toEqual({ added: 0, unchanged: 3 });
  });

  it('downloads fresh links as CSV; each works for its respondent, and replaces the earlier one', async () => {
    const world = await startWorld(getDb());
    await uploadFile(world, 'admin');
    const res = await world.as('admin', {
      method: 'POST',
      url: '/api/rounds/r1/invitations/links',
      payload: { scope: 'new' },
    });
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\n');
    // Links are made from PEJLING_PUBLIC_URL, never from the Host header of the request.
    for (const line of lines.slice(1)) expect(line).toMatch(/,https:\/\/pejling\.test\/s\/[A-Za-z0-9_-]+$/);
    expect(lines[0]).toBe('organisation,sector,role,email,respondent,link');
    expect(lines).toHaveLength(4);
    const first = tokenOf(lines[1]!)!;
    expect((await world.app.inject({ url: `/api/survey/${first}` })).statusCode).toBe(200);
    // "new" now finds nobody; "pending" re-issues, and the old link stops working.
    const none = await world.as('admin', {
      method: 'POST',
      url: '/api/rounds/r1/invitations/links',
      payload: { scope: 'new' },
    });
    expect(none.body.trim().split('\n')).toHaveLength(1);
    await world.as('admin', {
      method: 'POST',
      url: '/api/rounds/r1/invitations/links',
      payload: { scope: 'pending' },
    });
    expect((await world.app.inject({ url: `/api/survey/${first}` })).statusCode).toBe(404);
  });

  it('makes no link without PEJLING_PUBLIC_URL and never trusts the Host header for one', async () => {
    const world = await startWorld(getDb());
    await uploadFile(world, 'admin');
    const evil = { host: 'attacker.example', 'x-forwarded-host': 'attacker.example' };
    vi.stubEnv('PEJLING_PUBLIC_URL', '');
    try {
      for (const path of ['links', 'send']) {
        const refused = await world.as('admin', {
          method: 'POST',
          url: `/api/rounds/r1/invitations/${path}`,
          payload: { scope: 'new' },
          headers: evil,
        });
        expect(refused.statusCode, path).toBe(503);
        expect(refused.json()).toMatchObject({ type: 'urn:pejling:problem:public-url-missing' });
      }
      expect(smtp.mails).toHaveLength(0);
    } finally {
      vi.unstubAllEnvs();
    }
    // Nothing was used up: the three are still "new", and their links name the configured address.
    const links = await world.as('admin', {
      method: 'POST',
      url: '/api/rounds/r1/invitations/links',
      payload: { scope: 'new' },
      headers: evil,
    });
    expect(links.body).not.toContain('attacker');
    expect(links.body.trim().split('\n')).toHaveLength(4);
  });

  it('mails invitations over SMTP, then reminders only to those who have not answered', async () => {
    const world = await startWorld(getDb());
    await uploadFile(world, 'admin');
    smtp.refuse.add('leder@fjordby.dk');
    const queued = await world.as('analyst', {
      method: 'POST',
      url: '/api/rounds/r1/invitations/send',
      payload: { scope: 'new' },
    });
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toMatchObject({ created: true, status: `/api/jobs/${queued.json().job}` });
    // Queued, not sent: the request returns before any mail goes out.
    expect(smtp.mails).toHaveLength(0);
    await mailWorker(world.db).drain();
    const sent = await world.as('analyst', { url: queued.json().status });
    expect(sent.json()).toMatchObject({
      state: 'done',
      done: 2,
      failed: 1,
      remaining: 0,
      params: { skipped: 0 },
    });
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['chef@askeby.dk', 'it@askeby.dk']);
    const mail = smtp.mails.find((m) => m.to[0] === 'it@askeby.dk')!;
    expect(mail.from).toBe('pejling@example.dk');
    expect(mail.subject).toMatch(/^Invitation: /);
    expect(mail.text).toContain('Dit personlige link');
    expect(mail.text).toContain('Your personal link');
    const token = tokenOf(mail.text)!;
    const survey = await world.app.inject({ url: `/api/survey/${token}` });
    expect(survey.statusCode).toBe(200);
    // The refused one kept no link; it is still "new" next time.
    smtp.refuse.clear();
    const context = await import('../../src/storage/index.ts').then((s) =>
      s.findRespondentByToken(world.db, token),
    );
    await submitResponse(world.db, context!.respondent.id, completeAnswers(1));
    smtp.mails.length = 0;
    const reminders = await world.as('analyst', {
      method: 'POST',
      url: '/api/rounds/r1/invitations/send',
      payload: { scope: 'pending' },
    });
    await mailWorker(world.db).drain();
    // r1's own respondent (no e-mail) is skipped; chef and leder are reminded; it@ has answered.
    expect((await world.as('analyst', { url: reminders.json().status })).json()).toMatchObject({
      done: 2,
      failed: 0,
      params: { skipped: 2 },
    });
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['chef@askeby.dk', 'leder@fjordby.dk']);
    expect(smtp.mails[0]!.subject).toMatch(/^Påmindelse: /);

    const dashboard = (await world.as('analyst', { url: '/api/rounds/r1/dashboard' })).json();
    expect(dashboard.total).toMatchObject({ respondents: 5, submitted: 1, organisationsAnswered: 1 });
    expect(dashboard.bySector.find((s: { sector: string }) => s.sector === 'kommune')).toMatchObject({
      respondents: 3,
      submitted: 1,
    });
  });

  it('erases e-mail addresses after the round closes and exports what is held about a respondent', async () => {
    const world = await startWorld(getDb());
    await uploadFile(world, 'admin');
    const exported = await world.as('admin', {
      method: 'POST',
      url: '/api/privacy/respondent-export',
      payload: { email: 'IT@askeby.dk' },
    });
    expect(exported.json().records).toEqual([
      expect.objectContaining({
        round: 'r1',
        organisation: 'Askeby Kommune',
        email: 'it@askeby.dk',
        role: 'it',
      }),
    ]);
    expect((await world.as('admin', { method: 'POST', url: '/api/rounds/r1/erase-emails' })).statusCode).toBe(
      409,
    );
    await world.as('admin', { method: 'PATCH', url: '/api/rounds/r1', payload: { status: 'closed' } });
    // Three addresses from the file, and the links of the two respondents invited without one.
    expect((await world.as('admin', { method: 'POST', url: '/api/rounds/r1/erase-emails' })).json()).toEqual({
      erased: 5,
    });
    const after = await world.as('admin', {
      method: 'POST',
      url: '/api/privacy/respondent-export',
      payload: { email: 'it@askeby.dk' },
    });
    expect(after.json().records).toEqual([]);
    const audit = (await world.as('admin', { url: '/api/audit' })).json() as { action: string }[];
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['privacy.erase-emails', 'privacy.respondent-export', 'invitation.upload']),
    );
    expect(JSON.stringify(audit)).not.toContain('it@askeby.dk');
  });
});

/** A multipart form with one file, as a browser sends the upload form. */
async function multipart(fields: Record<string, string>, file: { name: string; text: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([file.text]), file.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type')! },
  };
}

describeEachBackend('invitation files on the staff page', (getDb) => {
  it('reads a Danish Excel file and says in Danish what is wrong, where, with the valid codes', async () => {
    const world = await startWorld(getDb());
    const { csrf, cookie } = await world.session('analyst');
    const upload = async (text: string, lang = 'da') => {
      const body = await multipart({ _csrf: csrf, lang }, { name: 'inviterede.csv', text });
      return world.app.inject({
        method: 'POST',
        url: '/admin/rounds/r1/invitations',
        payload: body.payload,
        headers: { cookie, ...body.headers },
      });
    };
    // Semicolons, a BOM, a blank line and sectors spelt with a capital: as Danish Excel saves it.
    const bad = [
      '\uFEFForganisation;sector;role;email',
      'Askeby Kommune;Kommune;it;it@askeby.dk',
      '',
      'Fjordby Region;regionen;forretning;leder@fjordby',
      'Askeby Kommune;kommune;topleder;IT@askeby.dk',
    ].join('\r\n');
    const page = await upload(bad);
    expect(page.statusCode).toBe(422);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    // Three problems, counted as three (the sentence above them is not one), on the rows Excel shows.
    expect(page.body).toContain('Der er 3 fejl');
    expect(page.body).toContain('Filen blev ikke indlæst');
    expect(page.body).toContain(
      'Række 4 (sector): skal være en af stat, region, kommune eller andet (fundet: &quot;regionen&quot;)',
    );
    expect(page.body).toContain('Række 4 (email): &quot;leder@fjordby&quot; er ikke en e-mailadresse');
    expect(page.body).toContain('Række 5 (email): den samme person står allerede i række 2');
    const english = await upload(bad, 'en');
    expect(english.body).toContain(
      'Row 4 (sector): must be one of stat, region, kommune or andet (found: &quot;regionen&quot;)',
    );

    const fixed = bad
      .replace('regionen', 'region')
      .replace('leder@fjordby;', 'leder@fjordby.dk;')
      .replace(/\r\nAskeby Kommune;kommune;topleder;IT@askeby\.dk$/, '');
    const good = await upload(fixed.replace('leder@fjordby', 'leder@fjordby.dk'));
    expect(good.statusCode).toBe(200);
    expect(good.body).toContain(
      '2 tilføjet, 0 fandtes allerede. Filen blev læst som semikolonsepareret (som dansk Excel gemmer CSV).',
    );
  });
});
