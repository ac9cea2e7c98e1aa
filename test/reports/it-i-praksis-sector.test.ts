/**
 * The organisation panel's sector report (model = the JSON of the API, HTML = web and PDF)
 * and open data: where business and IT leaders, best practice and the rest, and the sectors
 * disagree on the priority list; a sector of k organisations is shown, one of k − 1 is not
 * (nor what would give it away), and no place is published for a group that is not shown.
 */
import { describe, expect, it } from 'vitest';
import { disclosurePolicy } from '../../src/core/disclosure/policy.ts';
import type { OrganisationData } from '../../src/core/exchange/types.ts';
import { releaseOfOrganisations } from '../../src/core/release/build.ts';
import { sectorFiguresJson } from '../../src/core/release/read.ts';
import { generateItIPraksisRound, IT_I_PRAKSIS_DEMO } from '../../src/demo/it-i-praksis.ts';
import { loadBuiltinInstrument } from '../../src/instruments/registry.ts';
import { buildOpenData } from '../../src/open-data/build.ts';
import { renderSectorReport } from '../../src/reports/sector/html.ts';
import { buildSectorReport } from '../../src/reports/sector/model.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const at = '2026-12-02T10:00:00.000Z';
const K = 5;

const instrument = await loadBuiltinInstrument('it-i-praksis');
const demo = generateItIPraksisRound(IT_I_PRAKSIS_DEMO.organisations, IT_I_PRAKSIS_DEMO.seed);
const report = (orgs: readonly OrganisationData[]) => {
  const release = releaseOfOrganisations(instrument, orgs, disclosurePolicy({ k: K, respondentMin: 2 }), at);
  return { release, model: buildSectorReport({ instrument, round: 'itp', release }) };
};
/** `count` organisations of each sector, answers from the demo generator. */
const roundOf = (counts: Record<string, number>) => {
  const out: OrganisationData[] = [];
  let i = 0;
  for (const [sector, n] of Object.entries(counts))
    for (let o = 0; o < n; o++) out.push({ ...demo[i++]!, sector });
  return out;
};

describe('it-i-praksis sector report: where the groups disagree', () => {
  const { release, model } = report(demo);

  it('business against IT leaders: places, gap, largest disagreement first', () => {
    const c = model.placeComparisons.find((x) => x.kind === 'groups')!;
    expect(c.columns).toEqual(['business', 'it']);
    const ks = c.rows.find((r) => r.option === 'kundeservice')!;
    expect(ks).toEqual({ option: 'kundeservice', places: { business: 3, it: 12 }, gap: -9 });
    const gaps = c.rows.map((r) => Math.abs(r.gap!));
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    // the gap is the figure's own placeGap
    const all = model.groups.find((g) => g.id === 'all')!.figures!.focusAreas as Json;
    for (const r of c.rows) expect(r.gap).toBe(all[r.option].placeGap);
  });

  it('best practice against the rest, and the shown sectors side by side, per respondent group', () => {
    const best = model.placeComparisons.find(
      (x) => x.kind === 'best-rest' && x.respondentGroup === 'business',
    )!;
    expect(best.columns).toEqual(['best', 'rest']);
    expect(best.rows.find((r) => r.option === 'talent')!.places).toEqual({ best: 3, rest: 4 });
    const sectors = model.placeComparisons.find((x) => x.kind === 'sectors' && x.respondentGroup === 'it')!;
    expect(sectors.columns).toContain('sector:privat');
    expect(sectors.columns).toContain('sector:kommune');
    expect(sectors.rows.filter((r) => r.gap !== null).length).toBeGreaterThan(10);
    for (const r of sectors.rows) {
      const p = Object.values(r.places);
      if (p.some((x) => x === null)) expect(r.gap).toBeNull();
      else expect(r.gap).toBe(Math.max(...(p as number[])) - Math.min(...(p as number[])));
    }
  });

  it('the JSON of the contract carries the comparisons and the shares by sector', () => {
    const j = sectorFiguresJson(instrument, 'itp', release) as Json;
    expect(j.placeComparisons).toEqual(JSON.parse(JSON.stringify(model.placeComparisons)));
    expect(j.bySector.privat.shares['tech.rpa'].bruger).toBeGreaterThan(0);
    for (const key of [
      'competence.strategy',
      'barriers',
      'barriers.laws',
      'channel.strategy',
      'innovation.external',
      'development.involvement',
      'tech.ai',
    ])
      expect(Object.keys(j.shares[key]).length).toBeGreaterThan(1);
  });

  it('renders the comparisons in Danish and English, as tables', () => {
    for (const lang of ['da', 'en'] as const) {
      const page = renderSectorReport({
        report: model,
        instrument,
        title: 'IT i praksis',
        lang,
        stylesheet: { inline: '' },
      });
      expect(page).toContain(
        lang === 'da' ? 'Hvor grupperne prioriterer forskelligt' : 'Where the groups prioritise differently',
      );
      expect(page).toContain(lang === 'da' ? 'Private virksomheder' : 'Private companies');
      expect(page).toContain(
        lang === 'da'
          ? 'øverste 25 % af organisationerne efter Digital praksis'
          : 'top 25 % of organisations by Digital practice',
      );
      expect(page).not.toMatch(/figures\.places|sector\.sectors\./);
    }
  });

  it('open data has a places table from the same comparisons', () => {
    const data = buildOpenData(instrument, 'itp', release);
    const places = data.tables.find((t) => t.name === 'places')!;
    expect(places.rows).toContainEqual([
      'itp',
      'focusAreas',
      'groups',
      '',
      'business',
      'kundeservice',
      3,
      -9,
    ]);
    expect(places.rows).toContainEqual(['itp', 'focusAreas', 'groups', '', 'it', 'kundeservice', 12, -9]);
  });
});

