/**
 * A participant organisation's own report for it-i-praksis: its leaders' priority list beside
 * its sector's (business and IT), its technology and barrier profile beside its peers', and the
 * advice the instrument declares for its own values; held back below the respondent minimum,
 * and no group's own list that could be differenced into one leader. Page checked with axe.
 */
import { describe, expect, it } from 'vitest';
import { ownPriorities } from '../../src/core/figures/own-priorities.ts';
import { profileAdvice } from '../../src/core/advice/profile-advice.ts';
import { disclosurePolicy } from '../../src/core/disclosure/policy.ts';
import type { OrganisationData } from '../../src/core/exchange/types.ts';
import { buildRelease, versionsOfOrganisations } from '../../src/core/release/build.ts';
import { organisationPeers, prepareRelease } from '../../src/core/release/peers.ts';
import { groupState, publicationFigures } from '../../src/core/release/read.ts';
import { generateItIPraksisRound, IT_I_PRAKSIS_DEMO } from '../../src/demo/it-i-praksis.ts';
import { loadBuiltinInstrument } from '../../src/instruments/registry.ts';
import { renderReportHtml } from '../../src/reports/organisation/html/page.ts';
import { reportLinks } from '../../src/reports/organisation/html/context.ts';
import { buildOrganisationReport } from '../../src/reports/organisation/model/build.ts';
import type { ReportInput } from '../../src/reports/organisation/model/types.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const instrument = await loadBuiltinInstrument('it-i-praksis');
const ROUND = {
  name: 'itp-2026',
  title: { da: 'IT i praksis 2026' },
  status: 'open',
  kMin: 5,
  respondentMin: 2,
};
const organisations: OrganisationData[] = generateItIPraksisRound(120, IT_I_PRAKSIS_DEMO.seed).map((o, i) =>
  i === 0
    ? {
        ...o,
        sector: 'kommune',
        respondents: [
          {
            id: 'a',
            answers: {
              'profile.role': 'topleder',
              'focus.kundeservice': 1,
              'focus.talent': 2,
              'competence.strategy': 'nej',
              barriers: ['lovgivning', 'budget'],
              'tech.rpa': 'bruger',
              'competence.match': 2,
            },
          },
          {
            id: 'b',
            answers: {
              'profile.role': 'forretning',
              'focus.talent': 1,
              'focus.kundeservice': 3,
              'competence.strategy': 'nej',
              barriers: ['lovgivning'],
              'tech.rpa': 'planlaegger',
              'competence.match': 2,
            },
          },
          {
            id: 'c',
            answers: {
              'profile.role': 'it',
              'focus.sikkerhed': 1,
              'focus.cloud': 2,
              'competence.strategy': 'ja',
              barriers: ['legacy'],
              'tech.rpa': 'bruger',
              'competence.match': 3,
            },
          },
        ],
      }
    : o,
);

function reportInput(orgs: OrganisationData[], own = 0, lang: 'da' | 'en' = 'da'): ReportInput {
  const versions = versionsOfOrganisations(instrument, orgs);
  const content = buildRelease({
    instrument,
    policy: disclosurePolicy({ k: ROUND.kMin, respondentMin: ROUND.respondentMin }),
    number: 1,
    at: '2026-12-02T08:00:00.000Z',
    final: false,
    versions,
    previous: [],
  });
  const all = groupState(content, 'all')?.publication;
  const o = orgs[own]!;
  return {
    instrument,
    lang,
    generatedAt: '2026-12-02T12:00:00.000Z',
    round: ROUND,
    organisation: { name: o.name, sector: o.sector, type: null, sizeBand: null },
    release: { number: 1, at: content.at, final: false },
    version: { release: 1, at: content.at, data: o, comparisons: {}, waiting: 0 },
    peers: organisationPeers(prepareRelease(instrument, content, versions), own + 1),
    roundFigures: all?.sector ? publicationFigures(instrument, all) : null,
    history: [],
    targets: [],
    previousTargets: null,
    plan: [],
  };
}

