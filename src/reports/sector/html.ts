/**
 * The sector report as one HTML document (web page and PDF), server-rendered: every chart is
 * an SVG rendered with the organisation report's chart helpers, and every chart has a table
 * with the same numbers beside it (the accessible alternative, and what a reader can quote).
 */
import type { TFunction } from 'i18next';
import { rankingComparisonOption } from '../../charts/ranking-comparison.ts';
import { renderChartSvg } from '../../charts/render-svg.ts';
import { roundBarsOption } from '../../charts/trend.ts';
import type { Lang, Instrument } from '../../core/instrument/types.ts';
import { adminT } from '../../i18n/admin.ts';
import { formatNumber, localize } from '../../i18n/i18n.ts';
import { html, trustedCss, trustedSvg, type SafeHtml } from '../organisation/html/escape.ts';
import { isSuppressed, type GroupFigures, type SectorReport } from './model.ts';

export interface SectorReportPage {
  readonly report: SectorReport;
  readonly instrument: Instrument;
  readonly title: string;
  readonly lang: Lang;
  readonly stylesheet: { readonly href: string } | { readonly inline: string };
  /** Links to the other formats, for the web page. */
  readonly links?: { readonly pdf: string; readonly json: string; readonly other: string } | undefined;
}

type Figures = Record<string, unknown>;

