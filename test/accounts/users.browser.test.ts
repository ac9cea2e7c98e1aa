/**
 * The users page, the set-password page and the shared staff bar in a real browser (Debian's
 * Chromium via playwright-core), each checked with axe (WCAG 2.1 AA) at 360 and 1280 px without
 * sideways scrolling, in Danish and English: an administrator invites an organisation lead
 * (no mail configured, so the link is shown once), the lead sets a password, lands on their
 * reports, finds the same bar on the report page and logs out with the keyboard alone. The
 * allow-list of accepted violations is empty. Screenshots: test-output/screenshots/users-*.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/accounts/password.ts';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { organisationReport } from '../../src/api/services/organisation-report.ts';
import { CHROMIUM_PATH, launchChromium } from '../../src/browser/chromium.ts';
import { reportPdf } from '../../src/reports/organisation/print.ts';
import {
  createUser,
  getOrganisationByName,
  getRoundByName,
  importRound,
  type Database,
} from '../../src/storage/index.ts';
import { dtOffentligSource } from '../api/helpers.ts';
import { checkAtWidths } from './page-checks.ts';
import { tabTo } from '../web/keyboard.ts';
import { HAND_ROUND } from './sector-data.ts';

const PASSWORD = 'a long enough passphrase';
const REPORT = `/reports/demo/organisations/${encodeURIComponent('K1 Kommune')}`;

let browser: Browser;
let db: Database;
let dir: string;
let url: string;
let close: () => Promise<unknown>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-users-ui-'));
  db = await openApiDatabase({ backend: 'sqlite', dataDir: dir });
  const { ref } = await dtOffentligSource();
  await importRound(db, { roundName: 'demo', instrument: ref, organisations: HAND_ROUND });
  await db.kysely.updateTable('rounds').set({ k_min: 3 }).where('name', '=', 'demo').execute();
  await createUser(db, {
    email: 'admin@example.dk',
    role: 'admin',
    passwordHash: await hashPassword(PASSWORD),
  });
  const app = buildApp({ db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  close = () => app.close();
  browser = await launchChromium(CHROMIUM_PATH);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The shared page checks, with this file's screenshot names. */
