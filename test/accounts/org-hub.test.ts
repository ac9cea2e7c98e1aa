/**
 * One organisation's instruments together, on both backends: the overview (the latest visible
 * round per instrument with its headline and links), the security follow-up checklist read from
 * the database (owners, status, no named owner in red and in words, the organisation's own
 * evidence only, the next review) and its PDF (pdftotext: the organisation's name and owners),
 * dt-offentlig's data & security advice pointing to the triangle result — and who may see what:
 * another organisation's lead is refused everything, analysts see only the rounds they run and
 * never the checklist.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { relatedResultsFor } from '../../src/api/services/organisation-overview.ts';
import { listAudit, loadRoundData, requireRoundByName } from '../../src/storage/index.ts';
import { MINE, seedOrgHub as seed, THEIRS } from './org-hub-world.ts';
import { apiPath, pagePath, type ReportWorld } from '../reports/world.ts';
import { describeEachBackend } from '../storage/backends.ts';

const ov = (org: string) => `/admin/organisations/${encodeURIComponent(org)}/overview`;
const cl = (org: string, pdf = false) =>
  `/admin/organisations/${encodeURIComponent(org)}/checklists/sikkerhedstrekant${pdf ? '/pdf' : ''}`;

describeEachBackend('an organisation’s instruments together', (getDb) => {
  let world: ReportWorld;
  let app: FastifyInstance;
  const get = (token: string, url: string) =>
    app.inject({ url, headers: { authorization: `Bearer ${token}` } });

  beforeEach(async () => {
    world = await seed(getDb());
    app = buildApp({ db: getDb() });
    await app.ready();
    return () => app.close();
  }, 120_000);

  it('shows the lead the latest result of each instrument, with links', { timeout: 180_000 }, async () => {
    const res = await get(world.tokens.lead, ov(world.mine.name));
    expect(res.statusCode).toBe(200);
    const body = res.body;
    const org = encodeURIComponent(world.mine.name);
    expect(body).toContain('Sikkerhedstrekanten og beredskabsplanen');
    expect(body).toContain('Digital transformation');
    // dt-offentlig: the latest round only (r-2026, not r-2025), with index and stage
    expect(body).toContain(`href="/reports/r-2026/organisations/${org}"`);
    expect(body).not.toContain(`/reports/r-2025/`);
    expect(body).toMatch(/Indeks \d+ af 100 · trin: /);
    // the triangle: readiness per corner from the released version (hand-computed: 50, 75, 25)
    expect(body).toMatch(/Parathed: processer og krav<\/th>\s*<td class="num">\s*50\s*</);
    expect(body).toMatch(/Parathed: teknik og hardware<\/th>\s*<td class="num">\s*75\s*</);
    expect(body).toContain('⚠ Ingen navngiven ansvarlig: processer og krav.');
    expect(body).toContain('⚠ Ingen navngiven ansvarlig: beredskab og genopretning.');
    expect(body).not.toContain('Ingen navngiven ansvarlig: teknik');
    expect(body).toContain(`href="/reports/sikkerhed-2026/organisations/${org}"`);
    expect(body).toContain(`href="${cl(world.mine.name)}"`);
    // free text never appears on the overview
    expect(body).not.toContain(MINE);
  });

  it(
    'refuses another organisation’s lead, and keeps an analyst to the rounds they run',
    { timeout: 180_000 },
    async () => {
      expect((await get(world.tokens.otherLead, ov(world.mine.name))).statusCode).toBe(404);
      expect((await get(world.tokens.analyst, ov(world.mine.name))).statusCode).toBe(404);
      const analyst = await get(world.tokens.roundAnalyst, ov(world.mine.name));
      expect(analyst.statusCode).toBe(200);
      expect(analyst.body).toContain('/reports/r-2026/');
      expect(analyst.body).not.toContain('/reports/sikkerhed-2026/');
      expect(analyst.body).not.toContain('/checklists/');
      const admin = await get(world.tokens.admin, ov(world.mine.name));
      expect(admin.body).toContain('/reports/sikkerhed-2026/');
    },
  );

  it(
    'gives the lead the follow-up checklist from the database, own evidence only',
    { timeout: 180_000 },
    async () => {
      const res = await get(world.tokens.lead, `${cl(world.mine.name)}?review=2027-03-01`);
      expect(res.statusCode).toBe(200);
      const body = res.body;
      expect(body).toContain('Opfølgningsliste for topledelsen');
      expect(body).toContain(MINE);
      expect(body).not.toContain(THEIRS);
      // owners: processer "ingen" and "direktion"; the corner is flagged in red and in words
      expect(body).toMatch(/<span class="flag">⚠ Ingen navngiven ansvarlig<\/span>/);
      expect(body).toContain('Udpeg en navngiven ansvarlig');
      expect(body).toContain('It-chefen');
      expect(body).toContain('1. marts 2027');
      expect(body).toContain(`href="${cl(world.mine.name, true)}?review=2027-03-01"`);
      const audit = await listAudit(getDb(), {
        subject: `organisation:${world.mine.name}/round:sikkerhed-2026`,
      });
      expect(audit.map((a) => a.action)).toContain('report.view');
      expect((await get(world.tokens.lead, `${cl(world.mine.name)}?review=soon`)).statusCode).toBe(400);
    },
  );

  it(
    'refuses the checklist to another organisation’s lead and to analysts',
    { timeout: 180_000 },
    async () => {
      expect((await get(world.tokens.otherLead, cl(world.mine.name))).statusCode).toBe(404);
      expect((await get(world.tokens.otherLead, cl(world.mine.name, true))).statusCode).toBe(404);
      expect((await get(world.tokens.roundAnalyst, cl(world.mine.name))).statusCode).toBe(403);
      // the other lead's own organisation has no triangle result: nothing there either
      expect((await get(world.tokens.otherLead, cl(world.other.name))).statusCode).toBe(404);
      const admin = await get(world.tokens.admin, cl(world.mine.name));
      expect(admin.statusCode).toBe(200);
      expect(admin.body).toContain(MINE);
      expect(admin.body).not.toContain(THEIRS);
    },
  );

  it(
    'prints the checklist as a PDF with the organisation’s name and owners',
    { timeout: 180_000 },
    async () => {
      const res = await get(world.tokens.lead, `${cl(world.mine.name, true)}?review=2027-03-01`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const dir = mkdtempSync(join(tmpdir(), 'pejling-org-hub-'));
      const file = join(dir, 'checklist.pdf');
      writeFileSync(file, res.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const pages = execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)![1];
      expect(pages).toBe('1');
      expect(text).toContain(world.mine.name);
      for (const owner of ['Direktionen', 'It-chefen', 'Informationssikkerhedsansvarlig'])
        expect(text).toContain(owner);
      expect(text).toContain('Ingen navngiven ansvarlig');
      expect(text).not.toContain('Leverandøraftale');
    },
  );

  it(
    'points the data & security advice of the dt-offentlig report to the triangle result',
    { timeout: 180_000 },
    async () => {
      const db = getDb();
      const round = await requireRoundByName(db, 'r-2026');
      const related = await relatedResultsFor(db, null, round, world.mine);
      expect(related.map((r) => [r.instrument.id, r.round])).toEqual([
        ['sikkerhedstrekant', 'sikkerhed-2026'],
      ]);
      expect(related[0]!.headline!.flags.map((f) => f.id)).toEqual([
        'noOwner.processer',
        'noOwner.beredskab',
      ]);
      // without a triangle result: nothing to point to
      expect(await relatedResultsFor(db, null, round, world.other)).toEqual([]);

      // An organisation the report advises on data & security (the seeded answers decide which).
      type Advice = { id: string; related: { flagged: string[] }[] }[];
      let name: string | null = null;
      for (const o of (await loadRoundData(db, 'r-2026')).organisations) {
        if (o.name === world.other.name) continue;
        const res = await get(world.tokens.admin, `${apiPath('r-2026', o.name)}/report`);
        const data = (res.json() as { advice: Advice }).advice.find((a) => a.id === 'data');
        if (!data) continue;
        expect(data.related.map((r) => r.flagged)).toEqual([
          ['Processer og krav', 'Beredskab og genopretning'],
        ]);
        name = o.name;
        break;
      }
      expect(name, 'some organisation is advised on data & security').not.toBeNull();
      const org = encodeURIComponent(name!);
      const page = await get(world.tokens.admin, pagePath('r-2026', name!));
      expect(page.body).toContain(`href="/reports/sikkerhed-2026/organisations/${org}?lang=da"`);
      expect(page.body).toContain('2 dele står uden navngiven ansvarlig');
      expect(page.body).toContain(`href="${ov(name!)}?lang=da"`);
      // the lead's own report links the overview
      const own = await get(world.tokens.lead, pagePath('r-2026', world.mine.name));
      expect(own.body).toContain(`href="${ov(world.mine.name)}?lang=da"`);
      // an analyst of r-2026 who does not run the triangle round is not pointed to it
      const analyst = await get(world.tokens.roundAnalyst, pagePath('r-2026', name!));
      expect(analyst.statusCode).toBe(200);
      expect(analyst.body).not.toContain('/reports/sikkerhed-2026/');
      // an organisation without a triangle result is pointed nowhere
      const theirs = await get(world.tokens.otherLead, `${apiPath('r-2026', world.other.name)}/report`);
      expect((theirs.json() as { advice: Advice }).advice.every((a) => a.related.length === 0)).toBe(true);
    },
  );
});
