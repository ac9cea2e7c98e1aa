/**
 * The organisations page in a real browser: an analyst of the round edits an organisation
 * through the form (a wrong type is refused with the valid codes), reads an attributes file
 * and a comparison-set file, and every state of the page is checked with axe (WCAG 2.1 AA) at
 * 360 and 1280 px, in Danish and English, without sideways scrolling of the page.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/accounts/password.ts';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { roundOrganisations } from '../../src/api/services/organisations.ts';
import { CHROMIUM_PATH as CHROMIUM, launchChromium } from '../../src/browser/chromium.ts';
import {
  assignRoundStaff,
  createUser,
  importRound,
  requireRoundByName,
  setRoundStatus,
  type Database,
} from '../../src/storage/index.ts';
import { dtOffentligSource } from '../api/helpers.ts';
import { checkAtWidths } from './page-checks.ts';
import { HAND_ROUND } from './sector-data.ts';

const PASSWORD = 'a long enough passphrase';

let browser: Browser;
let db: Database;
let dir: string;
let url: string;
let close: () => Promise<unknown>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-organisations-ui-'));
  db = await openApiDatabase({ backend: 'sqlite', dataDir: dir });
  const { ref } = await dtOffentligSource();
  await importRound(db, { roundName: 'demo', instrument: ref, organisations: HAND_ROUND });
  const analyst = await createUser(db, {
    email: 'analyst@example.dk',
    role: 'analyst',
    passwordHash: await hashPassword(PASSWORD),
  });
  await assignRoundStaff(db, (await requireRoundByName(db, 'demo')).id, analyst.id);
  // A closed round: its peer groups are final, the page only lists them.
  await importRound(db, { roundName: 'old', instrument: ref, organisations: HAND_ROUND });
  await setRoundStatus(db, 'old', 'closed');
  await assignRoundStaff(db, (await requireRoundByName(db, 'old')).id, analyst.id);
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

/** The shared page checks, with this file's screenshot names. */
async function checkWidths(page: Page, name: string, violations: string[]): Promise<void> {
  await checkAtWidths(page, `admin-${name}`, violations);
}

it(
  'an analyst edits attributes and reads files on an accessible page, in Danish and English',
  { timeout: 180_000 },
  async () => {
    const violations: string[] = [];
    const attributes = join(dir, 'attributes.csv');
    await writeFile(
      attributes,
      'organisation;org.size;org.region\nK2 Kommune;21000;Sjælland\nK3 Kommune;;\n',
    );
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'organisation,org.type\nK2 Kommune,hospital\n');
    const pairs = join(dir, 'pairs.csv');
    await writeFile(pairs, 'organisation,comparison\nK1 Kommune,K2 Kommune\nK1 Kommune,K3 Kommune\n');

    for (const lang of ['da', 'en'] as const) {
      const context = await browser.newContext({ baseURL: url, locale: lang === 'da' ? 'da-DK' : 'en-GB' });
      const page = await context.newPage();
      const q = lang === 'en' ? '?lang=en' : '';
      await page.goto(`/admin/login${q}`);
      await page.fill('#email', 'analyst@example.dk');
      await page.fill('#password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL(/\/admin(\/rounds\/demo)?(\?lang=en)?$/);

      // From the round page to the organisations page.
      await page.goto(`/admin/rounds/demo${q}`);
      await page.locator('section[aria-labelledby=organisations] a').click();
      await page.waitForURL(/\/admin\/rounds\/demo\/organisations/);
      expect(await page.locator('tbody tr').count()).toBe(4);
      await checkWidths(page, `organisations-${lang}`, violations);

      // The form of one organisation: a type another sector has is refused, naming the valid codes.
      // (the organisation's name links its overview; the edit link is the other one)
      await page.locator('tbody tr', { hasText: 'K1 Kommune' }).locator('a[href*="edit="]').click();
      await page.waitForURL(/edit=K1/);
      await checkWidths(page, `organisations-edit-${lang}`, violations);
      await page.fill('#org-size', 'mange');
      await page.fill('#org-other', 'flis=4');
      await page.locator('section[aria-labelledby=edit] button[type=submit]').click();
      await expect
        .poll(() => page.locator('.problems').textContent())
        .toMatch(
          lang === 'da'
            ? /Størrelse: størrelsen skal være et antal indbyggere/
            : /Size: the size must be a number/,
        );
      await checkWidths(page, `organisations-edit-problem-${lang}`, violations);
      await page.fill('#org-size', lang === 'da' ? '45000' : '55000');
      await page.selectOption('#org-type', 'kommune');
      await page.locator('section[aria-labelledby=edit] button[type=submit]').click();
      await expect
        .poll(() => page.locator('.notice').textContent())
        .toContain(
          lang === 'da' ? 'Egenskaberne for K1 Kommune er gemt' : 'The attributes of K1 Kommune are saved',
        );
      const row = page.locator('tbody tr', { hasText: 'K1 Kommune' });
      expect(await row.textContent()).toContain(
        lang === 'da'
          ? 'Kommuner med 20.000–50.000 indbyggere'
          : 'Municipalities with at least 50,000 inhabitants',
      );

      // A file with a wrong type: nothing is read, the problem names row and column.
      await page.setInputFiles('#file-attributes', bad);
      await page.locator('section[aria-labelledby=upload-attributes] button[type=submit]').click();
      await expect
        .poll(() => page.locator('.problems').textContent())
        .toMatch(
          lang === 'da'
            ? /2 \(org\.type\): typen skal være en af kommune/
            : /2 \(org\.type\): the type must be one of kommune/,
        );
      await checkWidths(page, `organisations-file-problem-${lang}`, violations);
      await page.setInputFiles('#file-attributes', attributes);
      await page.locator('section[aria-labelledby=upload-attributes] button[type=submit]').click();
      await expect.poll(() => page.locator('.notice').textContent()).toMatch(/2/);
      await page.setInputFiles('#file-comparisons', pairs);
      await page.locator('section[aria-labelledby=upload-comparisons] button[type=submit]').click();
      await expect.poll(() => page.locator('.notice').textContent()).toMatch(/1.*2/);
      expect(await page.locator('tbody tr', { hasText: 'K1 Kommune' }).textContent()).toContain(
        'K2 Kommune, K3 Kommune',
      );
      await checkWidths(page, `organisations-files-${lang}`, violations);
      await page.goto(`/admin/rounds/old/organisations${q}`);
      expect(await page.locator('[role=note]').textContent()).toMatch(
        lang === 'da' ? /Runden er lukket/ : /The round is closed/,
      );
      expect(await page.locator('form[enctype]').count()).toBe(0);
      await checkWidths(page, `organisations-closed-${lang}`, violations);
      await context.close();
    }
    const view = await roundOrganisations(db, 'demo');
    expect(view.organisations.find((o) => o.name === 'K1 Kommune')).toMatchObject({
      sizeBand: 'large',
      attributes: { type: 'kommune', size: 55_000, extra: { flis: '4' } },
    });
    expect(view.organisations.find((o) => o.name === 'K2 Kommune')).toMatchObject({
      sizeBand: 'medium',
      attributes: { size: 21_000, region: 'Sjælland' },
    });
    expect(violations).toEqual([]);
  },
);
