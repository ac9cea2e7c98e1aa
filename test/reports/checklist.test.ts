/**
 * The checklists of an organisation: hand-built answers → owners, status, evidence, next steps;
 * the one-page follow-up PDF for top management, read back with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChecklists } from '../../src/core/checklists/build.ts';
import { exchangeHeader } from '../../src/core/exchange/rows.ts';
import { pejling } from '../cli/run.ts';
import { loadInstrument, orgsFromCsv, ROOT } from '../helpers.ts';

const sec = loadInstrument(join(ROOT, 'instruments', 'sikkerhedstrekant.yaml'));
const sq = loadInstrument(join(ROOT, 'instruments', 'strategiske-spoergsmaal.yaml'));
const dir = mkdtempSync(join(tmpdir(), 'pejling-checklist-'));

function csvOf(instrument: typeof sec, rows: Record<string, string>[]): string {
  const header = exchangeHeader(instrument);
  const cell = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h] ?? '')).join(','))].join('\n');
}

const SECURITY: Record<string, string>[] = [
  {
    organisation: 'Fjordby Kommune',
    sector: 'kommune',
    respondent: 'r1',
    'sec.processer.owner': 'direktion',
    'sec.processer.c1': 'ja',
    'sec.processer.c1.evidence': 'Direktionsreferat 4. maj',
    'sec.processer.c2': 'nej',
    'sec.teknik.owner': 'it-chef',
    'sec.brugere.owner': 'sikkerhedsansvarlig',
    'sec.beredskab.owner': 'ved-ikke',
    'sec.beredskab.c1': 'delvist',
    'sec.beredskab.c1.evidence': 'Udkast til plan',
  },
  {
    organisation: 'Fjordby Kommune',
    sector: 'kommune',
    respondent: 'r2',
    'sec.processer.owner': 'direktion',
    'sec.processer.c1': 'delvist',
    'sec.processer.c2': 'nej',
    'sec.beredskab.owner': 'it-chef',
    'sec.beredskab.c1': 'nej',
  },
];

describe('checklists', () => {
  it('gives owners, status (ties to the weaker answer), evidence and the no-owner flag', () => {
    const [org] = orgsFromCsv(sec, csvOf(sec, SECURITY));
    const [list] = buildChecklists(sec, org!.respondents);
    const processer = list!.groups.find((g) => g.id === 'processer')!;
    expect(processer.owners.map((o) => o.value)).toEqual(['direktion']);
    expect(processer.flag?.raised).toBe(false);
    // c1: ja and delvist tie → delvist (the weaker); c2: nej twice
    expect(processer.items.map((i) => i.status)).toEqual(['delvist', 'nej', null, null]);
    expect(processer.items[0]!.evidence).toEqual(['Direktionsreferat 4. maj']);
    // readiness: c1 (1 + 0.5)/2 = 0.75, c2 0 → 100 × 0.375 = 37.5
    expect(processer.measure).toBeCloseTo(37.5, 12);
    const beredskab = list!.groups.find((g) => g.id === 'beredskab')!;
    expect(beredskab.flag?.raised).toBe(true); // one leader says ved-ikke
    expect(beredskab.owners.map((o) => o.value)).toEqual(['it-chef', 'ved-ikke']);
  });

  it('gives next steps: not-started actions on the two weakest questions', () => {
    // states: integration 2, enkelhed 1, the rest 4 → weakest enkelhed, then integration
    const row: Record<string, string> = { organisation: 'O', sector: 'stat', respondent: 'r1' };
    for (const q of [
      'integration',
      'enkelhed',
      'tilpasning',
      'relevans',
      'udviklingsrum',
      'mindset',
      'dagsorden',
    ])
      row[`sq.${q}.state`] = '4';
    Object.assign(row, {
      'sq.integration.state': '2',
      'sq.enkelhed.state': '1',
      'sq.integration.action.behov': 'ikke-startet',
      'sq.integration.action.kendskab': 'gjort',
      'sq.enkelhed.action.faser': 'ikke-startet',
      'sq.enkelhed.action.standard': 'planlagt',
      'sq.mindset.action.fejl': 'ikke-startet', // not among the weakest: not a next step
      'sq.enkelhed.note': 'Drøftes i juni',
    });
    const [org] = orgsFromCsv(sq, csvOf(sq, [row]));
    const [list] = buildChecklists(sq, org!.respondents);
    expect(list!.nextSteps.map((s) => s.item)).toEqual([
      'sq.enkelhed.action.faser',
      'sq.integration.action.behov',
    ]);
    expect(list!.groups.find((g) => g.id === 'enkelhed')!.notes).toEqual(['Drøftes i juni']);
  });

  it('prints a one-page PDF with the organisation, its owners, the flag in words and the review date', () => {
    const file = join(dir, 'sec.csv');
    writeFileSync(file, csvOf(sec, SECURITY));
    const pdf = join(dir, 'c.pdf');
    const r = pejling([
      'checklist',
      file,
      '--instrument',
      'sikkerhedstrekant',
      '--organisation',
      'Fjordby Kommune',
      '--review',
      '2027-03-01',
      '--format',
      'pdf',
      '--out',
      pdf,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toMatch(/Fjordby Kommune/);
    expect(text).toMatch(/Direktionen/);
    expect(text).toMatch(/It-chefen/);
    expect(text).toMatch(/Ingen navngiven ansvarlig/);
    expect(text).toMatch(/1\. marts 2027/);
    expect(text).toMatch(/Direktionsreferat 4\. maj/);
  }, 60_000);

  it('refuses a bad review date and an unknown organisation', () => {
    const file = join(dir, 'sec2.csv');
    writeFileSync(file, csvOf(sec, SECURITY));
    const bad = pejling([
      'checklist',
      file,
      '--instrument',
      'sikkerhedstrekant',
      '--organisation',
      'Fjordby Kommune',
      '--review',
      '1/3',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--review: "1\/3" is not a date/);
    const none = pejling(['checklist', file, '--instrument', 'sikkerhedstrekant', '--organisation', 'Nope']);
    expect(none.stderr).toMatch(/no organisation "Nope"/);
  });
});

describe('the checklist page in a real browser', () => {
  it('meets WCAG 2.1 AA at 360 and 1280 px without sideways scrolling', async () => {
    const { launchChromium } = await import('../../src/browser/chromium.ts');
    const { checkAtWidths } = await import('../accounts/page-checks.ts');
    const { checklistHtml } = await import('../../src/reports/checklist/html.ts');
    const [org] = orgsFromCsv(sec, csvOf(sec, SECURITY));
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext()).newPage();
      const violations: string[] = [];
      for (const lang of ['da', 'en'] as const) {
        await page.setContent(
          checklistHtml({
            organisation: 'Fjordby Kommune',
            instrumentTitle: sec.def.title[lang] ?? sec.def.title.da,
            checklists: buildChecklists(sec, org!.respondents),
            nextReview: '2027-03-01',
            lang,
          }),
        );
        await checkAtWidths(page, `checklist-${lang}`, violations);
      }
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
