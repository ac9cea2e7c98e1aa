/**
 * An organisation's lead in a real browser: from the home page to the overview of all its
 * instruments, on to the security follow-up checklist (no named owner in red and in words) and
 * its PDF link; every page checked with axe (WCAG 2.1 AA) at 360 and 1280 px without sideways
 * scrolling, in Danish and English. The red is checked as a colour, not only as a class.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/accounts/password.ts';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { CHROMIUM_PATH as CHROMIUM, launchChromium } from '../../src/browser/chromium.ts';
import { relatedResultsFor } from '../../src/api/services/organisation-overview.ts';
import { organisationReport } from '../../src/api/services/organisation-report.ts';
import {
  createUser,
  getOrganisationByName,
  loadRoundData,
  requireRoundByName,
  type Database,
} from '../../src/storage/index.ts';
import { pagePath, type ReportWorld } from '../reports/world.ts';
import { MINE, seedOrgHub, THEIRS } from './org-hub-world.ts';
import { checkAtWidths } from './page-checks.ts';

const PASSWORD = 'a long enough passphrase';

/** The element's computed text colour (the test runs in Node: the DOM's names are the page's). */
const colourOf = (l: Locator) =>
  l.evaluate(
    (el) =>
      (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el)
        .color,
  );

let browser: Browser;
let db: Database;
let dir: string;
let url: string;
let world: ReportWorld;
let lead = '';
let close: () => Promise<unknown>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-org-hub-ui-'));
  db = await openApiDatabase({ backend: 'sqlite', dataDir: dir });
  world = await seedOrgHub(db);
  // The lead of an organisation its dt-offentlig report advises on data & security (the seeded
  // answers decide which), so that the advice's pointer to the triangle is on the page too.
  const round = await requireRoundByName(db, 'r-2026');
  for (const o of (await loadRoundData(db, 'r-2026')).organisations) {
    const org = (await getOrganisationByName(db, o.name))!;
    const related = await relatedResultsFor(db, null, round, org);
    const report = await organisationReport(db, round, org, 'da', new Date(), related);
    if (report.advice.some((a) => (a.related ?? []).length > 0)) {
      lead = org.name;
      break;
    }
  }
  expect(lead, 'an organisation advised on data & security').not.toBe('');
  await createUser(db, {
    email: 'hub-lead@example.dk',
    role: 'org_lead',
    organisationId: (await getOrganisationByName(db, lead))!.id,
    passwordHash: await hashPassword(PASSWORD),
  });
  const app = buildApp({ db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  close = () => app.close();
  browser = await launchChromium(CHROMIUM);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

it(
  'a lead reaches the overview and the follow-up checklist on accessible pages, in Danish and English',
  { timeout: 240_000 },
  async () => {
    const violations: string[] = [];
    for (const lang of ['da', 'en'] as const) {
      const context = await browser.newContext({ baseURL: url, locale: lang === 'da' ? 'da-DK' : 'en-GB' });
      const page = await context.newPage();
      const q = lang === 'en' ? '?lang=en' : '';
      await page.goto(`/admin/login${q}`);
      await page.fill('#email', 'hub-lead@example.dk');
      await page.fill('#password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL(/\/admin(\?lang=en)?$/);

      // Home → the overview, by the link (keyboard: focus it and press Enter).
      const toOverview = page.getByRole('link', {
        name: lang === 'da' ? 'Alle organisationens værktøjer' : 'All the organisation’s instruments',
      });
      await toOverview.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/overview/);
      expect(await page.locator('h2').allTextContents()).toEqual(
        expect.arrayContaining([
          lang === 'da'
            ? 'Sikkerhedstrekanten og beredskabsplanen'
            : 'The security triangle and the recovery plan',
        ]),
      );
      const flag = page.locator('li.flag').first();
      expect(await flag.textContent()).toContain(
        lang === 'da' ? 'Ingen navngiven ansvarlig' : 'No named owner',
      );
      expect(await colourOf(flag)).toBe('rgb(164, 0, 15)');
      await checkAtWidths(page, `org-overview-${lang}`, violations);

      // → the checklist
      await page.locator('a[href*="/checklists/sikkerhedstrekant"]').first().click();
      await page.waitForURL(/\/checklists\/sikkerhedstrekant/);
      expect(await page.locator('main').textContent()).toContain(lead === world.mine.name ? MINE : THEIRS);
      const noOwner = page.locator('.checklist .flag').first();
      expect(await noOwner.textContent()).toContain(
        lang === 'da' ? 'Ingen navngiven ansvarlig' : 'No named owner',
      );
      expect(await colourOf(noOwner)).toBe('rgb(164, 0, 15)');
      expect(await page.locator('a[href*="/checklists/sikkerhedstrekant/pdf"]').count()).toBe(1);
      await checkAtWidths(page, `org-checklist-${lang}`, violations);
      // The meeting sets its next review date; the page and its PDF link carry it.
      await page.fill('#review', '2027-03-01');
      await page.locator('main form button[type=submit]').click();
      await page.waitForURL(/review=2027-03-01/);
      expect(await page.locator('main').textContent()).toContain(
        lang === 'da' ? '1. marts 2027' : '1 March 2027',
      );
      expect(await page.locator('a[href*="/pdf"]').getAttribute('href')).toContain('review=2027-03-01');

      // The dt-offentlig report: the data & security advice points to the triangle result.
      await page.goto(`${pagePath('r-2026', lead)}${q}`);
      const related = page.locator('.related-result').first();
      expect(await related.textContent()).toContain(
        lang === 'da' ? 'uden navngiven ansvarlig' : 'no named owner',
      );
      expect(await colourOf(related.locator('.flagged'))).toBe('rgb(164, 0, 15)');
      expect(await related.locator('a[href*="/reports/sikkerhed-2026/"]').count()).toBe(1);
      await checkAtWidths(page, `org-report-related-${lang}`, violations);
      await context.close();
    }
    expect(violations).toEqual([]);
  },
);
