/**
 * The organisation report from pure inputs: the model agrees with the core, the disclosure
 * rule holds in the model and in the rendered page (a group of k − 1 shows "too few" and no
 * number, a group of k shows its figures), targets, trend, and the page escapes and labels.
 */
import { describe, expect, it } from 'vitest';
import { analyseOrganisation } from '../../src/core/analyse.ts';
import { scoreOrganisation } from '../../src/core/scoring/organisation.ts';
import { missingReportKeys } from '../../src/i18n/report.ts';
import { renderReportHtml } from '../../src/reports/organisation/html/page.ts';
import { reportLinks } from '../../src/reports/organisation/html/context.ts';
import { buildOrganisationReport } from '../../src/reports/organisation/model/build.ts';
import type { OrganisationReport } from '../../src/reports/organisation/model/types.ts';
import da from '../../src/i18n/locales/report.da.json' with { type: 'json' };
import en from '../../src/i18n/locales/report.en.json' with { type: 'json' };
import { input, instrument, peers, planItem } from './fixtures.ts';

const page = (report: OrganisationReport, canEdit = false) =>
  renderReportHtml(report, {
    stylesheet: { href: '/reports/assets/report.css' },
    links: reportLinks(report.round.name, report.organisation.name, report.lang),
    canEdit,
  });

/** The benchmark table row of one group kind, as text. */
function indexRow(html: string, kind: string): { status: string; cells: string[] } {
  const row = new RegExp(`<tr data-group="${kind}" data-status="([a-z-]+)">([\\s\\S]*?)</tr>`).exec(html);
  if (!row) throw new Error(`no row for ${kind}`);
  const cells = [...row[2]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.trim());
  return { status: row[1]!, cells };
}

