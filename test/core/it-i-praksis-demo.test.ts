/**
 * The IT i praksis demo generators are deterministic and land near the seed's headline figures
 * (the list in docs/it-i-praksis.md), computed through the release and the panel figures as shown.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disclosurePolicy } from '../../src/core/disclosure/policy.ts';
import { panelFigures } from '../../src/core/panel/figures.ts';
import { releaseOfOrganisations } from '../../src/core/release/build.ts';
import { sectorFiguresJson } from '../../src/core/release/read.ts';
import {
  generateCitizenPanel,
  generateItIPraksisRound,
  IT_I_PRAKSIS_DEMO,
} from '../../src/demo/it-i-praksis.ts';
import { loadInstrument, ROOT } from '../helpers.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('IT i praksis demo data', () => {
  it('is the same for the same seed', () => {
    expect(generateItIPraksisRound(20, 7)).toEqual(generateItIPraksisRound(20, 7));
    expect(generateCitizenPanel(50, 7)).toEqual(generateCitizenPanel(50, 7));
    expect(generateCitizenPanel(50, 8)).not.toEqual(generateCitizenPanel(50, 7));
  });

  it("the organisation panel's headlines are near the seed's", () => {
    const panel = loadInstrument(join(ROOT, 'instruments', 'it-i-praksis.yaml'));
    const orgs = generateItIPraksisRound(IT_I_PRAKSIS_DEMO.organisations, IT_I_PRAKSIS_DEMO.seed);
    const release = releaseOfOrganisations(panel, orgs, disclosurePolicy({ k: 5, respondentMin: 2 }), 'x');
    const j = sectorFiguresJson(panel, 'demo', release) as Json;
    expect(j.focusAreas.kundeservice.business.place).toBe(3);
    expect(j.focusAreas.kundeservice.it.place).toBe(12);
    expect(j.focusAreas.talent.business.place).toBe(4);
    expect(j.focusAreas.talent.it.place).toBe(14);
    expect(j.focusAreas.inspiration.it.place).toBe(19);
    expect(j.focusAreas.inspiration.business.place).toBe(17);
    expect(j.shares['competence.strategy'].nej).toBeCloseTo(0.53, 1);
    expect(j.shares['tech.rpa'].bruger).toBeCloseTo(0.64, 1);
    expect(j.bySector.kommune.shares.barriers.lovgivning).toBeCloseTo(0.5, 1);
    expect(j.shares['channel.strategy']['digital-overalt']).toBeCloseTo(0.38, 1);
  });

  it("the citizen panel's headlines are near the seed's", () => {
    const borger = loadInstrument(join(ROOT, 'instruments', 'it-i-praksis-borger.yaml'));
    const p = panelFigures(borger, generateCitizenPanel(1000, 2017)) as Json;
    expect(p.respondents).toBe(1000);
    expect(p.shares['digital.all'].agree.share).toBeCloseTo(0.19, 1);
    expect(p.shares['automated.decisions'].agree.share).toBeCloseTo(0.1, 1);
    expect(p.shares.priority.fleksibilitet.share).toBeCloseTo(0.59, 1);
    expect(p.shares.priority.hurtighed.share).toBeCloseTo(0.16, 1);
    expect(p.shares.coherence.disagree.share).toBeCloseTo(0.77, 1);
    expect(p.nEffective).toBeLessThan(1000);
    expect(p.nEffective).toBeGreaterThan(900);
  });
});
