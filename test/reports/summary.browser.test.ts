/**
 * The board summary on the demo data, on both databases: the response rate is the
 * organisation's own invitees (answered of invited, counted here straight from the tables),
 * the summary passes axe at 360 and 1280 px in real Chromium, and the PDF's page 1 holds all of
 * it (stage, index, response rate, change). Screenshots of the web summary and of the PDF's
 * page 1 go to test-output/summary/ for a person to look at.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { organisationReport } from '../../src/api/services/organisation-report.ts';
import { CHROMIUM_PATH, launchChromium } from '../../src/browser/chromium.ts';
import { DEMO_ORGANISATION, seedDemoPlans } from '../../src/demo/seed-plans.ts';
import { DEMO_ROUNDS, seedDemo } from '../../src/demo/seed.ts';
import { reportStylesheet } from '../../src/reports/organisation/assets.ts';
import { renderReportHtml } from '../../src/reports/organisation/html/page.ts';
import { PdfPrinter } from '../../src/reports/organisation/pdf.ts';
import { reportPdf } from '../../src/reports/organisation/print.ts';
import { getOrganisationByName, getRoundByName } from '../../src/storage/index.ts';
import { WCAG_TAGS } from '../accounts/page-checks.ts';
import { describeEachBackend } from '../storage/backends.ts';

const run = promisify(execFile);
const OUT = join(process.cwd(), 'test-output', 'summary');

let browser: Browser;
let printer: PdfPrinter;
beforeAll(async () => {
  browser = await launchChromium(CHROMIUM_PATH);
  printer = new PdfPrinter();
  await mkdir(OUT, { recursive: true });
}, 60_000);
afterAll(async () => {
  await printer?.close();
  await browser?.close();
});

describeEachBackend('the board summary', (getDb, { backend }) => {
  it(
    'counts answered of invited, passes axe at 360 and 1280 px, and fills the PDF’s page 1',
    { timeout: 120_000 },
    async () => {
      const db = getDb();
      const t0 = Date.now();
      const log = (what: string) => process.stderr.write(`${what} ${Date.now() - t0} ms\n`);
      await seedDemo(db);
      log('seed');
      await seedDemoPlans(db);
      const round = (await getRoundByName(db, DEMO_ROUNDS.current))!;
      const org = (await getOrganisationByName(db, DEMO_ORGANISATION))!;

      // Independently of the service: the organisation's respondent records, and those with a current submission.
      const invited = await db.kysely
        .selectFrom('respondents')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('round_id', '=', round.id)
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      const answered = await db.kysely
        .selectFrom('respondents as r')
        .innerJoin('submissions as s', 's.respondent_id', 'r.id')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('r.round_id', '=', round.id)
        .where('r.organisation_id', '=', org.id)
        .where('s.superseded_at', 'is', null)
        .executeTakeFirstOrThrow();

      const report = await organisationReport(db, round, org, 'da');
      log('report');
      const b = report.summary.board;
      expect(b.response).toEqual({
        answered: Number(answered.n),
        invited: Number(invited.n),
        rate: Number(answered.n) / Number(invited.n),
      });
      expect(Number(invited.n)).toBeGreaterThan(0);
      expect(b.change).not.toBeNull();
      expect(b.actions.source).toBe('plan');

      const html = renderReportHtml(report, {
        stylesheet: { inline: (await reportStylesheet()).text },
        links: null,
        canEdit: false,
      });
      // The page has no scripts of its own; axe needs JavaScript to run.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      log('page');
      const violations: string[] = [];
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const results = await new AxeBuilder({ page }).include('#summary').withTags(WCAG_TAGS).analyze();
        for (const v of results.violations)
          violations.push(`${width}: ${v.id} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        const summary = page.locator('#summary');
        const box = (await summary.boundingBox())!;
        expect(box.width).toBeLessThanOrEqual(width);
        await summary.screenshot({ path: join(OUT, `summary-${backend}-${width}.png`) });
      }
      expect(violations).toEqual([]);
      expect(await page.locator('#summary-change tbody tr').count()).toBe(1 + report.profile.rows.length);
      await context.close();

      log('axe');
      const file = join(OUT, `summary-${backend}.pdf`);
      await writeFile(file, await reportPdf(printer, report));
      await run('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-f',
        '1',
        '-l',
        '1',
        file,
        join(OUT, `pdf-${backend}-page`),
      ]);
      const page1 = (await run('pdftotext', ['-f', '1', '-l', '1', file, '-'])).stdout;
      const flat = page1.replace(/\s+/g, ' ');
      expect(flat).toContain(report.summary.stage!.label);
      expect(flat).toContain(report.summary.indexLabel);
      const index = new Intl.NumberFormat('da-DK', {
        minimumFractionDigits: report.summary.indexDecimals,
        maximumFractionDigits: report.summary.indexDecimals,
      }).format(report.summary.index!);
      expect(flat).toContain(index);
      expect(flat).toContain(`Svarprocent: ${b.response!.answered} af ${b.response!.invited} inviterede`);
      // Page 1 is full: the gaps, the next steps and the change with its intervals too.
      expect(flat).toContain('De tre største huller');
      // Two columns: pdftotext may break a title's line; its start is on one line.
      expect(flat).toContain(b.actions.items[0]!.title.slice(0, 25));
      expect(flat).toContain(`Udvikling siden ${b.change!.round}`);
      expect(flat).toContain(b.change!.note);
      expect(flat).toContain('Smidige beslutningsprocesser');
      // The rest of the summary follows on page 2, before the profile (which starts page 3).
      const page2 = (await run('pdftotext', ['-f', '2', '-l', '2', file, '-'])).stdout;
      expect(page2.replace(/\s+/g, ' ')).toContain('Hvad jeres ledere sagde');
      const page3 = (await run('pdftotext', ['-f', '3', '-l', '3', file, '-'])).stdout;
      expect(page3).toContain('Kompetenceprofil');
    },
  );
});
