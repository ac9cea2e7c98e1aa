/** The sector report from a release of a known round, against figures computed by hand. */
import { describe, expect, it } from 'vitest';
import { disclosurePolicy } from '../../src/core/disclosure/policy.ts';
import { releaseOfOrganisations } from '../../src/core/release/build.ts';
import { buildSectorReport } from '../../src/reports/sector/model.ts';
import { renderSectorReport } from '../../src/reports/sector/html.ts';
import { loadBuiltinInstrument } from '../../src/instruments/registry.ts';
import { missingAdminKeys } from '../../src/i18n/admin.ts';
import { HAND_ROUND } from './sector-data.ts';

const at = '2026-11-30T10:00:00.000Z';

describe('sector report', async () => {
  const instrument = await loadBuiltinInstrument('dt-offentlig');
  const release = (k: number, orgs = HAND_ROUND) =>
    releaseOfOrganisations(instrument, orgs, disclosurePolicy({ k }), at);

  it('matches the hand-computed figures where the policy lets them be shown', () => {
    const report = buildSectorReport({
      instrument,
      round: '2026',
      release: release(3),
      previous: { round: '2025', instrument, release: release(3, HAND_ROUND.slice(0, 3)) },
    });
    expect(report).toMatchObject({
      round: '2026',
      k: 3,
      organisations: 4,
      respondents: 7,
      release: { number: 1, at },
    });
    const all = report.groups.find((g) => g.id === 'all')!;
    // Organisation means of importance: 4.5 → 5, 4, 3, 2: every cell is 1 (< k) or 0. The
    // zeros are safe; the ones are hidden, and so their line is hidden whole.
    expect(all.figures!.importance).toEqual({ '1': 0, '2': null, '3': null, '4': null, '5': null });
    expect(all.figures).toMatchObject({
      impact: { optimise: 2.5, division: 2.5, portfolio: 2.5 },
      domains: { services: { priority: 2.5, effort: 2.5 } },
      // Ranks: the kommuner (A and B) average 4 on every competency; R1 (A) gives 1..7.
      competencies: {
        leadership: { meanRank: 3.25, score: 2.5 },
        clarity: { meanRank: 3.5, score: 2.5 },
        decisions: { meanRank: 4.75, score: 2.5 },
      },
      competencyOrder: { leadership: { place: 1 }, decisions: { place: 7 } },
    });
    // The region is one organisation: not shown, and the kommuner are held back with it,
    // because they differ from all by that one region.
    expect(report.groups.find((g) => g.id === 'sector:region')).toMatchObject({
      status: 'not-shown',
      reason: 'too-few',
      figures: null,
    });
    expect(report.groups.find((g) => g.id === 'sector:kommune')).toMatchObject({
      status: 'not-shown',
      reason: 'overlap',
      figures: null,
    });
    // Best practice is K1 alone (index 75 ≥ the 75th percentile 56.25); the rest would differ
    // from all by it. Groups defined by answers give no reason: it would say something of them.
    expect(report.groups.find((g) => g.id === 'best')).toMatchObject({
      status: 'not-shown',
      reason: 'withheld',
    });
    expect(report.groups.find((g) => g.id === 'rest')).toMatchObject({
      status: 'not-shown',
      reason: 'withheld',
    });
    // Business ranks leadership first and decisions last; IT the other way round (K1–K3 have both).
    const c = all.figures!.businessIt as Record<string, Record<string, Record<string, number | null>>>;
    expect(c.rows!['how.leadership.rank']).toEqual({ business: 1, it: 7, difference: -6 });
    expect(c.places!['how.leadership.rank']).toEqual({ business: 1, it: 7 });
    expect(c.rows!['competency.leadership']).toEqual({ business: 3, it: 3, difference: 0 });
    // Three of the four organisations are compared: the one left out would be a count of 1.
    expect(c.organisations).toBeNull();
    // Previously K1–K3 only: optimise 3 → 2.5, one organisation more.
    expect(report.change).toMatchObject({
      previous: '2025',
      delta: { organisations: 1, impact: { optimise: -0.5 } },
    });
  });

  it('shows no figure when the round has fewer than k organisations', () => {
    const report = buildSectorReport({ instrument, round: 'x', release: release(5) });
    expect(report.organisations).toBeNull();
    expect(report.groups.every((g) => g.figures === null)).toBe(true);
  });

  it('renders every declared figure in Danish and English, with a table for every chart', () => {
    const report = buildSectorReport({ instrument, round: '2026', release: release(3) });
    for (const lang of ['da', 'en'] as const) {
      const page = renderSectorReport({
        report,
        instrument,
        title: 'Pejling 2026',
        lang,
        stylesheet: { inline: '' },
      });
      expect(page).toContain(`<html lang="${lang}">`);
      // Every chart (drawn twice: for a desktop and for a phone) has its table.
      const charts = page.match(/<figure class="chart/g)?.length ?? 0;
      expect(page.match(/<svg /g)?.length ?? 0).toBe(2 * charts);
      expect(charts).toBeLessThanOrEqual(page.match(/<table /g)?.length ?? 0);
      for (const f of instrument.figures)
        expect(page, f.id).toContain(`id="figure-${f.id.replace(/[A-Z]/g, (x) => `-${x.toLowerCase()}`)}"`);
      expect(page).toContain(lang === 'da' ? '2018-undersøgelsen' : 'The 2018 study');
      expect(page).toContain(lang === 'da' ? 'Forretningsledere' : 'Business leaders');
      expect(page).toMatch(lang === 'da' ? /udgivelse \(1\)/ : /release \(1\)/);
    }
    expect(missingAdminKeys()).toEqual([]);
  });
});
