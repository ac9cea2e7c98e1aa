/**
 * The organisation report in a real browser, on the real demo data: WCAG 2.1 AA with axe in
 * Danish and English at phone and desktop width, the forms without JavaScript, and the PDF
 * printed by Debian's Chromium (text, Danish letters, page frame, speed). Screenshots and the
 * PDF's first pages go to test-output/report/ for a person to look at.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { createApiToken } from '../../src/api/data/api-tokens.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { DEMO_ORGANISATION, seedDemoPlans } from '../../src/demo/seed-plans.ts';
import { DEMO_ROUNDS, seedDemo } from '../../src/demo/seed.ts';
import { PdfPrinter } from '../../src/reports/organisation/pdf.ts';
import { CHROMIUM_PATH, launchChromium } from '../../src/browser/chromium.ts';
import {
  createUser,
  getOrganisationByName,
  listRoundOrganisations,
  getRoundByName,
  type Database,
} from '../../src/storage/index.ts';
import { checkAtWidths, WCAG_TAGS } from '../accounts/page-checks.ts';
import { pagePath } from './world.ts';

const run = promisify(execFile);
const OUT = join(process.cwd(), 'test-output', 'report');

let dir: string;
let db: Database;
let app: FastifyInstance;
let url: string;
let browser: Browser;
let tokens: { admin: string; lead: string };
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-report-'));
  db = await openApiDatabase({ backend: 'sqlite', dataDir: dir });
  await seedDemo(db);
  await seedDemoPlans(db);
  const org = (await getOrganisationByName(db, DEMO_ORGANISATION))!;
  await createUser(db, { email: 'lead@askeby.dk', role: 'org_lead', organisationId: org.id });
  tokens = {
    admin: (await createApiToken(db, { email: 'admin@example.dk', role: 'admin' })).token,
    lead: (await createApiToken(db, { email: 'lead@askeby.dk', role: 'org_lead' })).token,
  };
  app = buildApp({ db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchChromium(CHROMIUM_PATH);
  await mkdir(OUT, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
  // No page threw, and the Content-Security-Policy blocked nothing.
  expect(pageErrors).toEqual([]);
});

async function open(
  token: string,
  options: { width?: number; javaScript?: boolean; lang?: 'da' | 'en' } = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: url,
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: options.lang === 'en' ? 'en-GB' : 'da-DK',
    javaScriptEnabled: options.javaScript ?? true,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  page.on('console', (m) => {
    // A rejected form comes back as a 422 page on purpose; Chromium logs every 4xx.
    if (m.type() === 'error' && !/status of 422/.test(m.text()))
      pageErrors.push(`${page.url()}: ${m.text()}`);
  });
  return page;
}

const reportPath = (org = DEMO_ORGANISATION) => pagePath(DEMO_ROUNDS.current, org);

/**
 * In the page: what in one section does not fit the screen. The page must not scroll
 * sideways; every drawn chart lies within the screen; chart text, scaled as drawn, is at
 * least 11 px. Returns the problems in words.
 */
const WALK_SECTION = `(id) => {
  const problems = [];
  const width = window.innerWidth;
  const scroll = document.scrollingElement.scrollWidth;
  if (scroll > width) problems.push('page scrolls sideways: ' + scroll + ' > ' + width);
  for (const svg of document.getElementById(id).querySelectorAll('figure.chart svg')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) continue;
    if (box.left < 0 || box.right > width) problems.push('chart ' + svg.getAttribute('aria-labelledby') + ' spans ' + box.left + '..' + box.right);
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) {
      const px = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (text.textContent.trim() !== '' && px < 11) problems.push('text "' + text.textContent + '" at ' + px.toFixed(1) + ' px');
    }
  }
  return problems;
}`;

