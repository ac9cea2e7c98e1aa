/**
 * The report cache (src/api/services/report-cache.ts) on both backends: a page served from it
 * is exactly the page a recomputation without any cache makes — before and after every change
 * the page depends on (a new submission, a new invitation, a plan edit, a target edit, a new
 * release, the language, the day) — and one organisation's entry never answers for another.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sessionPolicy } from '../../src/accounts/policy.ts';
import { startSession } from '../../src/accounts/sessions.ts';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { loadReportInput, loadReportSources } from '../../src/api/services/organisation-report.ts';
import { makeRelease } from '../../src/api/services/releases.ts';
import { builtReport } from '../../src/api/services/report-cache.ts';
import { reportDocument, type PageExtras } from '../../src/api/services/report-page.ts';
import type { Lang } from '../../src/core/instrument/types.ts';
import { REPORT_CSS_PATH } from '../../src/reports/organisation/assets.ts';
import { reportLinks } from '../../src/reports/organisation/html/context.ts';
import { html } from '../../src/reports/organisation/html/escape.ts';
import { renderReportHtml } from '../../src/reports/organisation/html/page.ts';
import { buildOrganisationReport } from '../../src/reports/organisation/model/build.ts';
import {
  createPlanItem,
  inviteRespondent,
  setCompetencyTargets,
  submitResponse,
  updatePlanItem,
  type Database,
  type Organisation,
} from '../../src/storage/index.ts';
import { BACKENDS, createTestTarget, type TestTarget } from '../storage/backends.ts';
import { pagePath, seedReportWorld, type ReportWorld } from '../reports/world.ts';
import { completeAnswers } from './helpers.ts';
import { saveCheckedInitiative } from '../../src/api/services/portfolio.ts';

// Each recomputation draws every chart; on a busy machine that is slow.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

const VIEWERS = [
  { canEdit: true, csrfToken: 'csrf-<&>"token', staffBar: html`<nav class="staff-bar">Staff & co</nav>` },
  { canEdit: false },
  { canEdit: true },
] as const;

for (const backend of BACKENDS) {
  describe(`report cache [${backend}]`, () => {
    let target: TestTarget;
    let db: Database;
    let world: ReportWorld;
    let app: FastifyInstance;
    // One moment for both renders: the page says when it was made.
    let now = new Date('2026-12-02T10:15:00Z');

    beforeAll(async () => {
      target = await createTestTarget(backend);
      db = await openApiDatabase(target.config);
      world = await seedReportWorld(db);
      app = buildApp({ db });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
      await target?.cleanup();
    });

    const scopeOf = (organisation: Organisation = world.mine) => ({
      round: world.rounds.current,
      organisation,
    });

    /** The page with no cache anywhere: load, build, draw, render. */
    async function recomputed(
      lang: Lang,
      viewer: (typeof VIEWERS)[number],
      organisation = world.mine,
      extra: PageExtras = {},
    ) {
      const { round } = scopeOf(organisation);
      const report = buildOrganisationReport(await loadReportInput(db, round, organisation, lang, now));
      return renderReportHtml(report, {
        stylesheet: { href: REPORT_CSS_PATH },
        links: reportLinks(round.name, organisation.name, lang),
        ...viewer,
        ...extra,
      });
    }
    const cached = (
      lang: Lang,
      viewer: (typeof VIEWERS)[number],
      organisation = world.mine,
      extra: PageExtras = {},
    ) => reportDocument(db, scopeOf(organisation), lang, viewer, extra, now);

    /** Cached (twice: the second from the cache) = recomputed. */
    async function expectSame(organisation = world.mine): Promise<Record<Lang, string>> {
      const pages = {} as Record<Lang, string>;
      // Every viewer in Danish, the first in English too (each recomputation draws the charts).
      for (const lang of ['da', 'en'] as const)
        for (const viewer of lang === 'da' ? VIEWERS : VIEWERS.slice(0, 1)) {
          const fresh = await recomputed(lang, viewer, organisation);
          expect(await cached(lang, viewer, organisation)).toBe(fresh);
          expect(await cached(lang, viewer, organisation)).toBe(fresh);
          if (viewer === VIEWERS[0]) pages[lang] = fresh;
        }
      return pages;
    }

    it('serves what a recomputation makes, from the cache, and each language its own', async () => {
      const pages = await expectSame();
      expect(pages.da).not.toBe(pages.en);
      expect(pages.da).toContain('name="_csrf" value="csrf-&lt;&amp;&gt;&quot;token"');
      expect(pages.da).toContain('<nav class="staff-bar">Staff & co</nav>');
      expect(pages.da).not.toContain('pejling-hole');
      // The second read is a hit: the same built report, not a new one.
      const sources = await loadReportSources(db, world.rounds.current, world.mine);
      const a = await builtReport(db, sources, 'da', now);
      expect(await builtReport(db, sources, 'da', now)).toBe(a);
      // A form page (notice, errors) is rendered from the cached model, equal too.
      const extra = { notice: 'Gemt' };
      expect(await cached('da', VIEWERS[0], world.mine, extra)).toBe(
        await recomputed('da', VIEWERS[0], world.mine, extra),
      );
    });

    it('follows a plan edit, a target edit and the day a plan item becomes overdue', async () => {
      const scope = { organisationId: world.mine.id, roundId: world.rounds.current.id };
      await expectSame();
      const item = await createPlanItem(
        db,
        scope,
        { title: 'Cache-prøve', dueDate: '2026-12-02', status: 'planned' },
        't',
      );
      expect((await expectSame()).da).toContain('Cache-prøve');
      await updatePlanItem(db, scope, item.id, { title: 'Cache-prøve 2' }, 't');
      expect((await expectSame()).da).toContain('Cache-prøve 2');
      const before = await cached('da', VIEWERS[1]);
      const report = buildOrganisationReport(
        await loadReportInput(db, world.rounds.current, world.mine, 'da', now),
      );
      const competency = report.profile.rows[0]!.id;
      await setCompetencyTargets(db, scope, [{ competency, target: 4.5 }], 't');
      await expectSame();
      expect(await cached('da', VIEWERS[1])).not.toBe(before);
      // The next day in Copenhagen the item due today is overdue.
      const today = await cached('da', VIEWERS[1]);
      now = new Date('2026-12-03T10:15:00Z');
      await expectSame();
      expect(await cached('da', VIEWERS[1])).not.toBe(today);
    });

    it('follows a new invitation, a new submission and a new release', async () => {
      const round = world.rounds.current;
      const before = await expectSame();
      const { respondent } = await inviteRespondent(db, {
        roundId: round.id,
        organisationId: world.mine.id,
        externalId: 'cache-late',
      });
      const invited = await expectSame();
      expect(invited.da).not.toBe(before.da);
      await submitResponse(db, respondent.id, completeAnswers(5));
      const submitted = await expectSame();
      expect(submitted.da).not.toBe(invited.da);
      await makeRelease(db, round, 'manual');
      const released = await expectSame();
      expect(released.da).not.toBe(submitted.da);
    });

    it('follows a portfolio initiative that covers one of the gaps', async () => {
      const before = await expectSame();
      const report = buildOrganisationReport(
        await loadReportInput(db, world.rounds.current, world.mine, 'da', now),
      );
      const gap = report.portfolio!.rows[0]!;
      await saveCheckedInitiative(
        db,
        world.mine.id,
        {
          organisation: '',
          initiative: 'Cache-initiativ',
          track: 'skal-loesninger',
          owner: 'Anna',
          status: 'i-gang',
          competency: gap.id,
          start: '2026-01',
          investmentDkk: 0,
          runningCostDkkPerYear: 0,
          expectedHoursPerYear: 0,
          expectedDkkPerYear: 0,
          gainsBooked: false,
          budgetYear: null,
        },
        { actor: 't', organisationId: null },
      );
      const after = await expectSame();
      expect(after.da).not.toBe(before.da);
      expect(after.da).toContain('Cache-initiativ');
    });

    it('never serves one organisation’s page for another', async () => {
      const mine = await expectSame(world.mine);
      const other = await expectSame(world.other);
      expect(other.da).not.toBe(mine.da);
      expect(other.da).toContain(world.other.name);
      expect(other.da).not.toContain(`<h1>${world.mine.name}</h1>`);
    });

    it('fills the session’s CSRF token and staff bar into a cached page over HTTP, per request', async () => {
      const pages: string[] = [];
      for (let i = 0; i < 2; i++) {
        const session = await startSession(db, world.leadUserId, sessionPolicy());
        const res = await app.inject({
          url: pagePath('r-2026', world.mine.name),
          headers: { cookie: `pejling_session=${session.id}` },
        });
        expect(res.statusCode).toBe(200);
        expect(res.headers['cache-control']).toBe('private, no-store');
        const forms = res.body.match(/<form method="post"/g)!.length;
        expect(forms).toBeGreaterThan(0);
        expect(res.body.match(new RegExp(`name="_csrf" value="${session.csrfToken}"`, 'g'))).toHaveLength(
          forms,
        );
        expect(res.body).toContain('lead@example.dk');
        expect(res.body).not.toContain('pejling-hole');
        pages.push(res.body);
      }
      expect(pages[0]).not.toBe(pages[1]);
      // The other organisation's lead still gets nothing, cache or not.
      const refused = await app.inject({
        url: pagePath('r-2026', world.mine.name),
        headers: { authorization: `Bearer ${world.tokens.otherLead}` },
      });
      expect(refused.statusCode).toBe(404);
      expect(refused.body).not.toContain(world.mine.name);
    });
  });
}