describe('the report model', () => {
  const organisations = peers(24, 6);
  const base = input({ organisations });
  const report = buildOrganisationReport(base);
  const own = organisations[0]!;
  const analysis = analyseOrganisation(instrument, own);

  it('carries the core analysis: index, stage with its reason, advice in order', () => {
    expect(report.summary.index).toBe(analysis.score.index);
    expect(report.summary.stage?.id).toBe(analysis.score.stage?.stage);
    expect(report.summary.reason).toMatch(/^Placeret som /);
    expect(report.summary.ladder.map((s) => s.id)).toEqual([
      'indlejret',
      'mobiliseret',
      'accelereret',
      'integreret',
    ]);
    expect(report.summary.ladder.filter((s) => s.current)).toHaveLength(1);
    expect(report.advice.map((a) => a.key)).toEqual(analysis.advice.map((a) => `${a.kind}:${a.id}`));
    for (const a of report.advice) {
      expect(a.practices.length).toBeGreaterThan(0);
      for (const r of a.recommendations) expect(r.nextSteps.length).toBeGreaterThan(0);
    }
    expect(report.advice.find((a) => a.key === 'competency:leadership')?.planItems ?? 0).toBe(
      report.advice.some((a) => a.key === 'competency:leadership') ? 1 : 0,
    );
  });

  it('shows business vs IT in labelled parts, each largest difference first, the sign in words', () => {
    // The IT leaders answer the mirror image of the business leaders: every scale turned
    // round (v → 6 − v) and every rank reversed (v → 8 − v), so there are differences to show.
    const mirrored = organisations.map((o, i) =>
      i > 0
        ? o
        : {
            ...o,
            respondents: o.respondents.map((r) =>
              r.answers['profile.role'] !== 'it'
                ? r
                : {
                    ...r,
                    answers: Object.fromEntries(
                      Object.entries(r.answers).map(([k, v]) => [
                        k,
                        typeof v !== 'number' || !/^(how|what)\./.test(k)
                          ? v
                          : k.endsWith('.rank')
                            ? 8 - v
                            : 6 - v,
                      ]),
                    ),
                  },
            ),
          },
    );
    const report = buildOrganisationReport(input({ organisations: mirrored }));
    const c = report.comparisons[0]!;
    expect(c).toMatchObject({ id: 'business-it', status: 'ok', groups: [{ count: 3 }, { count: 3 }] });
    expect(c.parts.map((p) => p.part)).toEqual(
      expect.arrayContaining(['questions', 'competencies', 'ranks']),
    );
    for (const p of c.parts) {
      expect(p.label).toBe(da.divergence.parts[p.part]);
      const sizes = p.rows.map((r) => r.size);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      expect(sizes.every((s) => s >= 1 - 1e-9)).toBe(true);
      for (const r of p.rows) {
        const higher = (r.kind === 'rank' ? r.difference! < 0 : r.difference! > 0)
          ? 'Forretningsledere'
          : 'It-ledere';
        expect(r.higher).toBe(
          r.kind === 'rank' ? `${higher} rangerer dette som vigtigere` : `${higher} vurderer dette højere`,
        );
      }
    }
    // The page: one heading, dot plot and table per part, the unsigned size and who is higher.
    const html = page(report);
    for (const p of c.parts) {
      const table = new RegExp(`<table id="comparison-business-it-${p.part}"[\\s\\S]*?</table>`).exec(
        html,
      )![0];
      expect(html).toContain(`id="comparison-business-it-${p.part}-chart-title"`);
      for (const r of p.rows) expect(table).toContain(r.higher!);
      const differences = [...table.matchAll(/<tr>[\s\S]*?<\/tr>/g)]
        .slice(1)
        .map((row) => [...row[0].matchAll(/<td class="num">\s*([^<]*?)\s*<\/td>/g)][2]![1]!);
      expect(differences).toHaveLength(p.rows.length);
      // Sizes without a sign, as the rows are sorted.
      expect(differences.every((d) => /^\d/.test(d))).toBe(true);
    }
  });

  it('hides a comparison with fewer than the respondent minimum in a group, and says why', () => {
    const few = buildOrganisationReport(input({ organisations, organisation: organisations[1]!.name }));
    const c = few.comparisons[0]!;
    if (c.status === 'ok') return; // the generator gave this one enough leaders of both kinds
    expect(c.parts).toEqual([]);
    expect(c.groups.every((g) => g.count === null)).toBe(true);
    expect(c.message).toMatch(/mindst 3 respondenter/);
  });

  it('marks overdue plan items in words (the report’s Copenhagen day), and only open ones', () => {
    const at = (generatedAt: string, items: Parameters<typeof planItem>[0][]) =>
      buildOrganisationReport({
        ...input({ organisations, plan: items.map((p, i) => planItem({ id: i + 1, ...p })) }),
        generatedAt,
      });
    const report = at('2026-06-30T22:30:00.000Z', [
      { dueDate: '2026-06-30', status: 'in_progress' }, // 1 July in Copenhagen: overdue
      { dueDate: '2026-07-01', status: 'planned' }, // due today: not yet
      { dueDate: '2026-01-01', status: 'done' },
      { dueDate: '2026-01-01', status: 'cancelled' },
      { dueDate: null, status: 'planned' },
    ]);
    expect(report.plan.map((p) => p.overdue)).toEqual([true, false, false, false, false]);
    // 22:30 UTC is still 30 June in UTC, but the report goes by Copenhagen's day.
    expect(at('2026-06-30T21:30:00.000Z', [{ dueDate: '2026-06-30' }]).plan[0]!.overdue).toBe(false);
    const html = page(report);
    const rows = [...html.matchAll(/<tr data-plan-item="(\d+)">([\s\S]*?)<\/tr>/g)];
    expect(rows.filter((r) => r[2]!.includes('Forsinket')).map((r) => r[1])).toEqual(['1']);
  });

  it('shows a closed round’s plan and targets without forms, saying why', () => {
    const open = buildOrganisationReport(input({ organisations }));
    expect(open.planEditable).toBe(true);
    const closed = buildOrganisationReport({
      ...input({ organisations }),
      round: { ...input({ organisations }).round, status: 'closed' },
    });
    expect(closed.planEditable).toBe(false);
    expect(page(open, true)).toContain('action="/reports/');
    const html = page(closed, true);
    expect(html).not.toContain('<form');
    expect(html.match(/data-read-only="true"/g)).toHaveLength(2);
  });

  it('lists every practice, marking those the advice points at', () => {
    const groups = report.practices.groups;
    expect(groups.filter((g) => g.kind === 'competency')).toHaveLength(instrument.def.competencies.length);
    expect(
      groups
        .filter((g) => g.advised)
        .map((g) => g.key)
        .sort(),
    ).toEqual(
      report.advice
        .map((a) => a.key)
        .filter((k) => groups.some((g) => g.key === k))
        .sort(),
    );
  });

  it("shows the organisation's own choices, and its free text only from the respondent minimum", () => {
    expect(report.answers.choices.find((c) => c.id === 'profile.role')!.options).toContainEqual({
      value: 'it',
      label: expect.any(String),
      share: 0.5,
    });
    expect(report.answers.textsHidden).toBeNull();
  });

  it('sets the 2018 study beside the organisation and the round', () => {
    const r = report.references!;
    expect(r.references.map((x) => x.id)).toEqual(['study-2018']);
    const services = r.rows.find((x) => x.label.includes('Relevante services'))!;
    expect(services.reference['study-2018']).toBe('3,9');
    expect(services.round).toMatch(/^\d,\d$/);
  });

  it('shows the distance to this round’s targets and whether last round’s were met', () => {
    const leadership = analysis.score.values['competency.leadership']!;
    const now = report.targets.current.find((r) => r.competency === 'leadership')!;
    expect(now.target).toBe(4.5);
    expect(now.distance).toBeCloseTo(4.5 - leadership, 10);
    expect(report.targets.current.find((r) => r.competency === 'data')!.target).toBeNull();
    // Last round asked for 1,5 (any score reaches it) and 5 (a mean of 3–5 answers rarely does).
    const previous = report.targets.previous!;
    expect(previous.round).toBe('r-2025');
    expect(previous.rows.map((r) => [r.competency, r.met])).toEqual([
      ['leadership', true],
      ['data', (analysis.score.values['competency.data'] ?? 0) >= 5],
    ]);
  });

  it('sets the organisation’s figures against its earlier rounds, oldest first', () => {
    expect(report.trend.rounds.map((r) => [r.name, r.current])).toEqual([
      ['r-2025', false],
      ['r-2026', true],
    ]);
    const earlier = scoreOrganisation(instrument, base.history[0]!.data);
    expect(report.trend.rounds[0]!.index).toBe(earlier.index);
    expect(report.trend.rounds[0]!.competencies.data).toBe(earlier.values['competency.data']);
    expect(report.trend.rounds[1]!.index).toBe(report.summary.index);
  });

  it('names no other organisation anywhere', () => {
    const text = JSON.stringify(report);
    for (const o of organisations.slice(1)) expect(text).not.toContain(o.name);
  });

  it('says which release the figures come from', () => {
    expect(report.release).toMatchObject({ number: 1, at: '2026-11-20T08:00:00.000Z', final: false });
    expect(page(report)).toContain('udgivelse 1');
  });
});

