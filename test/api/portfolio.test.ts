/**
 * The portfolio API on both backends: a lead changes only their own organisation's portfolio
 * (another's is "not found"), an analyst reads but cannot change, bad input is a 422 with row
 * and column and changes nothing, and every change is audited.
 */
import { expect, it } from 'vitest';
import { listAudit } from '../../src/storage/index.ts';
import { startWorld } from '../accounts/helpers.ts';
import { describeEachBackend } from '../storage/backends.ts';

const initiative = {
  initiative: 'Skærmbesøg',
  track: 'skal-loesninger',
  owner: 'Anne',
  status: 'i-drift',
  competency: 'methods',
  start: '2026-01',
  investmentDkk: 300000,
  runningCostDkkPerYear: 20000,
  expectedHoursPerYear: 1000,
  expectedDkkPerYear: 50000,
  gainsBooked: true,
  budgetYear: 2026,
};

describeEachBackend('portfolio API', (getDb) => {
  it(
    'keeps a lead to their own portfolio, audits changes and refuses bad input whole',
    { timeout: 120_000 },
    async () => {
      const world = await startWorld(getDb());
      const own = `/api/organisations/${encodeURIComponent(world.organisations.a)}/portfolio`;
      const other = `/api/organisations/${encodeURIComponent(world.organisations.b)}/portfolio`;
      const post = (url: string, payload: unknown, role: 'org_lead' | 'analyst' | 'admin' = 'org_lead') =>
        world.as(role, {
          method: 'POST',
          url,
          payload: payload as object,
          headers: { 'content-type': 'application/json' },
        });

      const created = await post(`${own}/initiatives`, initiative);
      expect(created.statusCode, created.body).toBe(201);
      expect((await post(`${other}/initiatives`, initiative)).statusCode).toBe(404);
      expect(
        (await post(`${own}/initiatives`, { ...initiative, initiative: 'Andet' }, 'analyst')).statusCode,
      ).toBe(403);
      const dup = await post(`${own}/initiatives`, { ...initiative, initiative: ' skærmbesøg ' });
      expect(dup.statusCode).toBe(422);

      const review = await world.as('org_lead', {
        method: 'PUT',
        url: `${own}/realisations/2026-02`,
        payload: { entries: [{ initiative: 'Skærmbesøg', realisedHours: 10, realisedDkk: 5000 }] },
        headers: { 'content-type': 'application/json' },
      });
      expect(review.statusCode, review.body).toBe(200);

      const csv =
        'organisation,initiative,month,realised_hours,realised_dkk\n' +
        `${world.organisations.a},Skærmbesøg,2026-03,0,100\n${world.organisations.b},X,2026-03,0,1\n${world.organisations.a},Skærmbesøg,2025-12,0,1\n`;
      const refused = await post(`${own}/import`, { csv });
      expect(refused.statusCode).toBe(422);
      const errors = (refused.json() as { errors: { row: number; field: string }[] }).errors;
      expect(errors.map((e) => `${e.row}:${e.field}`)).toEqual(['3:organisation', '4:month']);

      const report = await world.as('analyst', { url: `${own}?asOf=2026-03` });
      expect(report.statusCode).toBe(200);
      const json = report.json() as {
        total: { realisedToDateDkk: number };
        settings: { hourlyCostDkk: number };
      };
      // 5 000 + 10 h × 217 (the default hourly cost); the refused import added nothing
      expect(json.total.realisedToDateDkk).toBe(7170);
      expect(json.settings.hourlyCostDkk).toBe(217);
      expect((await world.as('org_lead', { url: other })).statusCode).toBe(404);

      const db = getDb();
      const actions = (await listAudit(db, { limit: 100 })).map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining(['portfolio.initiative-create', 'portfolio.realisations']),
      );
      expect(actions).not.toContain('portfolio.import');
    },
  );
});
