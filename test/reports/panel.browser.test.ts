/**
 * The citizen panel's report page in a real browser (Debian's Chromium via playwright-core):
 * the demo's 1,000 weighted citizens beside an it-i-praksis organisation round of the same
 * year, in Danish and English at 360 and 1280 px, checked with axe (WCAG 2.1 AA, empty
 * allow-list) and without sideways scrolling. Screenshots: test-output/screenshots/panel-*.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sessionPolicy } from '../../src/accounts/policy.ts';
import { startSession } from '../../src/accounts/sessions.ts';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { importInstrument, importOrganisations } from '../../src/api/services/import.ts';
import { CHROMIUM_PATH, launchChromium } from '../../src/browser/chromium.ts';
import { PUBLIC_SECTORS } from '../../src/core/panel/combined.ts';
import { generateItIPraksisRound } from '../../src/demo/it-i-praksis.ts';
import { CITIZEN_DEMO, seedCitizenDemo } from '../../src/demo/seed-citizens.ts';
import { createUser, type Database } from '../../src/storage/index.ts';
import { checkAtWidths } from '../accounts/page-checks.ts';

let browser: Browser;
let db: Database;
let dir: string;
let url: string;
let sessionId: string;
let close: () => Promise<unknown>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-panel-ui-'));
  db = await openApiDatabase({ backend: 'sqlite', dataDir: dir });
  await seedCitizenDemo(db);
  const organisations = generateItIPraksisRound(80, 2017).filter((o) =>
    (PUBLIC_SECTORS as readonly string[]).includes(o.sector),
  );
  const { source } = await importInstrument(db, 'itp-2026', 'it-i-praksis');
  await importOrganisations(db, { roundName: 'itp-2026', source, organisations, actor: 'test' });
  const admin = await createUser(db, { email: 'admin@example.dk', role: 'admin' });
  sessionId = (await startSession(db, admin.id, sessionPolicy())).id;
  const app = buildApp({ db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  close = () => app.close();
  browser = await launchChromium(CHROMIUM_PATH);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

it(
  'the citizen panel report has no axe violations, in Danish and English, at 360 and 1280 px',
  { timeout: 180_000 },
  async () => {
    const violations: string[] = [];
    for (const lang of ['da', 'en'] as const) {
      const context = await browser.newContext({ baseURL: url, locale: lang === 'da' ? 'da-DK' : 'en-GB' });
      await context.addCookies([{ name: 'pejling_session', value: sessionId, url }]);
      const page = await context.newPage();
      const q = lang === 'en' ? '?lang=en' : '';
      // from the round page, through its link to the panel's report
      const roundPage = await page.goto(`/admin/rounds/${CITIZEN_DEMO.round}${q}`);
      expect(roundPage?.status()).toBe(200);
      await page.locator('section[aria-labelledby=reports] a[href*="/panel"]').click();
      await page.waitForURL(new RegExp(`/admin/rounds/${CITIZEN_DEMO.round}/panel`));
      // charts with a name and a description, each with the table of the same numbers
      expect(await page.locator('svg[role=img]').count()).toBeGreaterThanOrEqual(4);
      expect(await page.locator('#shares-table tbody tr').count()).toBe(6 * 2 + 4);
      // the combined view found the organisation round of the same year
      expect(await page.locator('#combined-table tbody tr').count()).toBe(3);
      expect(await page.locator('#organisations').inputValue()).toBe('itp-2026');
      await expect
        .poll(() => page.locator('main').textContent())
        .toMatch(lang === 'da' ? /Kishs effektive/ : /Kish's effective/);
      await checkAtWidths(page, `panel-${lang}`, violations);
      // keyboard: the organisation round's form is reachable and submits
      await page.focus('#organisations');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(/organisations=itp-2026/);
      expect(await page.locator('#combined-table').count()).toBe(1);
      await context.close();
    }
    expect(violations).toEqual([]);
  },
);
