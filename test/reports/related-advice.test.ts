/**
 * dt-offentlig's data & security advice in the organisation report points to the organisation's
 * security-triangle result: the corners with no named owner in words, a link to the triangle
 * report and (for who may open it) the follow-up checklist — and nothing without a result.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultHeadline } from '../../src/core/overview/headline.ts';
import type { OrganisationResult } from '../../src/core/overview/related.ts';
import { reportLinks } from '../../src/reports/organisation/html/context.ts';
import { renderReportHtml } from '../../src/reports/organisation/html/page.ts';
import { buildOrganisationReport } from '../../src/reports/organisation/model/build.ts';
import { TRIANGLE } from '../core/overview-fixtures.ts';
import { loadInstrument, ROOT } from '../helpers.ts';
import { input } from './fixtures.ts';

const sec = loadInstrument(join(ROOT, 'instruments', 'sikkerhedstrekant.yaml'));
const triangle: OrganisationResult = {
  instrument: sec,
  round: 'sikkerhed-2026',
  roundTitle: { da: 'Sikkerhed 2026', en: 'Security 2026' },
  releasedAt: '2026-11-20T08:00:00.000Z',
  headline: resultHeadline(sec, TRIANGLE),
};

const render = (report: ReturnType<typeof buildOrganisationReport>, canEdit: boolean, links = true) =>
  renderReportHtml(report, {
    stylesheet: { inline: '' },
    links: links ? reportLinks('r-2026', report.organisation.name, report.lang) : null,
    canEdit,
  });

describe('the data & security advice and the security triangle', () => {
  it('says which corners have no named owner and links the triangle result', () => {
    const report = buildOrganisationReport(input({ related: [triangle] }));
    const data = report.advice.find((a) => a.id === 'data');
    expect(data, 'the fixture organisation is advised on data & security').toBeDefined();
    expect(data!.related).toEqual([
      expect.objectContaining({
        instrument: 'sikkerhedstrekant',
        round: 'sikkerhed-2026',
        roundTitle: 'Sikkerhed 2026',
        flagged: ['Processer og krav', 'Beredskab og genopretning'],
        checklist: true,
      }),
    ]);
    expect(data!.related![0]!.summary).toBe(
      '2 dele står uden navngiven ansvarlig: Processer og krav og Beredskab og genopretning.',
    );
    // only the advice the triangle follows up points to it
    for (const a of report.advice.filter((x) => x.id !== 'data')) expect(a.related).toEqual([]);

    const page = render(report, true);
    const org = encodeURIComponent(report.organisation.name);
    expect(page).toContain(`href="/reports/sikkerhed-2026/organisations/${org}?lang=da"`);
    expect(page).toContain(`href="/admin/organisations/${org}/checklists/sikkerhedstrekant?lang=da"`);
    expect(page).toContain('Åbn opfølgningslisten for topledelsen');
    expect(page).toContain(`href="/admin/organisations/${org}/overview?lang=da"`);
    // an analyst reads the report but may not open the checklist
    expect(render(report, false)).not.toContain('/checklists/sikkerhedstrekant');
    // the PDF keeps the words, without links
    const pdf = render(report, false, false);
    expect(pdf).toContain('2 dele står uden navngiven ansvarlig');
    expect(pdf).not.toContain('/reports/sikkerhed-2026/');
  });

  it('says it in English too', () => {
    const report = buildOrganisationReport(input({ related: [triangle], lang: 'en' }));
    const data = report.advice.find((a) => a.id === 'data')!;
    expect(data.related![0]!.summary).toBe(
      '2 parts have no named owner: Processes and requirements and Contingency and recovery.',
    );
  });

  it('points nowhere without a triangle result', () => {
    const report = buildOrganisationReport(input());
    expect(report.advice.find((a) => a.id === 'data')).toBeDefined();
    expect(report.advice.every((a) => (a.related ?? []).length === 0)).toBe(true);
    const page = render(report, true);
    expect(page).not.toContain('/reports/sikkerhed-2026/');
    expect(page).not.toContain('uden navngiven ansvarlig');
  });
});
