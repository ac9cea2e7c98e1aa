/**
 * The invitee pages in a real browser (Debian's Chromium via playwright-core): the list (with
 * filters and pages), one invitee's page (also with a problem shown), a submitted invitee's
 * page and the confirmation before removing, each in Danish and English at 360 and 1280 px,
 * checked with axe (WCAG 2.1 AA) and without sideways scrolling of the page. The allow-list of
 * accepted violations is empty. Screenshots go to test-output/screenshots/invitees-*.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sessionPolicy } from '../../src/accounts/policy.ts';
import { startSession } from '../../src/accounts/sessions.ts';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { CHROMIUM_PATH, launchChromium } from '../../src/browser/chromium.ts';
import {
  createRespondent,
  createUser,
  ensureOrganisation,
  findInvitees,
  importRound,
  recordInvitationMail,
  requireRoundByName,
  saveDraft,
  type Database,
} from '../../src/storage/index.ts';
import { dtOffentligSource } from '../api/helpers.ts';
import { checkAtWidths } from './page-checks.ts';
import { HAND_ROUND } from './sector-data.ts';

let browser: Browser;
let db: Database;
let dir: string;
let url: string;
let sessionId: string;
let close: () => Promise<unknown>;
let drafted: number;
let submitted: number;

beforeAll(async () => {
  process.env.SMTP_URL = 'smtp://127.0.0.1:9';
  dir = await mkdtemp(join(tmpdir(), 'pejling-invitees-ui-'));
  db = await openApiDatabase({ backend: 'sqlite', dataDir: dir });
  const { ref } = await dtOffentligSource();
  await importRound(db, { roundName: 'demo', instrument: ref, organisations: HAND_ROUND });
  await db.kysely.updateTable('rounds').set({ status: 'open' }).where('name', '=', 'demo').execute();
  const round = await requireRoundByName(db, 'demo');
  // A long organisation name and long addresses: the table must scroll inside its region.
  const org = await ensureOrganisation(db, {
    name: 'Region Syddanmarks Center for Digitalisering og Velfærdsteknologi',
    sector: 'region',
  });
  for (let i = 0; i < 60; i++) {
    const r = await createRespondent(db, {
      roundId: round.id,
      organisationId: org.id,
      externalId: `p${String(i).padStart(2, '0')}`,
      role: ['topleder', 'forretning', 'it', 'andet'][i % 4]!,
      email: `medarbejder.nummer.${i}@digitalisering.regionsyddanmark.dk`,
    });
    if (i === 0) {
      await saveDraft(db, r.id, { 'profile.role': 'it' });
      drafted = r.id;
    }
    if (i === 1) await recordInvitationMail(db, r.id, 'invitation', 'failed');
  }
  submitted = (await findInvitees(db, round.id, { status: 'submitted' })).invitees[0]!.respondentId;
  const admin = await createUser(db, { email: 'admin@example.dk', role: 'admin' });
  sessionId = (await startSession(db, admin.id, sessionPolicy())).id;
  const app = buildApp({ db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  close = () => app.close();
  browser = await launchChromium(CHROMIUM_PATH);
}, 60_000);

afterAll(async () => {
  delete process.env.SMTP_URL;
  await browser?.close();
  await close?.();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

it(
  'every invitee page has no axe violations, in Danish and English, at 360 and 1280 px',
  { timeout: 180_000 },
  async () => {
    const violations: string[] = [];
    for (const lang of ['da', 'en'] as const) {
      const context = await browser.newContext({ baseURL: url, locale: lang === 'da' ? 'da-DK' : 'en-GB' });
      await context.addCookies([{ name: 'pejling_session', value: sessionId, url }]);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on(
        'console',
        (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()),
      );
      const q = lang === 'en' ? '?lang=en' : '';
      const checkWidths = (name: string, p: Page = page) =>
        checkAtWidths(p, `invitees-${lang}-${name}`, violations);

      // From the round page to the list through the link with the counts.
      await page.goto(`/admin/rounds/demo${q}`);
      await page.locator('section[aria-labelledby=invitees] p a').click();
      await page.waitForURL(/\/admin\/rounds\/demo\/invitees/);
      expect(await page.locator('caption').textContent()).toMatch(lang === 'da' ? /af 6\d/ : /of 6\d/);
      await checkWidths('list');

      // The filter form is a GET form: the filters land in the URL, the counts follow them.
      await page.selectOption('#filter-status', 'draft');
      await page.click('form[role=search] button[type=submit]');
      await page.waitForURL(/status=draft/);
      expect(await page.locator('tbody tr').count()).toBe(1);
      await page.fill('#filter-email', 'nobody-at-all');
      await page.click('form[role=search] button[type=submit]');
      await page.waitForURL(/email=nobody-at-all/);
      await checkWidths('list-empty');
      await page.goto(`/admin/rounds/demo/invitees${q ? `${q}&` : '?'}page=2`);
      await checkWidths('list-page-2');

      await page.goto(`/admin/rounds/demo/invitees/${drafted}${q}`);
      await checkWidths('invitee');
      await page.fill('#invitee-email', 'not an address');
      await page.click('section[aria-labelledby=correct] button[type=submit]');
      await page.locator('.problems').waitFor();
      expect(await page.locator('.problems').textContent()).toContain(
        lang === 'da' ? 'Skriv en gyldig e-mailadresse.' : 'Enter a valid e-mail address.',
      );
      await checkWidths('invitee-problem');
      await page.goto(`/admin/rounds/demo/invitees/${drafted}${q}`);
      await page.locator('section[aria-labelledby=remove] a').click();
      await page.waitForURL(/\/remove/);
      await checkWidths('remove');
      await page.goto(`/admin/rounds/demo/invitees/${submitted}${q}`);
      expect(await page.locator('section[aria-labelledby=remove]').textContent()).toContain(
        lang === 'da' ? 'kan ikke fjernes' : 'cannot be removed',
      );
      await checkWidths('invitee-submitted');
      expect(errors).toEqual([]);
      await context.close();
    }
    expect(violations).toEqual([]);
  },
);