describe('disclosure control in the report (k = 5)', () => {
  // The agencies' sector and size groups: 4 members (k − 1), then 5 (k).
  const tooFew = buildOrganisationReport(input({ organisations: peers(24, 4) }));
  const enough = buildOrganisationReport(input({ organisations: peers(24, 5) }));

  it('has no figure (and no size) for a group of k − 1, only the median band for a group of k', () => {
    for (const kind of ['sector', 'size'] as const) {
      const few = tooFew.benchmark.groups.find((g) => g.kind === kind)!;
      expect(few.size).toBeNull();
      for (const d of tooFew.benchmark.dimensions) expect(d.figures[few.id]).toEqual({ status: 'too-few' });
      const ok = enough.benchmark.groups.find((g) => g.kind === kind)!;
      expect(ok.size).toBe(5);
      // 5 < 3k: the band the median lies in, never a quartile that is a member's own value.
      expect(enough.benchmark.dimensions[0]!.figures[ok.id]).toMatchObject({ status: 'banded', n: 5 });
    }
    // The whole round (24 ≥ 3k) has exact quartiles.
    expect(enough.benchmark.dimensions[0]!.figures['all']).toMatchObject({ status: 'ok', n: 24 });
  });

  it('renders "too few to compare" and no number for k − 1, the band and the quarter for k', () => {
    const few = indexRow(page(tooFew), 'sector');
    expect(few.status).toBe('too-few');
    expect(few.cells).toEqual(['færre end 5', 'For få til at sammenligne']);

    const ok = indexRow(page(enough), 'sector');
    expect(ok.status).toBe('banded');
    expect(ok.cells).toHaveLength(5);
    expect(ok.cells[0]).toBe('5');
    expect(ok.cells[2]).toMatch(/^\d+–\d+$/);
    expect(ok.cells[4]).toMatch(/fjerdedel$/);

    const english = indexRow(
      page(buildOrganisationReport(input({ organisations: peers(24, 4), lang: 'en' }))),
      'size',
    );
    expect(english.cells).toEqual(['fewer than 5', 'Too few to compare']);
  });

  it('marks every cell of a too-small group in the percentile matrix', () => {
    const html = page(tooFew);
    const cells = [
      ...html.matchAll(/<td class="([^"]*)" data-group="sector"( data-status="too-few")?>([^<]*)<\/td>/g),
    ];
    expect(cells).toHaveLength(tooFew.benchmark.dimensions.length);
    for (const c of cells)
      expect([c[1], c[2], c[3]!.trim()]).toEqual(['too-few', ' data-status="too-few"', 'for få']);
  });

  it('withholds the peers’ ranking when the comparison group is below k', () => {
    // 4 organisations in all: no group reaches k = 5.
    const small = buildOrganisationReport(input({ organisations: peers(4, 2) }));
    expect(small.benchmark.comparison).toBeNull();
    expect(small.ranking.peerStatus).toBe('none');
    expect(small.ranking.rows.every((r) => r.peerPlace === null && r.peerMedianRank === null)).toBe(true);
    expect(small.profile.rows.every((r) => r.peer === null)).toBe(true);
    expect(indexRow(page(small), 'all').cells).toEqual(['færre end 5', 'For få til at sammenligne']);
  });
});

