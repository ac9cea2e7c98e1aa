/**
 * The organisation report and the portfolio, over HTTP on both backends: the report shows
 * which of the largest gaps a running initiative covers (and says which are not covered), and
 * a plan step becomes a portfolio initiative through a plain form — its lead (or an admin)
 * only, with the session's CSRF token, audited, naming the step's competency or domain.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../../src/accounts/sessions.ts';
import { sessionPolicy } from '../../src/accounts/policy.ts';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { saveCheckedInitiative } from '../../src/api/services/portfolio.ts';
import { roundOpenData } from '../../src/api/services/round-reports.ts';
import { openDataFiles } from '../../src/open-data/files.ts';
import type { Initiative } from '../../src/core/portfolio/types.ts';
import type { OrganisationReport } from '../../src/reports/organisation/model/types.ts';
import {
  createPlanItem,
  listAudit,
  listPlanItems,
  readPortfolio,
  type Database,
} from '../../src/storage/index.ts';
import { BACKENDS, createTestTarget, type TestTarget } from '../storage/backends.ts';
import { apiPath, pagePath, seedReportWorld, type ReportWorld } from '../reports/world.ts';

type Who = keyof ReportWorld['tokens'] | null;

const initiative = (name: string, competency: string, status: Initiative['status']): Initiative => ({
  organisation: '',
  initiative: name,
  track: 'skal-loesninger',
  owner: 'Anna',
  status,
  competency,
  start: '2026-01',
  // Amounts no figure of a round would have, to look for in the open data.
  investmentDkk: 987_654,
  runningCostDkkPerYear: 13_579,
  expectedHoursPerYear: 0,
  expectedDkkPerYear: 123_457,
  gainsBooked: true,
  budgetYear: 2026,
});

for (const backend of BACKENDS) {
  describe(`the report and the portfolio [${backend}]`, () => {
    let target: TestTarget;
    let db: Database;
    let app: FastifyInstance;
    let world: ReportWorld;

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

    const call = (who: Who, options: InjectOptions) =>
      app.inject({
        ...options,
        headers: { ...(who ? { authorization: `Bearer ${world.tokens[who]}` } : {}), ...options.headers },
      });
    const page = () => pagePath('r-2026', world.mine.name);
    const model = async (lang = 'en') =>
      (
        await call('lead', { url: `${apiPath('r-2026', world.mine.name)}/report?lang=${lang}` })
      ).json<OrganisationReport>();
    const form = (body: Record<string, string>) => ({
      payload: new URLSearchParams(body).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const who = { actor: 'admin@example.dk', organisationId: null };

    it('shows the coverage of the largest gaps: covered, only planned, not covered, in words', async () => {
      const before = await model();
      const rows = before.portfolio!.rows;
      expect(rows.length).toBeGreaterThanOrEqual(2);
      // The board's largest domain gaps come first, in its order.
      expect(rows.slice(0, before.summary.board.gaps.length).map((r) => r.id)).toEqual(
        before.summary.board.gaps.map((g) => g.id),
      );
      expect(rows.every((r) => r.coverage === 'uncovered')).toBe(true);
      expect(before.portfolio!.summary).toMatch(/no initiatives yet/);

      const [first, second] = rows;
      await saveCheckedInitiative(db, world.mine.id, initiative('Running one', first!.id, 'i-drift'), who);
      await saveCheckedInitiative(db, world.mine.id, initiative('Only an idea', second!.id, 'ide'), who);
      await saveCheckedInitiative(db, world.mine.id, initiative('Stopped one', second!.id, 'stoppet'), who);
      // Another organisation's initiative covers nothing of ours.
      await saveCheckedInitiative(db, world.other.id, initiative('Theirs', second!.id, 'i-gang'), who);

      const after = (await model()).portfolio!;
      expect(after.rows[0]).toMatchObject({ coverage: 'covered', running: ['Running one'], planned: [] });
      expect(after.rows[1]).toMatchObject({ coverage: 'planned', running: [], planned: ['Only an idea'] });
      expect(after.rows.slice(2).every((r) => r.coverage === 'uncovered')).toBe(true);
      expect(after.summary).toContain(`1 of ${rows.length} gaps are covered by a running initiative.`);
      expect(after.summary).toContain(`Only planned, not yet under way: ${second!.label}.`);

      const html = (await call('lead', { url: `${page()}?lang=da` })).body;
      expect(html).toContain('id="portfolio-h"');
      expect(html).toContain('Porteføljens dækning af de største gab');
      expect(html).toMatch(new RegExp(`data-gap="[a-z]+:${first!.id}" data-coverage="covered"`));
      expect(html).toContain('Dækket');
      expect(html).toContain('Kun planlagt');
      expect(html).not.toContain('Theirs');
    });

    it('turns a plan step into an initiative naming its competency, audited, and says so', async () => {
      const made = await call('lead', {
        method: 'POST',
        url: `${apiPath('r-2026', world.mine.name)}/plan`,
        payload: { title: 'Digitale nøgler', owner: 'Bo', adviceKey: 'competency:leadership' },
      });
      expect(made.statusCode).toBe(201);
      const step = made.json<{ id: number }>();
      const html = (await call('lead', { url: `${page()}?lang=en` })).body;
      expect(html).toContain(`action="${page()}/plan/${step.id}/portfolio?lang=en"`);

      // Bad input comes back on the page with the field named; nothing is made.
      const bad = await call('lead', {
        method: 'POST',
        url: `${page()}/plan/${step.id}/portfolio?lang=en`,
        ...form({ form: `plan-${step.id}-portfolio`, track: 'nope', start: '2027-13' }),
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain(`href="#plan-${step.id}-portfolio-track"`);
      expect(bad.body).toContain(`href="#plan-${step.id}-portfolio-start"`);
      expect(bad.body).toContain('value="2027-13"');
      expect((await readPortfolio(db, world.mine.id)).initiatives.map((i) => i.initiative)).not.toContain(
        'Digitale nøgler',
      );

      // Another organisation's lead and an analyst may not.
      const body = { form: `plan-${step.id}-portfolio`, track: 'forudsaetninger', start: '2027-01' };
      for (const w of ['otherLead', 'roundAnalyst'] as const) {
        const refused = await call(w, {
          method: 'POST',
          url: `${page()}/plan/${step.id}/portfolio`,
          ...form(body),
        });
        expect([403, 404]).toContain(refused.statusCode);
      }

      const good = await call('lead', {
        method: 'POST',
        url: `${page()}/plan/${step.id}/portfolio?lang=en`,
        ...form(body),
      });
      expect(good.statusCode).toBe(303);
      expect(good.headers.location).toBe(`${page()}?lang=en&done=plan-initiative#plan`);
      const saved = (await readPortfolio(db, world.mine.id)).initiatives.find(
        (i) => i.initiative === 'Digitale nøgler',
      );
      expect(saved).toMatchObject({
        track: 'forudsaetninger',
        owner: 'Bo',
        status: 'ide',
        competency: 'leadership',
        start: '2027-01',
        expectedDkkPerYear: 0,
        gainsBooked: false,
      });
      const audit = await listAudit(db, { subject: `organisation:${world.mine.id}` });
      expect(
        audit.find(
          (a) =>
            a.action === 'portfolio.initiative-create' &&
            (a.details as { planItem?: number } | null)?.planItem === step.id,
        ),
      ).toMatchObject({
        actor: 'lead@example.dk',
      });
      const back = (await call('lead', { url: `${page()}?lang=en&done=plan-initiative` })).body;
      expect(back).toContain('The initiative is in the portfolio with status idea.');
      expect(back).toContain('data-in-portfolio="true"');
      // Once in the portfolio, the step offers it no more; a second post is refused in words.
      expect(back).not.toContain(`/plan/${step.id}/portfolio?`);
      const twice = await call('lead', {
        method: 'POST',
        url: `${page()}/plan/${step.id}/portfolio?lang=en`,
        ...form(body),
      });
      expect(twice.statusCode).toBe(422);
      expect(twice.body).toContain('the portfolio already has an initiative called');
      expect(
        await listPlanItems(db, { organisationId: world.mine.id, roundId: world.rounds.current.id }),
      ).toHaveLength(1);
    });

    it('never puts the portfolio in the open data: no amount, no initiative, no portfolio column', async () => {
      // The open data set is written from a release (src/open-data/build.ts), which holds only
      // figures of the instrument's answers; the portfolio is not an instrument. This checks it
      // with portfolios in the database that carry unmistakable amounts and names.
      expect((await readPortfolio(db, world.mine.id)).initiatives.length).toBeGreaterThan(0);
      const data = await roundOpenData(db, world.rounds.current);
      const files = openDataFiles(data);
      expect(files.length).toBeGreaterThan(1);
      const text = files.map((f) => `${f.name}\n${f.content}`).join('\n');
      for (const amount of ['987654', '987 654', '987.654', '123457', '123 457', '13579', '13 579'])
        expect(text).not.toContain(amount);
      for (const word of [
        'Running one',
        'Only an idea',
        'Theirs',
        'Digitale nøgler',
        'investment',
        'dkk',
        'realis',
        'gains_booked',
        'skal-loesninger',
        'forudsaetninger',
      ])
        expect(text.toLowerCase()).not.toContain(word.toLowerCase());
      // And nothing in the open-data code reads the portfolio (dt-offentlig's item about the
      // *task* portfolio, why.impact.portfolio, is data, not code).
      const sources = await Promise.all(
        (await readdir('src/open-data')).map((f) => readFile(join('src/open-data', f), 'utf8')),
      );
      expect(sources.join('\n')).not.toMatch(/portfolio/i);
    });

    it('refuses a step of a closed round: its plan is a record', async () => {
      const previous = { organisationId: world.mine.id, roundId: world.rounds.previous.id };
      const step = await createPlanItem(db, previous, { title: 'Gammelt skridt' }, 'admin@example.dk');
      const closed = await call('lead', {
        method: 'POST',
        url: `${pagePath(world.rounds.previous.name, world.mine.name)}/plan/${step.id}/portfolio?lang=en`,
        ...form({ track: 'forudsaetninger', start: '2027-01' }),
      });
      expect(closed.statusCode).toBe(409);
      expect((await readPortfolio(db, world.mine.id)).initiatives.map((i) => i.initiative)).not.toContain(
        'Gammelt skridt',
      );
    });

    it('needs the session’s CSRF token', async () => {
      const session = await startSession(db, world.leadUserId, sessionPolicy());
      const cookie = { cookie: `pejling_session=${session.id}` };
      const [step] = await listPlanItems(db, {
        organisationId: world.mine.id,
        roundId: world.rounds.current.id,
      });
      const body = { track: 'forudsaetninger', start: '2027-01' };
      const forged = await app.inject({
        method: 'POST',
        url: `${page()}/plan/${step!.id}/portfolio`,
        ...form(body),
        headers: { ...form(body).headers, ...cookie },
      });
      expect(forged.statusCode).toBe(403);
    });
  });
}
