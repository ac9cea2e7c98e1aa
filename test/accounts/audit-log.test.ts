/**
 * The audit log as administrators read it (issue 12): filter by actor, action and Copenhagen
 * days, keyset paging of 50, CSV of the filtered log with formula cells escaped, Danish and
 * English action names for every action the code writes, Copenhagen times; failed log-ins
 * with their source address; an organisation lead's report reads, once per view.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { hashPassword } from '../../src/accounts/password.ts';
import { adminT } from '../../src/i18n/admin.ts';
import { AUDIT_ACTIONS } from '../../src/rounds/audit-actions.ts';
import { formatDateTime, fromLocalInputs } from '../../src/i18n/dates.ts';
import {
  appendAudit,
  setPasswordHash,
  listAudit,
  listAuditEntries,
  type Db,
} from '../../src/storage/index.ts';
import { ROOT } from '../helpers.ts';
import { apiPath, pagePath, seedReportWorld } from '../reports/world.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { startWorld, type World } from './helpers.ts';

/** Entries at given moments: the log is append-only, so `at` is set on insert through SQL. */
async function entryAt(db: Db, at: string, actor: string, action: string, details?: object) {
  await db.kysely
    .insertInto('audit_log')
    .values({ at, actor, action, subject: null, details: details ? JSON.stringify(details) : null })
    .execute();
}

const page = (world: World, query = '') => world.as('admin', { url: `/admin/audit${query}` });
const rowsOf = (body: string) => [...body.matchAll(/<tr>\s*<th scope="row">/g)].length;

