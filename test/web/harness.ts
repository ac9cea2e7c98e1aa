/**
 * Browser tests' world: the real app (API + built survey) listening on 127.0.0.1 on an
 * embedded database in a temp dir, a dt-offentlig round with invitations, and one headless
 * Debian Chromium driven by playwright-core (never a downloaded browser).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { loadBuiltinInstrumentSource } from '../../src/instruments/registry.ts';
import {
  createRound,
  ensureOrganisation,
  getCurrentSubmission,
  getDraft,
  inviteRespondent,
  storeInstrumentVersion,
  type Database,
  type Round,
} from '../../src/storage/index.ts';
import { ensureWebBuild } from '../../src/web-server/build.ts';
import { webServer } from '../../src/web-server/index.ts';

export { CHROMIUM_PATH as CHROMIUM } from '../../src/browser/chromium.ts';
import { CHROMIUM_PATH as CHROMIUM, launchChromium } from '../../src/browser/chromium.ts';
/** The survey's screenshots, fresh each run (other suites write beside it in test-output/screenshots). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots', 'survey');

export interface World {
  readonly url: string;
  readonly db: Database;
  readonly app: FastifyInstance;
  readonly round: Round;
  readonly browser: Browser;
  /** Uncaught page errors and console errors (CSP violations among them) of every page. */
  readonly pageErrors: string[];
  /** A new respondent in the open round (their own draft and submission), with the file's role. */
  invite(options?: { role?: string }): Promise<{ token: string; respondentId: number }>;
  /** A respondent whose round is closed. */
  closedInvitation(): Promise<string>;
  draftOf(respondentId: number): ReturnType<typeof getDraft>;
  submissionOf(respondentId: number): ReturnType<typeof getCurrentSubmission>;
  newPage(options?: { width?: number; lang?: 'da' | 'en'; context?: BrowserContext }): Promise<Page>;
  close(): Promise<void>;
}

/** The world of one built-in instrument's round (dt-offentlig by default). */
export async function startWorld(instrumentId = 'dt-offentlig'): Promise<World> {
  await ensureWebBuild();
  const dataDir = await mkdtemp(join(tmpdir(), 'pejling-web-'));
  const db = await openApiDatabase({ backend: 'sqlite', dataDir });
  const { instrument, text } = await loadBuiltinInstrumentSource(instrumentId);
  await storeInstrumentVersion(db, { id: instrument.id, version: instrument.version, definitionText: text });
  const ref = { id: instrument.id, version: instrument.version };
  const closesAt = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  closesAt.setUTCHours(15, 0, 0, 0);
  const round = await createRound(db, {
    name: 'test-2026',
    title: { da: 'Digital modenhed 2026', en: 'Digital maturity 2026' },
    instrument: ref,
    status: 'open',
    closesAt,
    intro: {
      da: 'Runden gennemføres af Digitaliseringsenheden i samarbejde med KL.',
      en: 'The round is run by the Digitalisation Unit together with KL.',
    },
    organiser: 'Digitaliseringsenheden',
  });
  const closedRound = await createRound(db, { name: 'test-2025', instrument: ref, status: 'closed' });
  const organisation = await ensureOrganisation(db, { name: 'Askeby Kommune', sector: 'kommune' });

  // buildApp has the production rate limits: a whole test run from one address must stay under them.
  const app = buildApp({ db });
  await app.register(webServer, { db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const browser = await launchChromium(CHROMIUM);
  // Another instrument's world (its own test file) keeps its screenshots apart.
  const shots = instrumentId === 'dt-offentlig' ? SCREENSHOT_DIR : `${SCREENSHOT_DIR}-${instrumentId}`;
  await rm(shots, { recursive: true, force: true });
  await mkdir(shots, { recursive: true });

  let n = 0;
  const pageErrors: string[] = [];
  return {
    url,
    db,
    app,
    round,
    browser,
    pageErrors,
    async invite(options = {}) {
      const { token, respondent } = await inviteRespondent(db, {
        roundId: round.id,
        organisationId: organisation.id,
        externalId: `web-${++n}`,
        role: options.role ?? null,
      });
      return { token, respondentId: respondent.id };
    },
    async closedInvitation() {
      const { token } = await inviteRespondent(db, {
        roundId: closedRound.id,
        organisationId: organisation.id,
      });
      return token;
    },
    draftOf: (id) => getDraft(db, id),
    submissionOf: (id) => getCurrentSubmission(db, id),
    async newPage(options = {}) {
      const context =
        options.context ??
        (await browser.newContext({
          viewport: { width: options.width ?? 1280, height: 900 },
          locale: options.lang === 'en' ? 'en-GB' : 'da-DK',
          reducedMotion: 'reduce',
          baseURL: url,
        }));
      const page = await context.newPage();
      page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
      page.on('console', (message) => {
        // Failed requests while the test cuts the network are expected; anything else is not.
        if (
          message.type() === 'error' &&
          !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(message.text())
        )
          pageErrors.push(`${page.url()}: ${message.text()}`);
      });
      return page;
    },
    async close() {
      await browser.close();
      await app.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the survey says everything is saved. */
export async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-save-state="saved"]').waitFor({ timeout: 10_000 });
}
