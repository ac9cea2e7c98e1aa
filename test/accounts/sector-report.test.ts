/** The sector report's JSON for a known round, against figures computed by hand. */
import { describe, expect, it } from 'vitest';
import { buildSectorReport } from '../../src/reports/sector/model.ts';
import { renderSectorReport } from '../../src/reports/sector/html.ts';
import { loadBuiltinInstrument } from '../../src/instruments/registry.ts';
import { HAND_ROUND } from './sector-data.ts';

describe('sector report', () => {
  it('matches the hand-computed figures', async () => {
    const instrument = await loadBuiltinInstrument('dt-offentlig');
    const report = buildSectorReport({
      instrument,
      round: '2026',
      k: 3,
      organisations: HAND_ROUND,
      previous: { round: '2025', organisations: HAND_ROUND.slice(0, 3) },
    });
    expect(report).toMatchObject({ round: '2026', k: 3, organisations: 4, respondents: 7 });
    // Organisation means of importance: 4.5 → 5, 4, 3, 2.
    expect(report.overall).toMatchObject({
      organisations: 4,
      importance: { '1': 0, '2': 1, '3': 1, '4': 1, '5': 1 },
      impact: { optimise: 2.5, division: 2.5, portfolio: 2.5 },
      domains: { services: { priority: 2.5, effort: 2.5 } },
      // Ranks: the kommuner (A and B) average 4 on every competency; R1 (A) gives 1..7.
      competencies: {
        leadership: { meanRank: 3.25, score: 2.5 },
        clarity: { meanRank: 3.5, score: 2.5 },
        decisions: { meanRank: 4.75, score: 2.5 },
      },
      // Indexes 75, 50, 25, 0.
      stages: { indlejret: 2, mobiliseret: 1, accelereret: 1, integreret: 0 },
    });
    expect(report.bySector.kommune).toMatchObject({
      organisations: 3,
      impact: { optimise: 3 },
      importance: { '3': 1, '4': 1, '5': 1 },
    });
    expect(report.bySector.region).toEqual({ suppressed: true, organisations: 1 });
    // Best practice: index ≥ the 75th percentile 56.25: K1 alone, too few; the rest: 3, 2, 1.
    expect(report.bestPractice?.best).toEqual({ suppressed: true, organisations: 1 });
    expect(report.bestPractice?.rest).toMatchObject({ organisations: 3, impact: { optimise: 2 } });
    // Business ranks leadership first and decisions last; IT the other way round.
    const d = report.divergence;
    expect(d && !('suppressed' in d) && d.organisations).toBe(3);
    const row = (id: string) => (d && 'rows' in d ? d.rows.find((r) => r.id === id) : undefined);
    expect(row('how.leadership.rank')).toMatchObject({
      business: 1,
      it: 7,
      difference: -6,
      businessPlace: 1,
      itPlace: 7,
    });
    expect(row('how.decisions.rank')).toMatchObject({
      business: 7,
      it: 1,
      difference: 6,
      businessPlace: 7,
      itPlace: 1,
    });
    expect(row('competency.leadership')).toMatchObject({ business: 3, it: 3, difference: 0 });
    // Previously K1–K3 only: optimise 3 → 2.5, one organisation more.
    expect(report.change).toMatchObject({
      previous: '2025',
      delta: { organisations: 1, impact: { optimise: -0.5 } },
    });
  });

  it('shows only sizes when the round has fewer than k organisations', async () => {
    const instrument = await loadBuiltinInstrument('dt-offentlig');
    const report = buildSectorReport({ instrument, round: 'x', k: 5, organisations: HAND_ROUND });
    expect(report.overall).toEqual({ suppressed: true, organisations: 4 });
    expect(report.divergence).toEqual({ suppressed: true, organisations: 3 });
  });

  it('renders a page in Danish and English with a table beside every chart', async () => {
    const instrument = await loadBuiltinInstrument('dt-offentlig');
    const report = buildSectorReport({ instrument, round: '2026', k: 3, organisations: HAND_ROUND });
    for (const lang of ['da', 'en'] as const) {
      const page = renderSectorReport({
        report,
        instrument,
        title: 'Pejling 2026',
        lang,
        stylesheet: { inline: '' },
      });
      expect(page).toContain(`<html lang="${lang}">`);
      expect(page.match(/<svg /g)?.length).toBeLessThanOrEqual(page.match(/<table>/g)?.length ?? 0);
      expect(page).toContain(lang === 'da' ? 'Forretningsledere' : 'Business leaders');
    }
  });
});
