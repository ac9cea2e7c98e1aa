/**
 * The organisation report over HTTP, on both backends: who may see which organisation (an
 * organisation's lead only their own, and a refusal that reveals nothing), the plan and the
 * targets through JSON and through plain forms (with the session's CSRF token), the XLSX.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../../src/accounts/sessions.ts';
import { sessionPolicy } from '../../src/accounts/policy.ts';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { listAudit, listPlanItems, type Database } from '../../src/storage/index.ts';
import { BACKENDS, createTestTarget, type TestTarget } from '../storage/backends.ts';
import { apiPath, pagePath, seedReportWorld, type ReportWorld } from '../reports/world.ts';

type Who = keyof ReportWorld['tokens'] | null;

for (const backend of BACKENDS) {
  describe(`organisation report over HTTP [${backend}]`, () => {
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
    const page = (org = world.mine.name, round = 'r-2026') => pagePath(round, org);
    const api = (org = world.mine.name, round = 'r-2026') => apiPath(round, org);
    const form = (body: Record<string, string>) => ({
      payload: new URLSearchParams(body).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const json = (body: unknown) => ({
      payload: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });

    it('shows an organisation’s lead their own report, and nothing of any other', async () => {
      const own = await call('lead', { url: page() });
      expect(own.statusCode).toBe(200);
      expect(own.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(own.headers['cache-control']).toBe('private, no-store');
      expect(own.headers['content-security-policy']).toContain("default-src 'none'");
      expect(own.body).toContain(`<h1>${world.mine.name}</h1>`);
      expect(own.body).toContain('<form method="post"');

      // Another organisation, an unknown one and an unknown round: the very same answer.
      const refusals = await Promise.all(
        [
          page(world.other.name),
          page('No Such Kommune'),
          page(world.mine.name, 'r-1999'),
          `${page(world.other.name)}/report.pdf`,
          `${page(world.other.name)}/figures.xlsx`,
          `${api(world.other.name)}/report`,
          `${api(world.other.name)}/plan`,
          `${api(world.other.name)}/targets`,
        ].map((url) => call('lead', { url })),
      );
      // Pages answer with the same page, the API with the same problem document.
      const [pages, apis] = [refusals.slice(0, 5), refusals.slice(5)];
      for (const group of [pages, apis]) {
        for (const r of group) {
          expect(r.statusCode).toBe(404);
          expect(r.body).toBe(group[0]!.body);
          expect(r.body).not.toContain(world.other.name);
        }
      }
      expect(pages[0]!.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(apis[0]!.headers['content-type']).toMatch(/^application\/problem\+json/);
      const write = await call('lead', {
        method: 'POST',
        url: `${api(world.other.name)}/plan`,
        ...json({ title: 'x' }),
      });
      expect(write.statusCode).toBe(404);
      expect((await call('otherLead', { url: `${api(world.other.name)}/plan` })).json()).toEqual([]);
    });

    it('lets admins everywhere, analysts only into the rounds they run (read only), nobody anonymous', async () => {
      expect((await call('admin', { url: page(world.other.name) })).statusCode).toBe(200);
      // Anonymous: the page leads to the log-in, the API says 401.
      const anonymous = await call(null, { url: page() });
      expect([anonymous.statusCode, anonymous.headers.location]).toEqual([
        303,
        `/admin/login?next=${encodeURIComponent(page())}`,
      ]);
      expect((await call(null, { url: `${api(world.mine.name)}/report` })).statusCode).toBe(401);
      expect((await call('analyst', { url: page() })).statusCode).toBe(404);
      const analyst = await call('roundAnalyst', { url: `${page()}?lang=en` });
      expect(analyst.statusCode).toBe(200);
      expect(analyst.body).toContain('<html lang="en">');
      expect(analyst.body).not.toContain('<form');
      // A round the analyst does not run: last year's.
      expect((await call('roundAnalyst', { url: page(world.mine.name, 'r-2025') })).statusCode).toBe(404);
      const denied = await call('roundAnalyst', {
        method: 'POST',
        url: `${api()}/plan`,
        ...json({ title: 'x' }),
      });
      expect(denied.statusCode).toBe(403);
    });

    it('serves the JSON model, with last year in the trend', async () => {
      const res = await call('lead', { url: `${api()}/report?lang=en` });
      expect(res.statusCode).toBe(200);
      const report = res.json();
      expect(report).toMatchObject({
        format: 'pejling-organisation-report/2',
        lang: 'en',
        organisation: { name: world.mine.name },
        round: { name: 'r-2026', kMin: 5 },
      });
      expect(report.trend.rounds.map((r: { name: string }) => r.name)).toEqual(['r-2025', 'r-2026']);
      // 12 organisations: groups of fewer than 5 show neither their size nor any figure.
      for (const g of report.benchmark.groups)
        for (const d of report.benchmark.dimensions)
          if (g.size === null) expect(d.figures[g.id]).toEqual({ status: 'too-few' });
      // Below 3k = 15 no quartile is exact: at most the band the median lies in.
      for (const d of report.benchmark.dimensions)
        for (const f of Object.values(d.figures) as { status: string }[]) expect(f.status).not.toBe('ok');
      expect(report.release).toMatchObject({ number: expect.any(Number), at: expect.any(String) });
    });

    it('keeps the plan and the targets through JSON, audited', async () => {
      const created = await call('lead', {
        method: 'POST',
        url: `${api()}/plan`,
        ...json({ title: 'Datastrategi', owner: 'Bo', dueDate: '2026-10-01', adviceKey: 'competency:data' }),
      });
      expect(created.statusCode).toBe(201);
      const item = created.json();
      expect(item).toMatchObject({ status: 'planned', createdBy: 'lead@example.dk' });

      const patched = await call('admin', {
        method: 'PATCH',
        url: `${api()}/plan/${item.id}`,
        ...json({ status: 'done' }),
      });
      expect(patched.json()).toMatchObject({
        status: 'done',
        updatedBy: 'admin@example.dk',
        title: 'Datastrategi',
      });
      expect(
        (await call('lead', { method: 'PATCH', url: `${api()}/plan/${item.id}`, ...json({}) })).statusCode,
      ).toBe(400);
      const badKey = await call('lead', {
        method: 'POST',
        url: `${api()}/plan`,
        ...json({ title: 'x', adviceKey: 'competency:nope' }),
      });
      expect(badKey.statusCode).toBe(422);
      const badDate = await call('lead', {
        method: 'POST',
        url: `${api()}/plan`,
        ...json({ title: 'x', dueDate: '2026-02-30' }),
      });
      expect(badDate.statusCode).toBe(400);
      // An item id of this plan through another organisation's URL is not found.
      const elsewhere = await call('admin', {
        method: 'DELETE',
        url: `${api(world.other.name)}/plan/${item.id}`,
      });
      expect(elsewhere.statusCode).toBe(404);

      const targets = await call('lead', {
        method: 'PUT',
        url: `${api()}/targets`,
        ...json({
          targets: [
            { competency: 'leadership', target: 4.2 },
            { competency: 'data', target: 3 },
          ],
        }),
      });
      expect(targets.json()).toEqual([
        { competency: 'data', target: 3 },
        { competency: 'leadership', target: 4.2 },
      ]);
      const outOfRange = await call('lead', {
        method: 'PUT',
        url: `${api()}/targets`,
        ...json({
          targets: [
            { competency: 'leadership', target: 6 },
            { competency: 'nope', target: 3 },
          ],
        }),
      });
      expect(outOfRange.statusCode).toBe(422);
      expect(outOfRange.json().errors.map((e: { field: string }) => e.field)).toEqual([
        'targets[0].target',
        'targets[1].competency',
      ]);

      const deleted = await call('lead', { method: 'DELETE', url: `${api()}/plan/${item.id}` });
      expect(deleted.statusCode).toBe(204);
      const actions = (await listAudit(db, { subject: `organisation:${world.mine.name}/round:r-2026` })).map(
        (e) => [e.actor, e.action],
      );
      expect(actions).toEqual([
        ['lead@example.dk', 'plan.delete'],
        ['lead@example.dk', 'targets.set'],
        ['admin@example.dk', 'plan.update'],
        ['lead@example.dk', 'plan.create'],
        // The lead read the report (as JSON) and opened the page before changing anything.
        ['lead@example.dk', 'report.download'],
        ['lead@example.dk', 'report.view'],
      ]);
    });

    it('takes plain form posts: errors come back on the page, success redirects to it', async () => {
      const bad = await call('lead', {
        method: 'POST',
        url: `${page()}/plan?lang=da`,
        ...form({
          form: 'plan-new',
          title: '  ',
          owner: 'Anna <Ø>',
          dueDate: '2026-02-30',
          status: 'planned',
        }),
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('role="alert"');
      expect(bad.body).toContain('Skriv hvad der skal gøres.');
      expect(bad.body).toContain('href="#plan-new-dueDate"');
      // What was typed is kept (escaped).
      expect(bad.body).toContain('value="Anna &lt;Ø&gt;"');
      expect(bad.body).toMatch(
        /id="plan-new-title"[^>]*aria-invalid="true" aria-describedby="plan-new-title-error"/,
      );

      const good = await call('lead', {
        method: 'POST',
        url: `${page()}/plan?lang=en`,
        ...form({
          form: 'advice-competency-leadership',
          title: 'Ledelsesseminar',
          owner: '',
          dueDate: '',
          adviceKey: 'competency:leadership',
        }),
      });
      expect(good.statusCode).toBe(303);
      expect(good.headers.location).toBe(`${page()}?lang=en&done=plan-saved#plan`);
      const [item] = await listPlanItems(db, {
        organisationId: world.mine.id,
        roundId: world.rounds.current.id,
      });
      expect(item).toMatchObject({
        title: 'Ledelsesseminar',
        owner: null,
        dueDate: null,
        adviceKey: 'competency:leadership',
      });

      const shown = await call('lead', { url: good.headers.location as string });
      expect(shown.body).toContain('The action plan is saved.');
      expect(shown.body).toContain(`<tr data-plan-item="${item!.id}">`);

      const update = await call('lead', {
        method: 'POST',
        url: `${page()}/plan/${item!.id}?lang=da`,
        ...form({ form: `plan-${item!.id}`, title: 'Ledelsesseminar', status: 'in_progress', adviceKey: '' }),
      });
      expect(update.statusCode).toBe(303);
      const targets = await call('lead', {
        method: 'POST',
        url: `${page()}/targets?lang=da`,
        ...form({ form: 'targets', 'target.leadership': '4,5', 'target.data': '' }),
      });
      expect(targets.statusCode).toBe(303);
      const after = await call('lead', { url: `${api()}/targets` });
      expect(after.json()).toEqual([{ competency: 'leadership', target: 4.5 }]);
      // Deleting asks first: the page with a box to confirm, and nothing deleted yet.
      const asked = await call('lead', {
        method: 'POST',
        url: `${page()}/plan/${item!.id}/delete?lang=da`,
        ...form({ form: `plan-${item!.id}-delete` }),
      });
      expect(asked.statusCode).toBe(200);
      expect(asked.body).toContain('Slet »Ledelsesseminar«?');
      expect(asked.body).toMatch(/<input type="hidden" name="confirm" value="yes" \/>/);
      expect(asked.body).toContain(`href="${page()}?lang=da#plan"`);
      expect(
        await listPlanItems(db, { organisationId: world.mine.id, roundId: world.rounds.current.id }),
      ).toHaveLength(1);
      const removed = await call('lead', {
        method: 'POST',
        url: `${page()}/plan/${item!.id}/delete?lang=da`,
        ...form({ form: `plan-${item!.id}-delete`, confirm: 'yes' }),
      });
      expect(removed.statusCode).toBe(303);
      expect(removed.headers.location).toBe(`${page()}?lang=da&done=plan-deleted#plan`);
      expect(
        await listPlanItems(db, { organisationId: world.mine.id, roundId: world.rounds.current.id }),
      ).toEqual([]);
      // Asking about an item that is not there is "not found", as deleting it would be.
      const gone = await call('lead', {
        method: 'POST',
        url: `${page()}/plan/${item!.id}/delete?lang=da`,
        ...form({}),
      });
      expect(gone.statusCode).toBe(404);
    });

    it('reads a decimal comma as a decimal mark on the server: "3,6" is 3.6, never 36', async () => {
      const post = (fields: Record<string, string>) =>
        call('lead', {
          method: 'POST',
          url: `${page()}/targets?lang=da`,
          ...form({ form: 'targets', ...fields }),
        });
      const saved = await post({ 'target.data': '3,6', 'target.methods': ' 4.2 ', 'target.leadership': '' });
      expect(saved.statusCode).toBe(303);
      const after = (await call('lead', { url: `${api()}/targets` })).json() as {
        competency: string;
        target: number;
      }[];
      expect(after.find((x) => x.competency === 'data')?.target).toBe(3.6);
      expect(after.find((x) => x.competency === 'methods')?.target).toBe(4.2);
      expect(after.find((x) => x.competency === 'leadership')).toBeUndefined();
      // A thousands separator or two marks are not a number here; 36 is off the scale.
      for (const bad of ['36', '3,6,1', '3.600,5', '3,', ',6']) {
        const refused = await post({ 'target.data': bad });
        expect(refused.statusCode, bad).toBe(422);
        expect(refused.body).toMatch(/id="target-data"[^>]*aria-invalid="true"/);
      }
      const kept = (await call('lead', { url: `${api()}/targets` })).json() as {
        competency: string;
        target: number;
      }[];
      expect(kept.find((x) => x.competency === 'data')?.target).toBe(3.6);
      // The page shows the field as text with a decimal keyboard, its value with a comma.
      const shown = await call('lead', { url: `${page()}?lang=da` });
      expect(shown.body).toMatch(/id="target-data"[^>]*type="text"[^>]*inputmode="decimal"/);
    });

    it('keeps a closed round’s plan and targets read-only: no forms, and the server refuses writes', async () => {
      const closed = 'r-2025';
      const scope = { organisationId: world.mine.id, roundId: world.rounds.previous.id };
      const before = await listPlanItems(db, scope);
      const shown = await call('lead', { url: `${page(world.mine.name, closed)}?lang=da` });
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain('Runden er lukket: handlingsplanen og målene står, som de var');
      expect(shown.body).not.toContain('<form method="post"');
      // A form posted anyway (an old tab, a hand-made request): the page, saying why, 409.
      const forms: [string, Record<string, string>][] = [
        ['/plan', { form: 'plan-new', title: 'Ny handling', status: 'planned' }],
        ['/plan/1', { form: 'plan-1', title: 'X', status: 'done' }],
        ['/plan/1/delete', { confirm: 'yes' }],
        ['/targets', { form: 'targets', 'target.data': '4' }],
      ];
      for (const [path, body] of forms) {
        const res = await call('lead', {
          method: 'POST',
          url: `${page(world.mine.name, closed)}${path}?lang=da`,
          ...form(body),
        });
        expect(res.statusCode, path).toBe(409);
        expect(res.body).toContain(
          'Ikke gemt: runden er lukket, så handlingsplanen og målene kan ikke længere ændres.',
        );
      }
      // The JSON API says the same as a problem.
      const apiCalls: InjectOptions[] = [
        { method: 'POST', url: `${api(world.mine.name, closed)}/plan`, ...json({ title: 'Ny handling' }) },
        { method: 'PATCH', url: `${api(world.mine.name, closed)}/plan/1`, ...json({ status: 'done' }) },
        { method: 'DELETE', url: `${api(world.mine.name, closed)}/plan/1` },
        {
          method: 'PUT',
          url: `${api(world.mine.name, closed)}/targets`,
          ...json({ targets: [{ competency: 'data', target: 4 }] }),
        },
      ];
      for (const options of apiCalls) {
        const res = await call('admin', options);
        expect(res.statusCode, `${options.method} ${options.url}`).toBe(409);
        expect(res.json()).toMatchObject({
          status: 409,
          detail: expect.stringContaining('r-2025 is closed'),
        });
      }
      expect(await listPlanItems(db, scope)).toEqual(before);
      expect((await call('lead', { url: `${api(world.mine.name, closed)}/targets` })).json()).toEqual([]);
      // Reading still works.
      expect((await call('lead', { url: `${api(world.mine.name, closed)}/plan` })).statusCode).toBe(200);
    });

    it('puts the session’s CSRF token in every form and refuses a form post without it', async () => {
      const session = await startSession(db, world.leadUserId, sessionPolicy());
      const cookie = { cookie: `pejling_session=${session.id}` };
      const html = (await app.inject({ url: page(), headers: cookie })).body;
      const forms = html.match(/<form method="post"/g)!.length;
      expect(html.match(new RegExp(`name="_csrf" value="${session.csrfToken}"`, 'g'))).toHaveLength(forms);
      const body = { form: 'plan-new', title: 'Via session', status: 'planned' };
      const forged = await app.inject({
        method: 'POST',
        url: `${page()}/plan`,
        ...form(body),
        headers: { ...form(body).headers, ...cookie },
      });
      expect(forged.statusCode).toBe(403);
      const real = await app.inject({
        method: 'POST',
        url: `${page()}/plan`,
        ...form({ ...body, _csrf: session.csrfToken }),
        headers: { ...form(body).headers, ...cookie },
      });
      expect(real.statusCode).toBe(303);
    });

    it('exports the organisation’s own figures as XLSX', async () => {
      const res = await call('lead', { url: `${page()}/figures.xlsx` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename=".*\.xlsx"; filename\*=UTF-8''/,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual([
        'Oversigt',
        'Sammenligning med grupper',
        'Kompetencer',
        'Effektområder',
        'Forretningen og it-siden',
        'Råd',
        'Handlingsplan',
        'Udvikling',
      ]);
      const report = (await call('lead', { url: `${api()}/report` })).json();
      const summary = workbook.getWorksheet('Oversigt')!;
      const row = (label: string) => summary.getColumn(1).values.indexOf(label);
      expect(summary.getRow(row('Organisation')).getCell(2).value).toBe(world.mine.name);
      expect(summary.getRow(row('Modenhedsindeks')).getCell(2).value).toBe(report.summary.index);
      const trend = workbook.getWorksheet('Udvikling')!;
      expect(trend.rowCount).toBe(3);
      // Peer figures only as the release shows them (the report's benchmark), on their own sheet.
      const peers = workbook.getWorksheet('Sammenligning med grupper')!;
      type Fig = { median?: number; band?: [number, number] };
      const shown = report.benchmark.dimensions.flatMap((d: { figures: Record<string, Fig> }) =>
        report.benchmark.groups.map((g: { id: string }) => {
          const f = d.figures[g.id];
          return [f?.median ?? null, f?.band?.[0] ?? null, f?.band?.[1] ?? null];
        }),
      );
      const cells = shown.map((_: unknown, i: number) =>
        [6, 8, 9].map((c) => peers.getRow(2 + i).getCell(c).value ?? null),
      );
      expect(cells).toEqual(shown);
      expect(shown.flat().some((x: number | null) => x !== null)).toBe(true);
      for (const ws of workbook.worksheets)
        if (ws !== peers) ws.eachRow((r) => expect(JSON.stringify(r.values)).not.toMatch(/kvartil|Median/));
    });
  });
}
