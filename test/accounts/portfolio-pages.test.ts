/**
 * The portfolio's staff pages over HTTP on both backends: a lead adds, edits and stops an
 * initiative by form (errors next to their fields, decimal comma read), fills the monthly
 * review in one form (all or nothing), imports a file (all or nothing, row and column named),
 * exports, changes the settings, adopts a template; the lead of another organisation gets "not
 * found" on every page, an analyst reads but may not change; every change is audited. And the
 * core's every kind of problem message is said in the page's language, not left in English.
 */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { portfolioReport } from '../../src/api/services/portfolio.ts';
import { readPortfolioRows } from '../../src/core/portfolio/exchange.ts';
import { checkSettings } from '../../src/core/portfolio/settings.ts';
import type { Initiative } from '../../src/core/portfolio/types.ts';
import {
  duplicateProblems,
  initiativeProblems,
  realisationProblems,
} from '../../src/core/portfolio/validate.ts';
import { problemKey } from '../../src/admin-ui/portfolio-form.ts';
import { createUser, getOrganisationByName, listAudit, readPortfolio } from '../../src/storage/index.ts';
import { sessionPolicy } from '../../src/accounts/policy.ts';
import { startSession } from '../../src/accounts/sessions.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { startWorld, type World } from './helpers.ts';

async function multipart(fields: Record<string, string>, file: { name: string; data: string | Buffer }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([file.data]), file.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type')! },
  };
}