export function renderSectorReport(page: SectorReportPage): string {
  const { report, instrument, lang } = page;
  const t = adminT(lang);
  const num = (v: unknown, d = 1) => (typeof v === 'number' ? formatNumber(v, d, lang) : t('sector.noValue'));
  const labels = reportLabels(instrument, t, lang);
  const suppressedText = (f: GroupFigures) => t('sector.suppressed', { k: report.k, n: f.organisations });
  const overall = report.overall;

  const bars = (
    id: string,
    title: string,
    categories: string[],
    series: { name: string; values: (number | null)[] }[],
    scale: { min: number; max: number },
    axis: string,
  ) =>
    html`<figure class="chart">
      ${trustedSvg(
        renderChartSvg(
          roundBarsOption({
            categories,
            rounds: series,
            scale,
            axis,
            format: (v) => formatNumber(v, 1, lang),
          }),
          { id, title, description: t('sector.chartBars', { title }) },
          { width: 640, height: 80 + categories.length * 26 * Math.max(1, series.length) },
        ),
      )}
    </figure>`;

  const section = (id: string, heading: string, body: SafeHtml) =>
    html`<section aria-labelledby="${id}">
      <h2 id="${id}">${heading}</h2>
      ${body}
    </section>`;

  const body: SafeHtml[] = [];
  if (isSuppressed(overall)) {
    body.push(html`<p>${suppressedText(overall)}</p>`);
  } else {
    const f = overall as Figures;
    const importance = (f.importance ?? {}) as Record<string, number>;
    const points = Object.keys(importance);
    body.push(
      section(
        'importance',
        t('sector.importance'),
        html`<p>${t('sector.importanceIntro')}</p>
          ${bars(
            'importance-chart',
            t('sector.importance'),
            points.map((p) => labels.importance(p)),
            [{ name: t('sector.count'), values: points.map((p) => importance[p] ?? 0) }],
            { min: 0, max: Math.max(1, ...Object.values(importance)) },
            t('sector.countAxis'),
          )}
          ${table(
            t('sector.importance'),
            [t('sector.point'), t('sector.count')],
            points.map((p) => [labels.importance(p), String(importance[p] ?? 0)]),
          )}`,
      ),
    );
    const impact = (f.impact ?? {}) as Record<string, number | null>;
    body.push(
      section(
        'impact',
        t('sector.impact'),
        table(
          t('sector.impact'),
          [t('sector.impactType'), t('sector.mean')],
          Object.keys(impact).map((k) => [t(`sector.impactTypes.${k}`, { defaultValue: k }), num(impact[k])]),
        ),
      ),
    );
    const domains = (f.domains ?? {}) as Record<string, { priority: number | null; effort: number | null }>;
    const domainIds = Object.keys(domains);
    body.push(
      section(
        'domains',
        t('sector.domains'),
        html`${bars(
          'domains-chart',
          t('sector.domains'),
          domainIds.map(labels.domain),
          [
            { name: t('sector.priority'), values: domainIds.map((d) => domains[d]!.priority) },
            { name: t('sector.effort'), values: domainIds.map((d) => domains[d]!.effort) },
          ],
          { min: 0, max: 5 },
          t('sector.scoreAxis'),
        )}
        ${table(
          t('sector.domains'),
          [t('sector.domain'), t('sector.priority'), t('sector.effort')],
          domainIds.map((d) => [labels.domain(d), num(domains[d]!.priority), num(domains[d]!.effort)]),
        )}`,
      ),
    );
    const competencies = (f.competencies ?? {}) as Record<
      string,
      { meanRank: number | null; score: number | null }
    >;
    const competencyIds = Object.keys(competencies);
    body.push(
      section(
        'competencies',
        t('sector.competencies'),
        html`${bars('competencies-chart', t('sector.competencies'), competencyIds.map(labels.competency), [{ name: t('sector.score'), values: competencyIds.map((c) => competencies[c]!.score) }], { min: 0, max: 5 }, t('sector.scoreAxis'))}
        ${table(
          t('sector.competencies'),
          [t('sector.competency'), t('sector.meanRank'), t('sector.score')],
          competencyIds.map((c) => [
            labels.competency(c),
            num(competencies[c]!.meanRank),
            num(competencies[c]!.score),
          ]),
        )}`,
      ),
    );
    const stages = (f.stages ?? {}) as Record<string, number>;
    const stageIds = Object.keys(stages);
    body.push(
      section(
        'stages',
        t('sector.stages'),
        html`${bars('stages-chart', t('sector.stages'), stageIds.map(labels.stage), [{ name: t('sector.count'), values: stageIds.map((s) => stages[s] ?? 0) }], { min: 0, max: Math.max(1, ...Object.values(stages)) }, t('sector.countAxis'))}
        ${table(
          t('sector.stages'),
          [t('sector.stage'), t('sector.count')],
          stageIds.map((s) => [labels.stage(s), String(stages[s] ?? 0)]),
        )}`,
      ),
    );
  }

  // By sector and best practice: the same key figures side by side, "fewer than k" where so.
  const keyRows = (groups: GroupFigures[]): string[][] => {
    const rows: string[][] = [[t('sector.organisationsRow'), ...groups.map((g) => String(g.organisations))]];
    const pick = (path: string[]) =>
      groups.map((g) =>
        isSuppressed(g)
          ? t('sector.noValue')
          : num(path.reduce<unknown>((o, k) => (o as Figures | undefined)?.[k], g)),
      );
    for (const c of instrument.def.competencies)
      rows.push([
        `${labels.competency(c.id)}: ${t('sector.score')}`,
        ...pick(['competencies', c.id, 'score']),
      ]);
    for (const d of instrument.def.domains ?? [])
      rows.push([`${labels.domain(d.id)}: ${t('sector.effort')}`, ...pick(['domains', d.id, 'effort'])]);
    return rows;
  };
  const sectorIds = Object.keys(report.bySector) as (keyof SectorReport['bySector'])[];
  const sectorGroups = sectorIds.map((s) => report.bySector[s]!);
  body.push(
    section(
      'by-sector',
      t('sector.bySector'),
      html`${
        sectorGroups.some(isSuppressed)
          ? html`<p>
              ${t('sector.suppressed', {
                k: report.k,
                n: sectorGroups
                  .filter(isSuppressed)
                  .map((g) => g.organisations)
                  .join(', '),
              })}
            </p>`
          : ''
      }
      ${table(t('sector.bySector'), [t('sector.figure'), ...sectorIds.map((s) => t(`sector.sectors.${s}`))], keyRows(sectorGroups))}`,
    ),
  );
  if (report.bestPractice) {
    const { best, rest } = report.bestPractice;
    body.push(
      section(
        'best',
        t('sector.best'),
        html`<p>${t('sector.bestIntro')}</p>
          ${table(t('sector.best'), [t('sector.figure'), t('sector.bestGroup'), t('sector.rest')], keyRows([best, rest]))}`,
      ),
    );
  }
  if (report.divergence) {
    const d = report.divergence;
    if (isSuppressed(d))
      body.push(
        section(
          'divergence',
          t('sector.divergence'),
          html`<p>${t('sector.suppressed', { k: report.k, n: d.organisations })}</p>`,
        ),
      );
    else {
      const ranks = d.rows
        .filter((r) => r.kind === 'rank')
        .sort((a, b) => (a.businessPlace ?? 99) - (b.businessPlace ?? 99));
      const size = ranks.length;
      const rankLabel = (id: string) =>
        labels.competency(instrument.def.competencies.find((c) => c.rank === id)?.id ?? id);
      const chart = size
        ? html`<figure class="chart">
            ${trustedSvg(
              renderChartSvg(
                rankingComparisonOption({
                  rows: ranks.map((r) => ({ label: rankLabel(r.id), ours: r.business, peers: r.it })),
                  size,
                  labels: { ours: t('sector.business'), peers: t('sector.it'), axis: t('sector.rankAxis') },
                }),
                {
                  id: 'divergence-chart',
                  title: t('sector.divergence'),
                  description: t('sector.chartBars', { title: t('sector.divergence') }),
                },
                { width: 640, height: 120 + size * 34 },
              ),
            )}
          </figure>`
        : '';
      body.push(
        section(
          'divergence',
          t('sector.divergence'),
          html`<p>${t('sector.divergenceIntro', { n: d.organisations })}</p>
            ${chart}
            ${table(
              t('sector.divergence'),
              [
                t('sector.competency'),
                `${t('sector.business')}: ${t('sector.place')}`,
                `${t('sector.it')}: ${t('sector.place')}`,
                `${t('sector.business')}: ${t('sector.meanRank')}`,
                `${t('sector.it')}: ${t('sector.meanRank')}`,
              ],
              ranks.map((r) => [
                rankLabel(r.id),
                String(r.businessPlace ?? '–'),
                String(r.itPlace ?? '–'),
                num(r.business),
                num(r.it),
              ]),
            )}`,
        ),
      );
    }
  }
  if (report.change) {
    const c = report.change;
    const prev = c.figures;
    const rows: string[][] = [];
    if (!isSuppressed(prev) && !isSuppressed(overall)) {
      const get = (f: unknown, path: string[]) =>
        path.reduce<unknown>((o, k) => (o as Figures | undefined)?.[k], f);
      const line = (label: string, path: string[]) =>
        rows.push([label, num(get(prev, path)), num(get(overall, path)), num(get(c.delta, path))]);
      line(t('sector.organisationsRow'), ['organisations']);
      for (const k of Object.keys(((overall as Figures).impact ?? {}) as object))
        line(t(`sector.impactTypes.${k}`, { defaultValue: k }), ['impact', k]);
      for (const comp of instrument.def.competencies)
        line(`${labels.competency(comp.id)}: ${t('sector.score')}`, ['competencies', comp.id, 'score']);
      for (const s of instrument.def.stages)
        line(`${t('sector.stage')}: ${labels.stage(s.id)}`, ['stages', s.id]);
    }
    body.push(
      section(
        'change',
        t('sector.change', { previous: c.previous }),
        rows.length
          ? table(
              t('sector.change', { previous: c.previous }),
              [t('sector.figure'), t('sector.previous'), t('sector.current'), t('sector.delta')],
              rows,
            )
          : html`<p>${t('sector.suppressed', { k: report.k, n: prev.organisations })}</p>`,
      ),
    );
  }

  const style =
    'href' in page.stylesheet
      ? html`<link rel="stylesheet" href="${page.stylesheet.href}" />`
      : html`<style>
          ${trustedCss(page.stylesheet.inline)}
        </style>`;
  const links = page.links
    ? html`<nav aria-label="${t('sector.download')}">
        <ul class="links">
          <li><a href="${page.links.pdf}">${t('round.pdf')}</a></li>
          <li><a href="${page.links.json}">${t('round.json')}</a></li>
          <li>
            <a href="${page.links.other}" lang="${lang === 'da' ? 'en' : 'da'}">${t('nav.language')}</a>
          </li>
        </ul>
      </nav>`
    : '';
  return `<!doctype html>\n${
    html`<html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${t('sector.title', { title: page.title })}</title>
        ${style}
      </head>
      <body class="report">
        <main id="main">
          <h1>${t('sector.title', { title: page.title })}</h1>
          <p>
            ${t('sector.summary', { organisations: report.organisations, respondents: report.respondents, k: report.k })}
          </p>
          ${links} ${body}
        </main>
      </body>
    </html>`.value
  }`;
}

function table(caption: string, head: string[], rows: string[][]): SafeHtml {
  return html`<div class="table-wrap">
    <table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${head.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <th scope="row">${r[0]}</th>
              ${r.slice(1).map((c) => html`<td>${c}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function reportLabels(instrument: Instrument, t: TFunction, lang: Lang) {
  const importanceSlot = instrument.slotById.get('why.importance');
  return {
    competency: (id: string) =>
      localize(instrument.def.competencies.find((c) => c.id === id)?.label, lang) || id,
    domain: (id: string) =>
      localize((instrument.def.domains ?? []).find((d) => d.id === id)?.label, lang) || id,
    stage: (id: string) => localize(instrument.def.stages.find((s) => s.id === id)?.label, lang) || id,
    importance: (point: string) => {
      const label =
        importanceSlot?.kind === 'scale' ? localize(importanceSlot.scale.labels[point], lang) : '';
      return label ? `${point} ${label}` : point;
    },
    t,
  };
}