describe('the report page', () => {
  it('escapes what users typed and keeps ids unique', () => {
    const report = buildOrganisationReport(
      input({ plan: [planItem({ title: '<script>alert("x")</script> & "more"', owner: "O'Brien <b>" })] }),
    );
    const html = page(report, true);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;more&quot;');
    expect(html).toContain('O&#39;Brien &lt;b&gt;');
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(50);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // Every aria-labelledby and label for= points at an element that exists.
    const refs = [...html.matchAll(/(?:aria-labelledby|for|aria-describedby)="([^"]+)"/g)].flatMap((m) =>
      m[1]!.split(' '),
    );
    for (const ref of refs) expect(ids).toContain(ref);
  });

  it('has the forms only for editors, each posting to the page’s own routes', () => {
    const report = buildOrganisationReport(input());
    expect(page(report, false)).not.toContain('<form');
    const html = page(report, true);
    const actions = [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]);
    expect(actions).toContain('/reports/r-2026/organisations/Styrelse%201/plan?lang=da');
    expect(actions).toContain('/reports/r-2026/organisations/Styrelse%201/targets?lang=da');
    expect(actions).toContain('/reports/r-2026/organisations/Styrelse%201/plan/1?lang=da');
  });

  it('has every text in Danish and English, and no key is missing', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(en).sort()).toEqual(keys(da).sort());
    for (const lang of ['da', 'en'] as const) page(buildOrganisationReport(input({ lang })), true);
    expect(missingReportKeys()).toEqual([]);
    const english = page(buildOrganisationReport(input({ lang: 'en' })));
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Competency profile');
  });
});