describeEachBackend('audit log for administrators', (getDb) => {
  it('filters by actor, action and Copenhagen days, and shows Danish names and times', async () => {
    const world = await startWorld(getDb());
    const db = world.db;
    // 23:30 UTC on 30 June is 1 July in Copenhagen (summer time, +2).
    await entryAt(db, '2026-06-30T23:30:00.000Z', 'lead@example.dk', 'report.view');
    await entryAt(db, '2026-06-30T21:30:00.000Z', 'lead@example.dk', 'report.download');
    await entryAt(db, '2026-12-01T13:05:00.000Z', 'Other@Example.dk', 'auth.login-failed', {
      address: '10.1.2.3',
    });

    const july = await page(world, '?from=2026-07-01&to=2026-07-01');
    expect(july.statusCode).toBe(200);
    expect(rowsOf(july.body)).toBe(1);
    expect(july.body).toContain('Rapport vist');
    expect(july.body).toContain('1. juli 2026 kl. 01.30');

    const byActor = await page(world, '?actor=OTHER%40');
    expect(rowsOf(byActor.body)).toBe(1);
    expect(byActor.body).toContain('1. december 2026 kl. 14.05');
    expect(byActor.body).toContain('Mislykket log-ind');
    // The form keeps what was asked, and the language switch keeps the filter.
    expect(byActor.body).toContain('value="OTHER@"');
    expect(byActor.body).toContain('href="/admin/audit?actor=OTHER%40&amp;lang=en"');

    const byAction = await page(world, '?action=report.download&lang=en');
    expect(rowsOf(byAction.body)).toBe(1);
    expect(byAction.body).toContain('Report downloaded');
    expect(byAction.body).toContain('30 June 2026 at 23:30');
    expect(byAction.body).toMatch(
      /<option value="report.download" selected>\s*Report downloaded\s*<\/option>/,
    );

    // The API takes the same filters, with moments instead of days.
    const api = await world.as('admin', {
      url: `/api/audit?actor=lead&from=${encodeURIComponent('2026-07-01T00:00:00+02:00')}`,
    });
    expect((api.json() as { action: string }[]).map((e) => e.action)).toEqual(['report.view']);
    const until = await world.as('admin', {
      url: '/api/audit?until=2026-06-30T23:00:00Z&action=report.download',
    });
    expect((until.json() as { action: string }[]).map((e) => e.action)).toEqual(['report.download']);

    const nothing = await page(world, '?actor=nobody');
    expect(nothing.body).toContain('Ingen hændelser passer til filteret.');

    // Bad input: 400, the page in its language, naming the field.
    const bad = await page(world, '?from=2026-13-01&action=no.such');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Fra dato: 2026-13-01 er ikke en dato');
    expect(bad.body).toContain('Handling: vælg en handling fra listen.');
    const reversed = await page(world, '?from=2026-07-02&to=2026-07-01&lang=en');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('The from date is after the to date.');
  });

  it('pages through 50 at a time, newer and older, keeping the filter', async () => {
    const world = await startWorld(getDb());
    for (let i = 0; i < 120; i++)
      await appendAudit(world.db, { actor: 'bulk@example.dk', action: 'plan.update', details: { i } });
    await appendAudit(world.db, { actor: 'other@example.dk', action: 'plan.update' });
    const first = await page(world, '?actor=bulk');
    expect(rowsOf(first.body)).toBe(50);
    expect(first.body).toContain('{&quot;i&quot;:119}');
    expect(first.body).not.toContain('Nyere hændelser');
    const older = /href="(\/admin\/audit\?actor=bulk&amp;before=\d+)">Ældre hændelser/.exec(first.body)![1]!;
    const second = await page(world, '?' + older.split('?')[1]!.replace(/&amp;/g, '&'));
    expect(rowsOf(second.body)).toBe(50);
    expect(second.body).toContain('{&quot;i&quot;:69}');
    const third = await page(
      world,
      '?' +
        /href="\/admin\/audit\?(actor=bulk&amp;before=\d+)">Ældre/
          .exec(second.body)![1]!
          .replace(/&amp;/g, '&'),
    );
    expect(rowsOf(third.body)).toBe(20);
    expect(third.body).not.toContain('Ældre hændelser');
    // Back: the page before the third is the second, exactly.
    const back = /href="\/admin\/audit\?(actor=bulk&amp;after=\d+)">Nyere/.exec(third.body)![1]!;
    const again = await page(world, '?' + back.replace(/&amp;/g, '&'));
    expect(again.body.match(/\{&quot;i&quot;:\d+\}/g)).toEqual(second.body.match(/\{&quot;i&quot;:\d+\}/g));
  });

  it('exports the filtered log as CSV, escaping formulas, and audits the export', async () => {
    const world = await startWorld(getDb());
    await entryAt(world.db, '2026-12-01T13:05:09.000Z', '=cmd|x', 'round.create', { note: '+1' });
    await entryAt(world.db, '2026-12-02T09:00:00.000Z', 'admin@example.dk', 'round.update');
    for (let i = 0; i < 1200; i++)
      await appendAudit(world.db, { actor: 'bulk@example.dk', action: 'plan.update' });
    const res = await world.as('admin', { url: '/admin/audit.csv?action=round.create' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const rows = parse(res.body.slice(1)) as string[][];
    expect(rows[0]).toEqual([
      'Nummer',
      'Tidspunkt (dansk tid)',
      'Tidspunkt (UTC)',
      'Hvem',
      'Handlingskode',
      'Handling',
      'Emne',
      'Detaljer',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        expect.any(String),
        '2026-12-01 14:05:09',
        '2026-12-01T13:05:09.000Z',
        "'=cmd|x",
        'round.create',
        'Runde oprettet',
        '',
        '{"note":"+1"}',
      ],
    ]);
    // Every entry, not one page: in batches, in order.
    const all = parse(
      (await world.as('admin', { url: '/admin/audit.csv?actor=bulk&lang=en' })).body.slice(1),
    ) as string[][];
    expect(all[0]![0]).toBe('Number');
    expect(all).toHaveLength(1201);
    const ids = all.slice(1).map((r) => Number(r[0]));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect((await listAudit(world.db, { limit: 2 })).map((e) => [e.action, e.details])).toEqual([
      ['audit.export', { actor: 'bulk' }],
      ['audit.export', { action: 'round.create' }],
    ]);
    // Only administrators.
    for (const role of ['analyst', 'org_lead'] as const)
      expect((await world.as(role, { url: '/admin/audit.csv' })).statusCode).toBe(403);
  });

  it('records the source address of failed log-ins, never the password', async () => {
    const world = await startWorld(getDb());
    await setPasswordHash(world.db, world.users.admin.id, await hashPassword('the right password 123'));
    const res = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '192.0.2.44',
      payload: { email: 'admin@example.dk', password: 'a wrong password 456' },
    });
    expect(res.statusCode).toBe(401);
    const [failed] = await listAuditEntries(world.db, { action: 'auth.login-failed', limit: 5 });
    expect(failed).toMatchObject({ actor: 'admin@example.dk', details: { address: '192.0.2.44' } });
    // Behind a trusted proxy: the client's address it forwards, as the rate limits see it.
    const proxied = buildApp({ db: world.db, trustProxy: '127.0.0.1' });
    onTestFinished(() => proxied.close());
    await proxied.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': '198.51.100.7' },
      payload: { email: 'admin@example.dk', password: 'a wrong password 456' },
    });
    const [viaProxy] = await listAuditEntries(world.db, { action: 'auth.login-failed', limit: 1 });
    expect(viaProxy!.details).toEqual({ address: '198.51.100.7' });
    const log = JSON.stringify(await listAudit(world.db));
    expect(log).not.toContain('a wrong password');
  });

  it('audits a lead reading their report once per view and per download, not admins', async () => {
    const db = getDb();
    const reports = await seedReportWorld(db, 6);
    const app = buildApp({ db });
    onTestFinished(() => app.close());
    const world = { app, db };
    const lead = { authorization: `Bearer ${reports.tokens.lead}` };
    const admin = { authorization: `Bearer ${reports.tokens.admin}` };
    const path = pagePath('r-2026', reports.mine.name);
    expect((await world.app.inject({ url: path, headers: lead })).statusCode).toBe(200);
    // Its stylesheet and icon are not views.
    await world.app.inject({ url: '/reports/assets/report.css', headers: lead });
    expect((await world.app.inject({ url: `${path}/figures.xlsx`, headers: lead })).statusCode).toBe(200);
    expect(
      (await world.app.inject({ url: `${apiPath('r-2026', reports.mine.name)}/report`, headers: lead }))
        .statusCode,
    ).toBe(200);
    expect((await world.app.inject({ url: path, headers: admin })).statusCode).toBe(200);
    // Another organisation's report is refused, and nothing is logged as read.
    expect(
      (await world.app.inject({ url: pagePath('r-2026', reports.other.name), headers: lead })).statusCode,
    ).toBe(404);
    const reads = (await listAudit(world.db))
      .filter((e) => e.action.startsWith('report.'))
      .map((e) => [e.actor, e.action, e.subject, e.details])
      .reverse();
    const subject = `organisation:${reports.mine.name}/round:r-2026`;
    expect(reads).toEqual([
      ['lead@example.dk', 'report.view', subject, { format: 'html' }],
      ['lead@example.dk', 'report.download', subject, { format: 'xlsx' }],
      ['lead@example.dk', 'report.download', subject, { format: 'json' }],
    ]);
  });
});