async function checkWidths(page: Page, name: string, violations: string[]): Promise<void> {
  await checkAtWidths(page, `users-${name}`, violations);
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function logIn(page: Page, email: string, q: string): Promise<void> {
  await page.goto(`/admin/login${q}`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('main button[type=submit]');
  await page.waitForURL(/\/admin(\?lang=en)?$/);
}

it(
  'users page, invitation shown once, set-password page, and the staff bar on staff and report pages',
  { timeout: 180_000 },
  async () => {
    const violations: string[] = [];
    for (const lang of ['da', 'en'] as const) {
      const q = lang === 'en' ? '?lang=en' : '';
      const name = (page: string) => `${lang}-${page}`;
      const admin = await browser.newContext({ baseURL: url, locale: lang === 'da' ? 'da-DK' : 'en-GB' });
      const page = await admin.newPage();
      await logIn(page, 'admin@example.dk', q);

      // The bar: the administrator's links, the current page marked, who is signed in.
      const bar = page.getByRole('navigation', { name: lang === 'da' ? 'Hovedmenu' : 'Main menu' });
      await page.goto(`/admin/users${q}`);
      expect(
        await bar
          .getByRole('link', { name: lang === 'da' ? 'Brugere' : 'Users' })
          .getAttribute('aria-current'),
      ).toBe('page');
      expect(await page.locator('.staff-bar .signed-in').textContent()).toContain('admin@example.dk');
      await checkWidths(page, name('users'), violations);

      // Invite a lead of K1 Kommune: without mail, the link is shown once on the answer.
      const email = `lead-${lang}@example.dk`;
      await page.fill('#invite-email', email);
      await page.selectOption('#invite-role', 'org_lead');
      await page.selectOption('#invite-organisation', { label: 'K1 Kommune' });
      await page.click('section[aria-labelledby=invite-h] button[type=submit]');
      const shown = (await page.locator('#once-link').textContent())!.trim();
      // Made from PEJLING_PUBLIC_URL (the test setup's), never from the request's Host.
      expect(shown).toMatch(/^https:\/\/pejling\.test\/admin\/set-password\/[A-Za-z0-9_-]{43}(\?lang=en)?$/);
      const link = shown.replace('https://pejling.test', '');
      await checkWidths(page, name('users-invited'), violations);
      await page.reload();
      expect(await page.locator('#once-link').count()).toBe(0);

      // One user's page.
      await page.getByRole('link', { name: email }).click();
      await page.waitForURL(/\/admin\/users\/\d+/);
      await checkWidths(page, name('user'), violations);

      // A staff page shows the same bar (the round is under "Rounds").
      await page.goto(`/admin/rounds/demo${q}`);
      expect(
        await bar
          .getByRole('link', { name: lang === 'da' ? 'Runder' : 'Rounds' })
          .getAttribute('aria-current'),
      ).toBe('true');
      await checkWidths(page, name('round'), violations);
      await admin.close();

      // The invited lead: set a password on the set-password page, then log in.
      const lead = await browser.newContext({ baseURL: url, locale: lang === 'da' ? 'da-DK' : 'en-GB' });
      const leadPage = await lead.newPage();
      await leadPage.goto(link);
      await checkWidths(leadPage, name('set-password'), violations);
      await leadPage.fill('#new-password', 'short');
      await leadPage.fill('#repeat-password', 'short');
      await leadPage.click('main button[type=submit]');
      expect(await leadPage.locator('#password-errors').count()).toBe(1);
      await checkWidths(leadPage, name('set-password-error'), violations);
      await leadPage.fill('#new-password', PASSWORD);
      await leadPage.fill('#repeat-password', PASSWORD);
      await leadPage.click('main button[type=submit]');
      expect(await leadPage.locator('main .notice').count()).toBe(1);
      await logIn(leadPage, email, q);

      // The report page: the same bar, "My reports" marked, no staff links beyond the lead's.
      const leadBar = leadPage.getByRole('navigation', { name: lang === 'da' ? 'Hovedmenu' : 'Main menu' });
      await leadPage.goto(`${REPORT}${q}`);
      expect(
        await leadBar
          .getByRole('link', { name: lang === 'da' ? 'Mine rapporter' : 'My reports' })
          .getAttribute('aria-current'),
      ).toBe('true');
      expect(await leadBar.getByRole('link', { name: lang === 'da' ? 'Brugere' : 'Users' }).count()).toBe(0);
      await checkWidths(leadPage, name('report'), violations);

      // Log out with the keyboard alone: Tab to the button, Enter.
      const logOut = leadBar.getByRole('button', { name: lang === 'da' ? 'Log ud' : 'Log out', exact: true });
      await leadPage.goto(`${REPORT}${q}`);
      await tabTo(leadPage, logOut);
      await leadPage.keyboard.press('Enter');
      await leadPage.waitForURL(/\/admin\/login\?notice=login\.loggedOut/);
      await leadPage.goto(`${REPORT}${q}`);
      await leadPage.waitForURL(/\/admin\/login\?next=/);
      await lead.close();
    }
    expect(violations).toEqual([]);
  },
);

it('prints the report without the staff bar', async () => {
  const round = (await getRoundByName(db, 'demo'))!;
  const organisation = (await getOrganisationByName(db, 'K1 Kommune'))!;
  const report = await organisationReport(db, round, organisation, 'da');
  let printed = '';
  await reportPdf({ print: async (html: string) => ((printed = html), Buffer.from('')) } as never, report);
  expect(printed).toContain('K1 Kommune');
  expect(printed).not.toContain('class="staff-bar"');
  expect(printed).not.toContain('/admin/logout');
});