describe('the organisation report in the browser', () => {
  it(
    'passes axe (WCAG 2.1 AA) in Danish and English at 360 and 1280 px, without sideways scrolling',
    { timeout: 300_000 },
    async () => {
      // One browser context per language, side by side (axe's contrast check is the slow part).
      const violations = await Promise.all(
        (['da', 'en'] as const).map(async (lang) => {
          const found: string[] = [];
          const page = await open(tokens.lead, { lang });
          await page.goto(`${reportPath()}?lang=${lang}`);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          await checkAtWidths(page, `report-${lang}`, found);
          // The page that asks before a plan item is deleted.
          await page.locator('#plan details.plan-item-edit summary').first().click();
          await page.locator('#plan details.plan-item-edit[open] .delete-form button').click();
          await page.waitForSelector('.confirm[role="alert"]');
          await checkAtWidths(page, `report-${lang}-confirm-delete`, found);
          // Last year's report: a closed round, its plan read-only.
          await page.goto(`${pagePath(DEMO_ROUNDS.previous, DEMO_ORGANISATION)}?lang=${lang}`);
          await checkAtWidths(page, `report-${lang}-closed-round`, found);
          await page.context().close();
          return found;
        }),
      );
      expect(violations.flat()).toEqual([]);
    },
  );

  it(
    'fits a 360 px phone section by section: no sideways scroll, charts within the screen, text ≥ 11 px',
    { timeout: 60_000 },
    async () => {
      for (const lang of ['da', 'en'] as const) {
        const page = await open(tokens.lead, { lang, width: 360 });
        await page.goto(`${reportPath()}?lang=${lang}`);
        const sections = await page.locator('section.report-section').evaluateAll((s) => s.map((e) => e.id));
        expect(sections.length).toBeGreaterThan(8);
        const problems: string[] = [];
        for (const id of sections) {
          await page.locator(`#${id}`).scrollIntoViewIfNeeded();
          const found = (await page.evaluate(`(${WALK_SECTION})(${JSON.stringify(id)})`)) as string[];
          problems.push(...found.map((p) => `${lang} #${id}: ${p}`));
        }
        expect(problems).toEqual([]);
        // Every chart was seen: each visible drawing is the phone's.
        const visible = (await page.evaluate(
          `[...document.querySelectorAll('figure.chart svg')].filter((s) => s.getBoundingClientRect().width > 0).map((s) => s.closest('.chart-variant').className)`,
        )) as string[];
        expect(visible.length).toBe(await page.locator('figure.chart').count());
        expect(visible.every((c) => c.includes('chart-narrow'))).toBe(true);
        await page.context().close();
      }
    },
  );

  it('shows the demo organisation’s full report: trend, last year’s targets, its plan', async () => {
    const page = await open(tokens.lead);
    await page.goto(reportPath());
    expect(await page.locator('#trend table').count()).toBe(3);
    // Each chart drawn twice, for a desktop and for a phone; the stylesheet shows one.
    expect(await page.locator('#trend figure.chart').count()).toBe(2);
    expect(await page.locator('#trend figure svg[role="img"]').count()).toBe(4);
    expect(await page.locator('#trend figure svg[role="img"]:visible').count()).toBe(2);
    expect(await page.locator('#targets-previous tbody tr').count()).toBe(3);
    expect(await page.locator('#plan-table tbody tr').count()).toBe(3);
    // Every chart has a data table after it.
    const charts = await page.locator('section:not(#comparisons) figure.chart').count();
    expect(charts).toBe(7);
    // The leaders' comparison: a dot plot and a table for each of its parts.
    const parts = await page.locator('#comparisons h4').count();
    expect(await page.locator('#comparisons figure.chart').count()).toBe(parts);
    expect(await page.locator('#comparisons table.divergence').count()).toBe(parts);
    await page.context().close();
  });

  it('edits the plan and the targets with plain forms, JavaScript off', { timeout: 30_000 }, async () => {
    const page = await open(tokens.lead, { javaScript: false });
    await page.goto(reportPath());
    await page.fill('#plan-new-title', 'Temadag om data for direktionen');
    await page.fill('#plan-new-owner', 'Økonomichefen');
    await page.selectOption('#plan-new-adviceKey', { index: 1 });
    await page.click('#plan form[aria-labelledby="plan-new-h"] button[type="submit"]');
    expect(page.url()).toContain('done=plan-saved');
    expect(await page.locator('#plan-table tbody tr').count()).toBe(4);
    expect(await page.locator('#plan-table').innerText()).toContain('Økonomichefen');
    expect(await page.locator('p.notice[role="status"]').innerText()).toBe('Handlingsplanen er gemt.');

    // Typed the Danish way, with a decimal comma: 3,6 is 3.6.
    await page.fill('#target-data', '3,6');
    await page.click('.targets-form button[type="submit"]');
    expect(page.url()).toContain('done=targets-saved');
    const row = page.locator('#targets-table tr', { hasText: 'Dataadgang' });
    expect(await row.innerText()).toContain('3,6');
    await page.context().close();
  });

  it(
    'asks before deleting a plan item, JavaScript off; "no" keeps it, "yes" deletes it',
    { timeout: 30_000 },
    async () => {
      const page = await open(tokens.lead, { javaScript: false });
      await page.goto(reportPath());
      const rows = await page.locator('#plan-table tbody tr').count();
      const title = (await page.locator('#plan-table tbody tr th').first().innerText()).trim();
      const ask = async () => {
        await page.locator('#plan details.plan-item-edit summary').first().click();
        await page.locator('#plan details.plan-item-edit[open] .delete-form button').click();
        const box = page.locator('.confirm[role="alert"]');
        expect(await box.locator('h2').innerText()).toBe(`Slet »${title}«?`);
        return box;
      };
      // Asked, and nothing is deleted yet.
      await (await ask()).locator('a', { hasText: 'Nej, behold den' }).click();
      expect(await page.locator('#plan-table tbody tr').count()).toBe(rows);
      await (await ask()).locator('button', { hasText: 'Ja, slet handlingen' }).click();
      expect(page.url()).toContain('done=plan-deleted');
      expect(await page.locator('#plan-table tbody tr').count()).toBe(rows - 1);
      expect(await page.locator('#plan-table').innerText()).not.toContain(title);
      await page.context().close();
    },
  );

  it('brings a rejected form back with its errors, accessibly', { timeout: 30_000 }, async () => {
    const page = await open(tokens.lead);
    await page.goto(reportPath());
    // Past the browser's own checks, to see the server's answer to what they would have stopped.
    await page.evaluate('document.querySelectorAll("form").forEach((f) => { f.noValidate = true; })');
    await page.fill('#plan-new-title', ' ');
    await page.fill('#plan-new-dueDate', '2026-12-24');
    // Typing stops at maxlength; a script (or a hand-made request) does not.
    await page.evaluate(`document.getElementById('plan-new-owner').value = '${'x'.repeat(130)}'`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('#plan form[aria-labelledby="plan-new-h"] button[type="submit"]'),
    ]);
    expect(response.status()).toBe(422);
    const summary = page.locator('.error-summary[role="alert"]');
    expect(await summary.locator('li').allInnerTexts()).toEqual([
      'Skriv hvad der skal gøres.',
      'Højst 120 tegn.',
    ]);
    await summary.locator('a').first().click();
    expect(await page.evaluate('document.activeElement.id')).toBe('plan-new-title');
    expect(await page.inputValue('#plan-new-dueDate')).toBe('2026-12-24');
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    await page.screenshot({ path: join(OUT, 'report-da-form-errors.png') });
    await page.context().close();
  });

  it(
    'prints a real A4 PDF with the organisation, stage and advice, Danish letters intact, quickly',
    { timeout: 30_000 },
    async () => {
      const round = (await getRoundByName(db, DEMO_ROUNDS.current))!;
      // An organisation whose very name needs the Danish letters.
      const org = (await listRoundOrganisations(db, round.id)).find((o) => /[æøåÆØÅ]/.test(o.name))!;
      const model = (
        await app.inject({
          url: `/api/rounds/${DEMO_ROUNDS.current}/organisations/${encodeURIComponent(org.name)}/report`,
          headers: { authorization: `Bearer ${tokens.admin}` },
        })
      ).json();
      const fetchPdf = async (lang: 'da' | 'en') => {
        const started = performance.now();
        const res = await fetch(`${url}${reportPath(org.name)}/report.pdf?lang=${lang}`, {
          headers: { authorization: `Bearer ${tokens.admin}` },
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/pdf');
        return { bytes: Buffer.from(await res.arrayBuffer()), ms: performance.now() - started };
      };
      const cold = await fetchPdf('da');
      const warm = await fetchPdf('da');
      const file = join(OUT, 'report-da.pdf');
      await writeFile(file, warm.bytes);
      const info = (await run('pdfinfo', [file])).stdout;
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(info).toMatch(/Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
      expect(info).toMatch(/Tagged:\s+yes/);

      const text = (await run('pdftotext', ['-layout', file, '-'])).stdout;
      expect(text).toContain(org.name);
      expect(text).toContain(model.summary.stage.label);
      expect(text).toContain('Sammenfatning');
      for (const a of model.advice) expect(text).toContain(a.label);
      for (const word of [
        'Råd',
        'Effektområder',
        'Udvikling',
        'Sammenligning med andre',
        'Mål for næste runde',
      ])
        expect(text).toContain(word);
      if (model.advice.some((a: { recommendations: unknown[] }) => a.recommendations.length > 0))
        expect(text).toContain('Næste skridt:');
      // The page frame: the organisation and the round on every page, and page numbers.
      const perPage = text.split('\f').filter((p) => p.trim() !== '');
      expect(perPage).toHaveLength(pages);
      perPage.forEach((p, i) => {
        expect(p).toContain(org.name);
        expect(p).toContain(model.round.title);
        expect(p).toContain(`Side ${i + 1} af ${pages}`);
      });
      // Forms and navigation are for the screen only.
      expect(text).not.toMatch(/Føj til handlingsplanen|Gem mål|Spring til indholdet/);

      const english = await fetchPdf('en');
      const enFile = join(OUT, 'report-en.pdf');
      await writeFile(enFile, english.bytes);
      const enText = (await run('pdftotext', [enFile, '-'])).stdout;
      expect(enText).toContain('Page 1 of');
      expect(enText).toContain('Competency profile');

      await run('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '4', file, join(OUT, 'pdf-da-page')]);
      const msPerPage = warm.ms / pages;
      await writeFile(
        join(OUT, 'pdf-timing.txt'),
        `pages ${pages}; cold ${cold.ms.toFixed(0)} ms; warm ${warm.ms.toFixed(0)} ms (${msPerPage.toFixed(0)} ms/page)\n`,
      );
      // A warm browser prints well under half a second a page (the whole request: data, charts, print).
      expect(msPerPage).toBeLessThan(500);
    },
  );

  it(
    'turns a plan step into a portfolio initiative by keyboard with a plain form, passing axe',
    { timeout: 400_000 },
    async () => {
      const found: string[] = [];
      // axe runs as a script, so the browser has JavaScript; the page has none (plain forms).
      const page = await open(tokens.lead, { lang: 'da' });
      // A step that never comes should fail here with its name, not time the whole test out.
      page.setDefaultTimeout(20_000);
      await page.goto(`${reportPath()}?lang=da`);
      await expect(page.locator('script').count()).resolves.toBe(0);
      // The portfolio's coverage of the largest gaps is a section with its table.
      await expect(page.locator('#portfolio table caption').textContent()).resolves.toContain(
        'Porteføljens dækning',
      );
      const details = page.locator('#plan details.plan-item-edit').first();
      await details.locator('summary').focus();
      await page.keyboard.press('Enter');
      const form = details.locator('form.to-portfolio');
      await form.locator('input[name="start"]').fill('2027-13');
      // Fits the field's pattern (four digits, two digits) but is no month: the server says so.
      await form.locator('button[type="submit"]').focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector('.error-summary[role="alert"]');
      // The error links to its field, which is open and says what is wrong.
      await page.locator('.error-summary a').first().click();
      const start = page.locator('details[open] form.to-portfolio input[name="start"]');
      await expect(start.getAttribute('aria-invalid')).resolves.toBe('true');
      await checkAtWidths(page, 'report-da-to-portfolio-error', found);
      await start.fill('2027-01');
      await page
        .locator('details[open] form.to-portfolio select[name="track"]')
        .selectOption('forudsaetninger');
      await page.locator('details[open] form.to-portfolio button[type="submit"]').focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector('.notice[role="status"]');
      await expect(page.locator('.notice[role="status"]').textContent()).resolves.toContain(
        'Initiativet er oprettet i porteføljen',
      );
      await expect(page.locator('[data-in-portfolio="true"]').count()).resolves.toBe(1);
      await page.context().close();
      expect(found).toEqual([]);
    },
  );

  it('launches the PDF browser only when asked, reuses it, and closes it', { timeout: 30_000 }, async () => {
    const printer = new PdfPrinter({ concurrency: 2 });
    expect(printer.warm).toBe(false);
    const page = (n: number) =>
      `<!doctype html><html lang="da"><title>t</title><p>Side ${n}: æøå ÆØÅ</p></html>`;
    const frame = {
      headerLeft: 'Ærø <Kommune>',
      headerRight: '2026',
      footerLeft: 'Pejling',
      pageOf: 'Side {page} af {pages}',
    };
    const pdfs = await Promise.all([1, 2, 3].map((n) => printer.print(page(n), frame)));
    expect(printer.warm).toBe(true);
    for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(OUT, 'printer-check.pdf');
    await writeFile(file, pdfs[2]!);
    const text = (await run('pdftotext', [file, '-'])).stdout;
    expect(text).toContain('Side 3: æøå ÆØÅ');
    expect(text).toContain('Ærø <Kommune>');
    expect(text).toContain('Side 1 af 1');
    await printer.close();
    expect(printer.warm).toBe(false);
    await expect(printer.print(page(4), frame)).rejects.toThrow(/closed/);
  });
});