it('names every action the code writes, in Danish and English', async () => {
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  await walk(join(ROOT, 'src'));
  const written = new Set<string>();
  for (const f of files) {
    const text = await readFile(f, 'utf8');
    if (!text.includes('appendAudit')) continue;
    for (const m of text.matchAll(/action:[^,}]*?'([a-z]+\.[a-z-]+)'/g)) written.add(m[1]!);
    for (const m of text.matchAll(/\? '([a-z]+\.[a-z-]+)' : '([a-z]+\.[a-z-]+)'/g)) {
      written.add(m[1]!);
      written.add(m[2]!);
    }
  }
  // Built from a kind, or handed to a helper that writes them (src/accounts/users.ts).
  written.add('invitation.invitation').add('invitation.reminder').add('user.create').add('user.invite');
  written.add('job.invitation').add('job.reminder');
  expect(written.size).toBeGreaterThan(25);
  expect([...written].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
  // …and the select offers nothing the code never writes.
  expect(AUDIT_ACTIONS.filter((a) => !written.has(a))).toEqual([]);
  for (const lang of ['da', 'en'] as const) {
    const t = adminT(lang);
    const missing = AUDIT_ACTIONS.filter((a) => t(`auditActions.${a}`, { defaultValue: '' }) === '');
    expect(missing, lang).toEqual([]);
  }
  expect(adminT('da')('auditActions.auth.login')).not.toBe(adminT('en')('auditActions.auth.login'));
});

it('reads Copenhagen days across daylight saving', () => {
  expect(fromLocalInputs('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
  expect(fromLocalInputs('2026-12-01')).toBe('2026-11-30T23:00:00.000Z');
  // The days the clocks change: midnight is before the change.
  expect(fromLocalInputs('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
  expect(fromLocalInputs('2026-03-30')).toBe('2026-03-29T22:00:00.000Z');
  expect(fromLocalInputs('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
  expect(fromLocalInputs('2026-10-26')).toBe('2026-10-25T23:00:00.000Z');
  expect(formatDateTime('2026-12-01T13:05:00.000Z', 'da')).toBe('1. december 2026 kl. 14.05');
});
