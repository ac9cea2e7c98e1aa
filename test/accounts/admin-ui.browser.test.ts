/**
 * The staff pages in a real browser (Debian's Chromium via playwright-core): log in through
 * the form, visit every page in Danish and English, and check each with axe (WCAG 2.1 AA).
 * The round page, with its releases, and the pages of background jobs (queued, done with a
 * download, a mail job with a refused recipient) are checked at 360 and 1280 px too. The allow-list of
 * accepted violations is empty, and must stay so. Screenshots go to
 * test-output/screenshots/admin-<lang>-<page>.png for people to look at.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/accounts/password.ts';
import { addUser } from '../../src/accounts/users.ts';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { reportPdfsJobHandler } from '../../src/api/services/report-jobs.ts';
import { mailJobHandler } from '../../src/rounds/invitation-jobs.ts';
import { startJobWorker } from '../../src/rounds/jobs/worker.ts';
import {
  createRespondent,
  createUser,
  ensureOrganisation,
  importRound,
  requireRoundByName,
  type Database,
} from '../../src/storage/index.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { dtOffentligSource } from '../api/helpers.ts';
import { HAND_ROUND } from './sector-data.ts';
import { checkAtWidths, SCREENSHOTS } from './page-checks.ts';

import { CHROMIUM_PATH as CHROMIUM, launchChromium } from '../../src/browser/chromium.ts';
const PASSWORD = 'a long enough passphrase';

let browser: Browser;
let db: Database;
let dir: string;
let url: string;
let close: () => Promise<unknown>;
let passwordLink: string;
let smtp: TestSmtpServer;
const drainJobs = () =>
  startJobWorker(
    db,
    [mailJobHandler, reportPdfsJobHandler()],
    { info: () => undefined, warn: () => undefined },
    {
      poll: false,
      minPollMs: 0,
    },
  ).drain();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-admin-ui-'));
  db = await openApiDatabase({ backend: 'sqlite', dataDir: dir });
  const { ref } = await dtOffentligSource();
  await importRound(db, { roundName: 'demo', instrument: ref, organisations: HAND_ROUND });
  await db.kysely.updateTable('rounds').set({ k_min: 3 }).where('name', '=', 'demo').execute();
  // Two respondents with addresses, one of whom the mail server refuses.
  smtp = await startSmtpServer();
  smtp.refuse.add('nej@example.dk');
  process.env.SMTP_URL = smtp.url;
  process.env.SMTP_FROM = 'pejling@example.dk';
  const demo = await requireRoundByName(db, 'demo');
  const mailOrg = await ensureOrganisation(db, { name: 'K1 Kommune', sector: 'kommune' });
  for (const [i, email] of ['ok@example.dk', 'nej@example.dk'].entries())
    await createRespondent(db, {
      roundId: demo.id,
      organisationId: mailOrg.id,
      externalId: `m${i}`,
      role: 'it',
      email,
    });
  await createUser(db, {
    email: 'admin@example.dk',
    role: 'admin',
    passwordHash: await hashPassword(PASSWORD),
  });
  passwordLink = `/admin/set-password/${(await addUser(db, { email: 'new@example.dk', role: 'analyst' }, 'test')).token}`;
  const app = buildApp({ db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  close = () => app.close();
  browser = await launchChromium(CHROMIUM);
  await mkdir(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
  await smtp?.close();
  await browser?.close();
  await close?.();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

it(
  'every staff page has no axe violations at 360 and 1280 px, in Danish and in English',
  { timeout: 600_000 },
  async () => {
    const violations: string[] = [];
    for (const lang of ['da', 'en'] as const) {
      const context = await browser.newContext({ baseURL: url, locale: lang === 'da' ? 'da-DK' : 'en-GB' });
      const page = await context.newPage();
      const errors: string[] = [];
      // Pages answered with 401/404 on purpose log "Failed to load resource"; anything else is an error.
      page.on(
        'console',
        (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()),
      );
      const q = lang === 'en' ? '?lang=en' : '';
      // Every page at a phone's and a laptop's width: axe, no sideways scrolling, screenshots.
      const checkWidths = (name: string) => checkAtWidths(page, `admin-${lang}-${name}`, violations);
      const check = checkWidths;

      await page.goto(`/admin/set-password/${'x'.repeat(43)}${q}`);
      await check('password-invalid');
      await page.goto(`${passwordLink}${q}`);
      await check('password');
      await page.goto(`/admin/forgot-password${q}`);
      await check('forgot-password');
      await page.goto(`/admin/login${q}`);
      await check('login');
      await page.fill('#email', 'admin@example.dk');
      await page.fill('#password', 'wrong password here');
      await page.click('button[type=submit]');
      await check('login-error');
      await page.fill('#password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL(/\/admin(\?lang=en)?$/);
      await check('home');
      await page.goto(`/admin/rounds/new${q}`);
      await check('new-round');
      await page.goto(`/admin/rounds/demo${q}`);
      const releases = page.locator('section[aria-labelledby=releases]');
      if (lang === 'da') expect(await releases.textContent()).toContain('Runden har endnu ingen udgivelse.');
      await checkWidths('round');
      // "Make a release now" is a plain form: post, then redirect back with a notice.
      await releases.locator('button[type=submit]').click();
      await page.waitForURL(/notice=releases\.(made|unchanged)&release=\d+/);
      expect(await page.locator('.notice').textContent()).toMatch(
        lang === 'da' ? /Udgivelse \d+ er lavet/ : /Release \d+ is made/,
      );
      expect(await releases.locator('table').count()).toBe(lang === 'da' ? 1 : 2);
      await checkWidths('round-releases');
      // Opening or closing asks first, on a page of its own.
      await page.locator('section[aria-labelledby=lifecycle] a').click();
      await page.waitForURL(/\/status\?change=(open|close)/);
      await checkWidths('round-status');
      // Every organisation's PDF: queued, then (after a worker ran) done with its download.
      await page.goto(`/admin/rounds/demo${q}`);
      await page.locator('form[action$="/report-pdfs"] button[type=submit]').click();
      await page.waitForURL(/\/admin\/jobs\/\d+/);
      expect(await page.locator('[role=status]').textContent()).toContain(
        lang === 'da' ? 'Venter på en arbejder' : 'Waiting for a worker',
      );
      await checkWidths('job-queued');
      await drainJobs();
      await page.reload();
      await checkWidths('job-done');
      const zip = await page.request.get((await page.locator('a[download]').getAttribute('href'))!);
      expect(zip.headers()['content-type']).toBe('application/zip');
      // Invitations by mail: one refused by the server, listed with why.
      await page.goto(`/admin/rounds/demo${q}`);
      const send = page.locator('form[action$="/send"]');
      await send.locator('input[value=pending]').check();
      await send.locator('button[type=submit]').click();
      await page.waitForURL(/\/admin\/jobs\/\d+/);
      await drainJobs();
      await page.reload();
      expect(await page.locator('section[aria-labelledby=problems]').textContent()).toContain(
        'nej@example.dk',
      );
      await checkWidths('job-mail');
      await page.goto(`/admin/rounds/demo/report${q}`);
      expect(await page.locator('svg[role=img]').count()).toBeGreaterThan(2);
      await check('sector-report');
      if (lang === 'da') {
        const pdf = await page.request.get('/admin/rounds/demo/report.pdf');
        expect(pdf.headers()['content-type']).toBe('application/pdf');
        expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      }
      await page.goto(`/admin/audit${q}`);
      await check('audit');
      // Filtered through its own form (the log-in above is in the log), at both widths.
      await page.selectOption('#audit-action', 'auth.login');
      await page.fill('#audit-actor', 'admin@');
      await page.fill('#audit-from', '2020-01-01');
      await page.fill('#audit-to', '2099-12-31');
      await page.locator('form.filter button[type=submit]').click();
      await page.waitForURL(/action=auth\.login/);
      expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('tbody').textContent()).toContain(lang === 'da' ? 'Log-ind' : 'Log-in');
      await checkWidths('audit-filtered');
      await page.goto(`/admin/audit?from=2026-02-30${lang === 'en' ? '&lang=en' : ''}`);
      await checkWidths('audit-problems');
      await page.goto(`/admin/privacy${q}`);
      await check('privacy');
      await page.goto(`/admin/rounds/nope${q}`);
      await check('not-found');
      expect(errors).toEqual([]);
      await context.close();
    }
    expect(violations).toEqual([]);
  },
);