describe('the it-i-praksis organisation report', () => {
  const report = buildOrganisationReport(reportInput(organisations));
  const panel = report.panel!;

  it("puts its leaders' list beside its sector's business and IT lists", () => {
    expect(panel.peerGroup).toBe('sector:kommune');
    const pr = panel.priorities!;
    // three leaders ranked: kundeservice by 2 (ranks 1, 3), talent by 2 (2, 1): talent first by mean rank
    expect(pr.rows.slice(0, 2).map((r) => [r.option, r.own.all])).toEqual([
      ['talent', { share: 2 / 3, place: 1 }],
      ['kundeservice', { share: 2 / 3, place: 2 }],
    ]);
    // IT (one leader) is not shown, and neither is business: all − business would be that leader
    expect(pr.ownColumns.map((c) => c.id)).toEqual(['all']);
    expect(pr.peerColumns.map((c) => c.id)).toEqual(['business', 'it']);
    const kommune = reportInput(organisations).peers.find((p) => p.state.group === 'sector:kommune')!;
    const figures = publicationFigures(instrument, kommune.state.publication!) as Json;
    const ks = pr.rows.find((r) => r.option === 'kundeservice')!;
    expect(ks.peers).toEqual({
      business: figures.focusAreas.kundeservice.business.place,
      it: figures.focusAreas.kundeservice.it.place,
    });
  });

  it("shows its technology and barrier profile beside its peers' shares", () => {
    const rpa = panel.profile.find((p) => p.item === 'tech.rpa')!;
    expect(rpa.rows.find((r) => r.option === 'bruger')).toMatchObject({ own: 2 / 3 });
    expect(rpa.rows.find((r) => r.option === 'bruger')!.peers).toBeGreaterThan(0.3);
    const barriers = panel.profile.find((p) => p.item === 'barriers')!;
    expect(barriers.rows.find((r) => r.option === 'lovgivning')!.own).toBeCloseTo(2 / 3, 12);
  });

  it('gives the advice the instrument declares for its values, and only that', () => {
    expect(panel.advice.map((a) => a.id)).toEqual(['strategy', 'competences', 'legislation']);
    expect(panel.advice[0]!.text).toMatch(/seed 000/);
    const values = profileAdvice(instrument, organisations[0]!.respondents);
    expect(values.find((v) => v.advice.id === 'competences')!.value).toBeCloseTo(7 / 3, 12);
  });

  it('holds its own numbers back below the respondent minimum', () => {
    const one = organisations.map((o, i) => (i === 0 ? { ...o, respondents: o.respondents.slice(0, 1) } : o));
    const r = buildOrganisationReport(reportInput(one)).panel!;
    expect(r.hidden).toBe(true);
    expect(r.priorities).toBeNull();
    expect(r.profile).toEqual([]);
    expect(r.advice).toEqual([]);
  });

  it('shows a group’s own list only when no difference isolates a leader', () => {
    const four = organisations.map((o, i) =>
      i === 0
        ? {
            ...o,
            respondents: [
              ...o.respondents,
              { id: 'd', answers: { 'profile.role': 'it', 'focus.legacy': 1 } },
            ],
          }
        : o,
    );
    const pr = buildOrganisationReport(reportInput(four)).panel!.priorities!;
    expect(pr.ownColumns.map((c) => [c.id, c.respondents])).toEqual([
      ['all', 4],
      ['business', 2],
      ['it', 2],
    ]);
  });

  it('ties by mean rank then by the instrument order; nobody ranked gives no list', () => {
    const l = ownPriorities(instrument, 'focus', [
      { id: 'x', answers: { 'focus.cloud': 1, 'focus.kundefokus': 2 } },
      { id: 'y', answers: { 'focus.kundefokus': 1, 'focus.cloud': 2 } },
      { id: 'z', answers: {} },
    ])!;
    expect(l.respondents).toBe(2);
    // equal share and mean rank: kundefokus comes first in the instrument's order
    expect(l.rows.filter((r) => r.place <= 2).map((r) => r.option)).toEqual(['kundefokus', 'cloud']);
    expect(ownPriorities(instrument, 'focus', [{ id: 'z', answers: {} }])!.respondents).toBe(0);
  });

  it('renders in Danish and English and passes axe at 360 and 1280 px', async () => {
    const { launchChromium } = await import('../../src/browser/chromium.ts');
    const { checkAtWidths } = await import('../accounts/page-checks.ts');
    const { readFileSync } = await import('node:fs');
    const css = readFileSync(new URL('../../src/reports/organisation/report.css', import.meta.url), 'utf8');
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext()).newPage();
      const violations: string[] = [];
      for (const lang of ['da', 'en'] as const) {
        const r = buildOrganisationReport(reportInput(organisations, 0, lang));
        const text = renderReportHtml(r, {
          stylesheet: { inline: css },
          links: reportLinks(r.round.name, r.organisation.name, lang),
          canEdit: false,
        });
        expect(text).toContain(lang === 'da' ? 'Jeres prioriteter og profil' : 'Your priorities and profile');
        expect(text).not.toMatch(/panel\.[a-z]/);
        await page.setContent(text);
        await checkAtWidths(page, `itp-org-${lang}`, violations);
      }
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