describe('it-i-praksis sector report under k', () => {
  const sectorsShown = (counts: Record<string, number>) => {
    const { release, model } = report(roundOf(counts));
    const j = sectorFiguresJson(instrument, 'itp', release) as Json;
    const open = buildOpenData(instrument, 'itp', release);
    const comparisons = model.placeComparisons.filter((c) => c.kind === 'sectors');
    // Attacker's view: every column of every comparison is a group whose figures are shown.
    const shown = new Set(model.groups.filter((g) => g.figures).map((g) => g.id));
    for (const c of model.placeComparisons)
      for (const col of c.columns) if (c.kind !== 'groups') expect(shown.has(col), col).toBe(true);
    const openGroups = new Set(
      open.tables.flatMap((t) =>
        t.name === 'places' || t.name === 'figures' ? t.rows.map((r) => r[t.name === 'places' ? 4 : 1]) : [],
      ),
    );
    return { bySector: Object.keys(j.bySector ?? {}).sort(), comparisons, openGroups };
  };

  it(`shows a private sector of k = ${K} or k + 1 organisations`, () => {
    for (const n of [K, K + 1]) {
      const r = sectorsShown({ kommune: 7, privat: n });
      expect(r.bySector).toEqual(['kommune', 'privat']);
      expect(r.comparisons.map((c) => c.columns)).toContainEqual(['sector:kommune', 'sector:privat']);
      expect(r.openGroups.has('sector:privat')).toBe(true);
    }
  });

  it(`hides a private sector of k − 1 = ${K - 1}, and the sector it could be differenced from`, () => {
    const r = sectorsShown({ kommune: 7, privat: K - 1 });
    expect(r.bySector).toEqual([]);
    expect(r.comparisons).toEqual([]);
    expect(r.openGroups.has('sector:privat')).toBe(false);
    expect(r.openGroups.has('sector:kommune')).toBe(false);
  });

  it('a round under k shows no figure and no comparison', () => {
    const { model } = report(roundOf({ privat: K - 1 }));
    expect(model.organisations).toBeNull();
    expect(model.placeComparisons).toEqual([]);
  });
});

describe('the it-i-praksis sector report in a real browser', () => {
  it('meets WCAG 2.1 AA at 360 and 1280 px without sideways scrolling', async () => {
    const { launchChromium } = await import('../../src/browser/chromium.ts');
    const { checkAtWidths } = await import('../accounts/page-checks.ts');
    const { ADMIN_CSS } = await import('../../src/admin-ui/respond.ts');
    const { model } = report(demo);
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext()).newPage();
      const violations: string[] = [];
      for (const lang of ['da', 'en'] as const) {
        await page.setContent(
          renderSectorReport({
            report: model,
            instrument,
            title: 'IT i praksis',
            lang,
            stylesheet: { inline: ADMIN_CSS },
          }),
        );
        await checkAtWidths(page, `itp-sector-${lang}`, violations);
      }
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});

describe('the it-i-praksis sector report as PDF', () => {
  it('prints the comparisons (read back with pdftotext)', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { PdfPrinter } = await import('../../src/reports/organisation/pdf.ts');
    const { ADMIN_CSS } = await import('../../src/admin-ui/respond.ts');
    const { model } = report(demo);
    const printer = new PdfPrinter();
    const pdf = await printer
      .print(
        renderSectorReport({
          report: model,
          instrument,
          title: 'IT i praksis',
          lang: 'da',
          stylesheet: { inline: ADMIN_CSS },
        }),
      )
      .finally(() => printer.close());
    const file = join(mkdtempSync(join(tmpdir(), 'pejling-itp-')), 'sector.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Hvor grupperne prioriterer forskelligt');
    expect(text).toContain('Bedste praksis mod resten: Forretningsledere');
    expect(text).toContain('Private virksomheder');
  }, 120_000);
});