/** A form post as the browser sends it, with the session's CSRF token in the body. */
async function post(
  world: World,
  role: 'org_lead' | 'analyst' | 'admin',
  url: string,
  fields: Record<string, string>,
) {
  const s = await world.session(role);
  return world.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

const fields = {
  initiative: 'Skærmbesøg',
  track: 'skal-loesninger',
  status: 'i-drift',
  owner: 'Anne',
  competency: 'methods',
  start: '2026-01',
  investment_dkk: '300.000',
  running_cost_dkk_per_year: '20000',
  expected_hours_per_year: '1000',
  expected_dkk_per_year: '50000,5',
  gains_booked: 'ja',
  budget_year: '2026',
};

describeEachBackend('portfolio staff pages', (getDb) => {
  it(
    'lets a lead keep their own portfolio by forms, all or nothing, audited',
    { timeout: 120_000 },
    async () => {
      const db = getDb();
      const world = await startWorld(db);
      const base = `/admin/organisations/${encodeURIComponent(world.organisations.a)}/portfolio`;
      const org = (await getOrganisationByName(db, world.organisations.a))!;

      // A negative amount and a booked gain without a budget year: refused, each beside its field.
      const refused = await post(world, 'org_lead', `${base}/initiatives`, {
        ...fields,
        investment_dkk: '-5',
        budget_year: '',
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('id="initiative-investment_dkk"');
      expect(refused.body).toMatch(
        /id="initiative-investment_dkk"[^>]*aria-invalid="true" aria-describedby="initiative-investment_dkk-hint initiative-investment_dkk-error"/,
      );
      expect(refused.body).toContain('Et negativt beløb er ikke tilladt.');
      expect(refused.body).toContain('Gevinsten er skrevet ind i et budget, så angiv budgetåret.');
      expect(refused.body).toContain('href="#initiative-budget_year"');
      expect(refused.body).toContain('value="-5"');
      expect((await readPortfolio(db, org.id)).initiatives).toHaveLength(0);

      // Accepted, with thousands dots and a decimal comma.
      const created = await post(world, 'org_lead', `${base}/initiatives`, fields);
      expect(created.statusCode, created.body).toBe(303);
      const [stored] = (await readPortfolio(db, org.id)).initiatives;
      expect(stored).toMatchObject({ investmentDkk: 300000, expectedDkkPerYear: 50000.5, gainsBooked: true });
      expect(created.headers.location).toBe(`${base}/initiatives/${stored!.id}?notice=created`);

      // The same name again (case and spaces ignored) is refused next to the name.
      const dup = await post(world, 'org_lead', `${base}/initiatives`, {
        ...fields,
        initiative: ' skærmbesøg ',
      });
      expect(dup.statusCode).toBe(422);
      expect(dup.body).toContain('Der er allerede et initiativ med det navn i porteføljen.');

      // The monthly review: one bad cell refuses the whole form, then one submit saves both months' rows.
      await post(world, 'org_lead', `${base}/initiatives`, {
        ...fields,
        initiative: 'Digitale nøgler',
        owner: '',
        gains_booked: '',
        budget_year: '',
      });
      const p = await readPortfolio(db, org.id);
      const [a, b] = p.initiatives;
      const review = await world.as('org_lead', { url: `${base}/review?month=2026-03` });
      expect(review.statusCode).toBe(200);
      expect(review.body).toContain(`name="hours.${a!.id}"`);
      expect(review.body).toContain(`name="dkk.${b!.id}"`);
      const bad = await post(world, 'org_lead', `${base}/review`, {
        month: '2026-03',
        [`hours.${a!.id}`]: '12,5',
        [`dkk.${a!.id}`]: '4.000,25',
        [`hours.${b!.id}`]: 'mange',
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('»mange« er ikke et tal.');
      expect(bad.body).toContain(`aria-describedby="review-hours-${b!.id}-error"`);
      expect((await readPortfolio(db, org.id)).realisations).toHaveLength(0);
      const good = await post(world, 'org_lead', `${base}/review`, {
        month: '2026-03',
        [`hours.${a!.id}`]: '12,5',
        [`dkk.${a!.id}`]: '4.000,25',
        [`hours.${b!.id}`]: '',
        [`dkk.${b!.id}`]: '100',
      });
      expect(good.statusCode, good.body).toBe(303);
      const realised = (await readPortfolio(db, org.id)).realisations;
      expect(realised.map((r) => [r.initiative, r.realisedHours, r.realisedDkk])).toEqual([
        ['Skærmbesøg', 12.5, 4000.25],
        ['Digitale nøgler', 0, 100],
      ]);

      // The page shows the core's figures: 4 000,25 + 12,5 h × 217 + 100 = 6 812,75 realised.
      const overview = await world.as('org_lead', { url: `${base}?asOf=2026-03` });
      expect(overview.statusCode).toBe(200);
      const report = await portfolioReport(db, org.id, '2026-03');
      expect(report.total.realisedToDateDkk).toBeCloseTo(6812.75, 6);
      expect(overview.body).toContain('6.813 kr.');
      expect(overview.body).toContain('Digitale nøgler: ingen ejer initiativet.');
      expect(overview.body).toContain('chart-cumulative');
      // The same pages in English, and an English refusal.
      for (const rest of [
        '?asOf=2026-03',
        '/review?month=2026-03',
        '/catalogue',
        '/new',
        `/initiatives/${a!.id}`,
      ]) {
        const res = await world.as('org_lead', {
          url: `${base}${rest}${rest.includes('?') ? '&' : '?'}lang=en`,
        });
        expect(res.statusCode, rest).toBe(200);
        expect(res.body, rest).toContain('lang="en"');
      }
      const english = await post(world, 'org_lead', `${base}/initiatives`, {
        ...fields,
        lang: 'en',
        start: '2026',
      });
      expect(english.statusCode).toBe(422);
      expect(english.body).toContain('Give the month as YYYY-MM.');
      // Filters: only the owner's initiative.
      const filtered = await world.as('org_lead', { url: `${base}?owner=Anne` });
      expect(filtered.body).toContain('Ét af 2 initiativer (filtreret)');

      // Import: a row of another organisation and a month before the start → nothing saved.
      const upload = async (name: string, data: string | Buffer) => {
        const s = await world.session('org_lead');
        const body = await multipart({ _csrf: s.csrf }, { name, data });
        return world.app.inject({
          method: 'POST',
          url: `${base}/import`,
          payload: body.payload,
          headers: { cookie: s.cookie, ...body.headers },
        });
      };
      const csv =
        '\uFEFForganisation;initiative;month;realised_hours;realised_dkk\n' +
        `${world.organisations.a};Skærmbesøg;2026-04;1,5;10\n${world.organisations.b};X;2026-04;0;1\n${world.organisations.a};Skærmbesøg;2025-12;0;1\n`;
      const badImport = await upload('gevinster.csv', csv);
      expect(badImport.statusCode).toBe(422);
      expect(badImport.body).toContain('Række 3, kolonne organisation');
      expect(badImport.body).toContain(
        'Række 4, kolonne month: Måneden ligger før initiativets start (2026-01).',
      );
      expect((await readPortfolio(db, org.id)).realisations).toHaveLength(2);
      const goodImport = await upload('gevinster.csv', csv.split('\n').slice(0, 2).join('\n'));
      expect(goodImport.statusCode, goodImport.body).toBe(303);
      expect((await readPortfolio(db, org.id)).realisations).toHaveLength(3);

      // Export: the Danish Excel variant, and XLSX that reads back through the same import.
      const danish = await world.as('org_lead', { url: `${base}/export?kind=realisations&format=danish` });
      expect(danish.headers['content-type']).toContain('text/csv');
      expect(danish.body).toContain(';1,5;10');
      const xlsx = await world.as('org_lead', { url: `${base}/export?kind=initiatives&format=xlsx` });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets[0]!.getRow(2).getCell(2).value).toBe('Skærmbesøg');
      expect((await upload('initiativer.xlsx', xlsx.rawPayload)).statusCode).toBe(303);

      // Settings: the discount rate in per cent with a decimal comma; out of range refused.
      const wrong = await post(world, 'org_lead', `${base}/settings`, { discountRate: '150' });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.body).toContain('Skal være et tal fra 0 til 100.');
      expect(
        (await post(world, 'org_lead', `${base}/settings`, { hourlyCostDkk: '300', discountRate: '2,5' }))
          .statusCode,
      ).toBe(303);
      expect((await readPortfolio(db, org.id)).settings).toMatchObject({
        hourlyCostDkk: 300,
        discountRate: 0.025,
      });

      // A template adopted: an idea with the template's numbers; a second adoption is a duplicate.
      const adopted = await post(world, 'org_lead', `${base}/catalogue`, { template: 'vejviserskaerm' });
      expect(adopted.statusCode).toBe(303);
      const idea = (await readPortfolio(db, org.id)).initiatives.find(
        (i) => i.initiative === 'Vejviserskærm på plejehjem',
      );
      expect(idea).toMatchObject({ status: 'ide', expectedHoursPerYear: 1040, track: 'skal-udfordringer' });
      expect(
        (await post(world, 'org_lead', `${base}/catalogue`, { template: 'vejviserskaerm' })).statusCode,
      ).toBe(422);

      // Stop, with the expected gains set to 0: no "stopped but counts gains" warning.
      expect(
        (await post(world, 'org_lead', `${base}/initiatives/${b!.id}/stop`, { zero: 'ja' })).statusCode,
      ).toBe(303);
      const stopped = (await readPortfolio(db, org.id)).initiatives.find((i) => i.id === b!.id)!;
      expect(stopped).toMatchObject({ status: 'stoppet', expectedDkkPerYear: 0, expectedHoursPerYear: 0 });

      const actions = (await listAudit(db, { limit: 100 })).map((e) => e.action);
      for (const action of [
        'portfolio.initiative-create',
        'portfolio.initiative-stop',
        'portfolio.realisations',
        'portfolio.import',
        'portfolio.settings',
      ])
        expect(actions).toContain(action);
    },
  );

  it('gives the lead of another organisation "not found" and an analyst read-only pages', async () => {
    const db = getDb();
    const world = await startWorld(db);
    const other = `/admin/organisations/${encodeURIComponent(world.organisations.b)}/portfolio`;
    const own = `/admin/organisations/${encodeURIComponent(world.organisations.a)}/portfolio`;
    // Org B has an initiative, so its id exists: the lead of A must still not reach it.
    const adminPost = await post(world, 'admin', `${other}/initiatives`, { ...fields });
    expect(adminPost.statusCode, adminPost.body).toBe(303);
    const id = (await readPortfolio(db, (await getOrganisationByName(db, world.organisations.b))!.id))
      .initiatives[0]!.id;
    for (const rest of ['', '/new', '/review', '/catalogue', `/initiatives/${id}`, '/export?format=xlsx']) {
      const res = await world.as('org_lead', { url: `${other}${rest}` });
      expect(res.statusCode, rest).toBe(404);
    }
    for (const rest of [
      '/initiatives',
      `/initiatives/${id}`,
      `/initiatives/${id}/stop`,
      '/review',
      '/settings',
      '/catalogue',
    ]) {
      const res = await post(world, 'org_lead', `${other}${rest}`, {
        ...fields,
        template: 'skaermbesoeg',
        month: '2026-03',
      });
      expect(res.statusCode, rest).toBe(404);
    }
    expect(
      (await readPortfolio(db, (await getOrganisationByName(db, world.organisations.b))!.id)).initiatives,
    ).toHaveLength(1);

    // A lead with the organisation B: their own is theirs.
    const leadB = await createUser(db, {
      email: 'lead-b@example.dk',
      role: 'org_lead',
      organisationId: (await getOrganisationByName(db, world.organisations.b))!.id,
    });
    const s = await startSession(db, leadB.id, sessionPolicy());
    expect(
      (await world.app.inject({ url: other, headers: { cookie: `pejling_session=${s.id}` } })).statusCode,
    ).toBe(200);
    expect(
      (await world.app.inject({ url: own, headers: { cookie: `pejling_session=${s.id}` } })).statusCode,
    ).toBe(404);

    // An analyst reads (no forms), may not change.
    const read = await world.as('analyst', { url: other });
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(`action="${other}/settings"`);
    expect(read.body).toContain('Skærmbesøg');
    expect((await post(world, 'analyst', `${other}/settings`, { hourlyCostDkk: '1' })).statusCode).toBe(403);
    expect((await world.as('analyst', { url: `${other}/review` })).statusCode).toBe(403);
  });
});

it('says every kind of core problem in the page’s words (no English sentence left over)', () => {
  const i: Initiative = {
    organisation: 'K',
    initiative: '',
    track: 'x' as never,
    owner: 'o'.repeat(130),
    status: 'y' as never,
    competency: 'nope',
    start: '2026-13',
    investmentDkk: -1,
    runningCostDkkPerYear: 1e13,
    expectedHoursPerYear: Number.NaN,
    expectedDkkPerYear: 0,
    gainsBooked: true,
    budgetYear: 1800,
  };
  const ok: Initiative = {
    ...i,
    initiative: 'A',
    track: 'forudsaetninger',
    status: 'ide',
    owner: null,
    competency: null,
    start: '2026-01',
    investmentDkk: 0,
    runningCostDkkPerYear: 0,
    expectedHoursPerYear: 0,
    gainsBooked: false,
    budgetYear: null,
  };
  const messages = [
    ...initiativeProblems(i, { competencies: new Set() }),
    ...initiativeProblems({ ...ok, organisation: ' ', gainsBooked: true }, { competencies: new Set() }),
    ...duplicateProblems([{ initiative: ok }, { initiative: ok }]),
    ...realisationProblems(
      [
        {
          realisation: {
            organisation: 'K',
            initiative: 'A',
            month: '2025-01',
            realisedHours: 0,
            realisedDkk: 0,
          },
        },
        {
          realisation: {
            organisation: 'K',
            initiative: 'A',
            month: '2025-01',
            realisedHours: 0,
            realisedDkk: 0,
          },
        },
        { realisation: { organisation: 'K', initiative: 'B', month: 'x', realisedHours: 0, realisedDkk: 0 } },
      ],
      [ok],
    ),
    ...(checkSettings({ horizonYears: 0.5 }) as { problems: { message: string }[] }).problems,
    ...(
      readPortfolioRows([['a']], { competencies: new Set(), knownInitiatives: [] }) as {
        problems: { message: string }[];
      }
    ).problems,
    ...(
      readPortfolioRows(
        [
          [
            'organisation',
            'initiative',
            'track',
            'owner',
            'status',
            'competency',
            'start',
            'investment_dkk',
            'running_cost_dkk_per_year',
            'expected_hours_per_year',
            'expected_dkk_per_year',
            'gains_booked',
            'budget_year',
          ],
          ['K', 'A', 'forudsaetninger', '', 'ide', '', '2026-01', '1 000', '0', '0', '0', 'måske', ''],
        ],
        { competencies: new Set(), knownInitiatives: [] },
      ) as { problems: { message: string }[] }
    ).problems,
  ].map((p) => p.message);
  expect(messages.length).toBeGreaterThan(15);
  expect(messages.filter((m) => problemKey(m) === null)).toEqual([]);
});

// Runs after the pages above were rendered in this process (Danish and English): no missing text.
it('renders every portfolio-page text from the catalogues', async () => {
  const { missingAdminKeys } = await import('../../src/i18n/admin.ts');
  expect(missingAdminKeys().filter((k) => k.startsWith('portfolio.'))).toEqual([]);
});

it('reads numbers as people type them on a Danish and an English page', async () => {
  const { parseDecimal } = await import('../../src/admin-ui/portfolio-form.ts');
  const da = (s: string) => parseDecimal(s, 'da');
  const en = (s: string) => parseDecimal(s, 'en');
  expect([da('300.000'), da('1.234,5'), da('12,5'), da('1.5'), da(' 1 000 '), da(''), da('1,2,3')]).toEqual([
    300000,
    1234.5,
    12.5,
    1.5,
    1000,
    null,
    Number.NaN,
  ]);
  expect([en('300,000'), en('1,234.5'), en('12,5'), en('1.5'), en('abc')]).toEqual([
    300000,
    1234.5,
    12.5,
    1.5,
    Number.NaN,
  ]);
});
