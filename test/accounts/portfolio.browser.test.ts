/**
 * The portfolio's staff pages in a real browser: an organisation's lead logs in, goes from the
 * home page to the portfolio, adds an initiative by the form (a refused form first, with its
 * errors beside the fields and in a summary), adopts a documented solution, does the monthly
 * review in one form with decimal commas, and sees the figures. Every new page and state is
 * checked with axe (WCAG 2.1 AA, no exceptions) at 360 and 1280 px, without sideways scrolling.
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
import { portfolioReport } from '../../src/api/services/portfolio.ts';
import { CHROMIUM_PATH as CHROMIUM, launchChromium } from '../../src/browser/chromium.ts';
import { createUser, ensureOrganisation, type Database } from '../../src/storage/index.ts';
import { checkAtWidths } from './page-checks.ts';

const PASSWORD = 'a long enough passphrase';
const ORG = 'Fjordby Kommune';

let browser: Browser;
let db: Database;
let dir: string;
let url: string;
let orgId: number;
let close: () => Promise<unknown>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-portfolio-ui-'));
  db = await openApiDatabase({ backend: 'sqlite', dataDir: dir });
  const org = await ensureOrganisation(db, { name: ORG, sector: 'kommune' });
  orgId = org.id;
  await createUser(db, {
    email: 'analyst@example.dk',
    role: 'analyst',
    passwordHash: await hashPassword(PASSWORD),
  });
  await createUser(db, {
    email: 'lead@fjordby.dk',
    role: 'org_lead',
    organisationId: org.id,
    passwordHash: await hashPassword(PASSWORD),
  });
  const app = buildApp({ db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  close = () => app.close();
  browser = await launchChromium(CHROMIUM);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

const check = (page: Page, name: string, violations: string[]) =>
  checkAtWidths(page, `admin-portfolio-${name}`, violations);

it(
  'a lead adds an initiative, does the monthly review and sees the figures on accessible pages',
  { timeout: 240_000 },
  async () => {
    const violations: string[] = [];
    const context = await browser.newContext({ baseURL: url, locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto('/admin/login');
    await page.fill('#email', 'lead@fjordby.dk');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/admin$/);

    // From the home page to the (empty) portfolio.
    await page.getByRole('link', { name: `Den digitale portefølje for ${ORG}` }).click();
    await page.waitForURL(/\/portfolio$/);
    expect(await page.locator('h1').textContent()).toContain(ORG);
    await check(page, 'empty', violations);

    // A refused form: errors beside the fields and in a summary that links to them.
    await page
      .getByRole('navigation', { name: 'Porteføljens sider' })
      .getByRole('link', { name: 'Tilføj et initiativ' })
      .click();
    await page.waitForURL(/\/portfolio\/new$/);
    await check(page, 'new', violations);
    await page.fill('#initiative-initiative', 'Skærmbesøg i hjemmeplejen');
    await page.selectOption('#initiative-status', 'i-drift');
    await page.fill('#initiative-owner', 'Anne Holm');
    await page.fill('#initiative-start', '2026-09');
    await page.fill('#initiative-investment_dkk', '-300000');
    await page.fill('#initiative-expected_dkk_per_year', '600.000');
    await page.fill('#initiative-expected_hours_per_year', '1040,5');
    await page.check('#initiative-gains_booked');
    await page.getByRole('button', { name: 'Tilføj initiativet' }).click();
    await expect
      .poll(() => page.locator('.problems').textContent())
      .toContain('Et negativt beløb er ikke tilladt.');
    expect(await page.locator('#initiative-investment_dkk').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#initiative-budget_year-error').textContent()).toContain('angiv budgetåret');
    await check(page, 'new-refused', violations);
    // The summary's link moves to the field.
    await page.locator('.problems a[href="#initiative-investment_dkk"]').click();
    await page.fill('#initiative-investment_dkk', '300.000');
    await page.fill('#initiative-budget_year', '2026');
    await page.getByRole('button', { name: 'Tilføj initiativet' }).click();
    await page.waitForURL(/\/initiatives\/\d+\?notice=created/);
    expect(await page.locator('.notice').textContent()).toContain('Initiativet er tilføjet');
    await check(page, 'edit', violations);

    // A documented solution adopted, then filled with the organisation's own numbers.
    await page.getByRole('link', { name: 'Dokumenterede løsninger' }).click();
    await page.waitForURL(/\/catalogue$/);
    await check(page, 'catalogue', violations);
    await page
      .getByRole('button', { name: /^Brug som initiativ\s*: Digitale nøgler i hjemmeplejen$/ })
      .click();
    await page.waitForURL(/notice=adopted/);
    expect(await page.locator('#initiative-initiative').inputValue()).toBe('Digitale nøgler i hjemmeplejen');
    await page.selectOption('#initiative-status', 'i-gang');
    await page.fill('#initiative-start', '2026-10');
    await page.fill('#initiative-expected_hours_per_year', '500');
    await page.getByRole('button', { name: 'Gem ændringerne' }).click();
    await page.waitForURL(/notice=saved/);

    // The monthly review: November, both running initiatives in one form.
    await page.getByRole('link', { name: 'Månedlig opfølgning' }).click();
    await page.waitForURL(/\/review/);
    await page.fill('#review-month-choice', '2026-11');
    await page.getByRole('button', { name: 'Vis måneden' }).click();
    await page.waitForURL(/month=2026-11/);
    await check(page, 'review', violations);
    const rows = page.locator('#review-table').locator('xpath=ancestor::div[1]').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    await page.getByLabel('Realiserede timer i måneden: Skærmbesøg i hjemmeplejen').fill('80,5');
    await page.getByLabel('Realiserede kr. i måneden: Skærmbesøg i hjemmeplejen').fill('45.000');
    await page.getByLabel('Realiserede timer i måneden: Digitale nøgler i hjemmeplejen').fill('nogle');
    await page.getByRole('button', { name: 'Gem 2026-11' }).click();
    await expect.poll(() => page.locator('.problems').textContent()).toContain('»nogle« er ikke et tal.');
    await check(page, 'review-refused', violations);
    expect((await portfolioReport(db, orgId, '2026-11')).total.realisedToDateDkk).toBe(0);
    await page.getByLabel('Realiserede timer i måneden: Digitale nøgler i hjemmeplejen').fill('20');
    await page.getByRole('button', { name: 'Gem 2026-11' }).click();
    await page.waitForURL(/notice=review/);
    expect(await page.locator('.notice').textContent()).toContain('2 initiativer');
    // What was saved shows again in the form.
    expect(await page.getByLabel('Realiserede timer i måneden: Skærmbesøg i hjemmeplejen').inputValue()).toBe(
      '80,5',
    );

    // The figures: 45 000 + (80,5 + 20) h × 217 = 66 808,50 kr. realised to date.
    const report = await portfolioReport(db, orgId, '2026-11');
    expect(report.total.realisedToDateDkk).toBeCloseTo(66808.5, 6);
    await page.goto('/admin/organisations/Fjordby%20Kommune/portfolio?asOf=2026-11');
    const totals = page.locator('#tracks-table').locator('xpath=ancestor::div[1]');
    expect(await totals.locator('tbody tr', { hasText: 'I alt' }).textContent()).toContain('66.809 kr.');
    expect(await page.locator('#warnings').textContent()).toMatch(/^2 advarsler$/);
    expect(await page.locator('section[aria-labelledby=warnings]').textContent()).toContain(
      'Digitale nøgler i hjemmeplejen: den forventede gevinst er ikke skrevet ind i noget budget',
    );
    expect(await page.locator('svg[role=img]').count()).toBeGreaterThanOrEqual(3);
    await check(page, 'overview', violations);

    // Filters by a GET form (no script needed): only the owner's initiative.
    await page.selectOption('#filter-owner', 'Anne Holm');
    await page.getByRole('button', { name: 'Vis', exact: true }).click();
    await page.waitForURL(/owner=Anne/);
    expect(await page.locator('#initiatives-table').textContent()).toContain('Ét af 2 initiativer');
    await check(page, 'filtered', violations);

    // The English page.
    await page.goto('/admin/organisations/Fjordby%20Kommune/portfolio?asOf=2026-11&lang=en');
    expect(await page.locator('h1').textContent()).toContain('Digital portfolio');
    await check(page, 'overview-en', violations);
    await context.close();

    // An analyst reads the same pages without their forms.
    const reader = await browser.newContext({ baseURL: url, locale: 'da-DK' });
    const analyst = await reader.newPage();
    await analyst.goto('/admin/login');
    await analyst.fill('#email', 'analyst@example.dk');
    await analyst.fill('#password', PASSWORD);
    await analyst.click('button[type=submit]');
    await analyst.waitForURL(/\/admin$/);
    await analyst.goto('/admin/organisations/Fjordby%20Kommune/portfolio?asOf=2026-11');
    expect(await analyst.locator('form[method=post][action$="/settings"]').count()).toBe(0);
    expect(await analyst.locator('section[aria-labelledby=settings] dl').textContent()).toContain('217');
    await check(analyst, 'analyst', violations);
    await analyst.goto('/admin/organisations/Fjordby%20Kommune/portfolio/catalogue');
    expect(await analyst.getByRole('button', { name: /Brug som initiativ/ }).count()).toBe(0);
    await check(analyst, 'analyst-catalogue', violations);
    await reader.close();
    expect(violations).toEqual([]);
  },
);
