/**
 * The portfolio across organisations over HTTP and the CLI's service, on both backends:
 * whoever runs the round reads it (an analyst only for rounds they run; a lead never), under
 * the round's k, with the log of earlier publications kept in the database so that a second
 * answer after one organisation joins shows the earlier figures; audited; never an amount.
 */
import { expect, it } from 'vitest';
import { saveCheckedInitiative, saveMonthlyReview } from '../../src/api/services/portfolio.ts';
import { portfolioFiguresAcross } from '../../src/api/services/portfolio-across.ts';
import type { Initiative } from '../../src/core/portfolio/types.ts';
import {
  createRound,
  ensureOrganisation,
  listAudit,
  listPortfolioPublications,
  type Db,
} from '../../src/storage/index.ts';
import { startWorld } from '../accounts/helpers.ts';
import { describeEachBackend } from '../storage/backends.ts';

const who = { actor: 'admin@example.dk', organisationId: null };

/** An organisation with two must-have solutions (one booked) and realised gains; amounts vary by n. */
async function withPortfolio(db: Db, name: string, sector: 'kommune' | 'region', n: number) {
  const org = await ensureOrganisation(db, { name, sector });
  const base: Initiative = {
    organisation: name,
    initiative: 'A',
    track: 'skal-loesninger',
    owner: 'Anna',
    status: 'i-drift',
    competency: null,
    start: '2026-01',
    investmentDkk: 100_000,
    runningCostDkkPerYear: 0,
    expectedHoursPerYear: 0,
    expectedDkkPerYear: 12_000 * n,
    gainsBooked: true,
    budgetYear: 2026,
  };
  await saveCheckedInitiative(db, org.id, base, who);
  await saveCheckedInitiative(
    db,
    org.id,
    { ...base, initiative: 'B', expectedDkkPerYear: 1_000 + n, gainsBooked: false, budgetYear: null },
    who,
  );
  await saveMonthlyReview(
    db,
    org.id,
    '2026-02',
    [
      { initiative: 'A', realisedHours: 0, realisedDkk: 500 * n + n * n },
      { initiative: 'B', realisedHours: 1, realisedDkk: 10 * n },
    ],
    who,
  );
  return org;
}

describeEachBackend('portfolio across organisations', (getDb) => {
  it(
    'is for whoever runs the round, under its k, remembered across answers',
    { timeout: 120_000 },
    async () => {
      const db = getDb();
      const world = await startWorld(db);
      const round = await createRound(db, {
        name: 'k3',
        instrument: { id: world.round.instrument.id, version: world.round.instrument.version },
        kMin: 3,
      });
      for (const n of [1, 2, 3, 4]) await withPortfolio(db, `Kommune ${n}`, 'kommune', n);
      const url = (name: string) => `/api/rounds/${name}/portfolio-figures?asOf=2026-06`;

      // The analyst runs r1, not k3; a lead runs nothing.
      expect((await world.as('analyst', { url: url('k3') })).statusCode).toBe(403);
      expect((await world.as('org_lead', { url: url('k3') })).statusCode).toBe(403);
      expect((await world.as('admin', { url: url('nope') })).statusCode).toBe(404);
      // r1 has the default k = 5: four organisations are too few for anything.
      const r1 = await world.as('analyst', { url: url('r1') });
      expect(r1.statusCode, r1.body).toBe(200);
      expect(r1.json().cells.every((c: { reason: string }) => c.reason === 'too-few')).toBe(true);

      const first = await world.as('admin', { url: url('k3') });
      expect(first.statusCode, first.body).toBe(200);
      const body = first.json();
      expect(body).toMatchObject({ round: 'k3', k: 3, asOf: '2026-06' });
      const all = body.cells.find(
        (c: { scope: string; track: string }) => c.scope === 'all' && c.track === 'total',
      );
      // Hand-computed: expected to date 6 × (12,000n + 1,000 + n)/12 = 6,000n + 500 + n/2, summed over n = 1…4;
      // realised 500n + n² + 10n + 217 (one hour at the default hourly cost).
      const expected = [1, 2, 3, 4].reduce((s, n) => s + 6_000 * n + 500 + n / 2, 0);
      const realised = [1, 2, 3, 4].reduce((s, n) => s + 500 * n + n * n + 10 * n + 217, 0);
      expect(all.status).toBe('shown');
      expect(all.realisation).toBeCloseTo(realised / expected, 12);
      expect(all.bookedInitiatives).toBe(0.5);
      const bookedDkk = [1, 2, 3, 4].reduce((s, n) => s + 12_000 * n, 0);
      expect(all.bookedDkk).toBeCloseTo(
        bookedDkk / (bookedDkk + [1, 2, 3, 4].reduce((s, n) => s + 1_000 + n, 0)),
        12,
      );
      // No amount anywhere in the answer: only fractions, months and names.
      expect(first.body).not.toMatch(/Dkk"\s*:\s*\d{3,}/);
      expect(first.body).not.toContain(String(realised));
      const logged = await listPortfolioPublications(db);
      expect(logged.map((p) => p.cell)).toContain('all/total');

      // A fifth organisation joins: after − before would be its figures; the earlier ones stay.
      await withPortfolio(db, 'Kommune 5', 'kommune', 5);
      const second = (await world.as('admin', { url: url('k3') })).json();
      const again = second.cells.find(
        (c: { scope: string; track: string }) => c.scope === 'all' && c.track === 'total',
      );
      expect(again).toMatchObject({
        status: 'earlier',
        reason: 'complementary',
        realisation: all.realisation,
      });
      expect((await listPortfolioPublications(db)).length).toBe(logged.length);

      // The CLI's service reads the same log.
      const cli = await portfolioFiguresAcross(db, round, 'cli', '2026-06');
      expect(cli.cells).toEqual(second.cells);
      const audit = (await listAudit(db, { subject: 'round:k3', limit: 50 })).map((a) => a.action);
      expect(audit).toEqual(['portfolio.figures']);
    },
  );
});
