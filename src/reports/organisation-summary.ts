/**
 * The organisation summary that `pejling score` prints (JSON or text): the core's analysis
 * with labels and sentences in the chosen language. Numbers stay unrounded in JSON.
 * Respondent-group comparisons follow the respondent minimum like the report's.
 */
import { analyseOrganisation, type OrganisationAnalysis } from '../core/analyse.ts';
import type { DisclosurePolicy } from '../core/disclosure/policy.ts';
import type { OrganisationData } from '../core/exchange/types.ts';
import type { Instrument, Lang } from '../core/instrument/types.ts';
import { decideComparisons } from '../core/release/organisation-version.ts';
import { explainStage, refDecimals, refLabel, stageLabel } from '../i18n/explain.ts';
import { formatNumber, joinList, localize, translator } from '../i18n/i18n.ts';

export function organisationSummary(
  instrument: Instrument,
  a: OrganisationAnalysis,
  org: OrganisationData,
  lang: Lang,
  policy: DisclosurePolicy,
) {
  const def = instrument.def;
  const label = (id: string) => refLabel(instrument, id, lang);
  const competency = (id: string) => def.competencies.find((c) => c.id === id)!;
  const domain = (id: string) => def.domains.find((d) => d.id === id)!;
  const t = translator(lang);
  const decisions = decideComparisons(
    instrument,
    org.respondents.map((r, i) => ({ respondent: i, submission: i, answers: r.answers })),
    [],
    policy.respondentMin,
  );
  // Only the rows the respondent minimum allows are computed at all.
  const allowed = analyseOrganisation(
    instrument,
    org,
    Object.fromEntries(Object.entries(decisions).map(([id, v]) => [id, v.rows])),
  );
  const { score } = a;
  const groupLabel = (id: string) =>
    localize(instrument.respondentGroups.find((g) => g.id === id)?.label, lang) || id;
  const comparisons = allowed.comparisons.map((c) => {
    const status = decisions[c.comparison.id]?.status ?? 'too-few';
    const groups = c.comparison.groups.map((g, i) => ({ id: g, label: groupLabel(g), count: c.counts[i]! }));
    const base = { id: c.comparison.id, status, groups };
    if (status !== 'shown')
      return {
        ...base,
        message: t(status === 'complementary' ? 'comparison.complementary' : 'comparison.tooFew', {
          min: policy.respondentMin,
          counts: joinList(
            groups.map((g) => `${g.label}: ${g.count}`),
            lang,
          ),
        }),
      };
    return {
      ...base,
      rankCorrelation: c.rankCorrelation,
      flagged: c.flagged.map((r) => ({
        ...r,
        label: r.kind === 'rank' ? t('comparison.rankRow', { label: label(r.id) }) : label(r.id),
      })),
      rows: c.rows,
    };
  });
  return {
    organisation: score.organisation,
    sector: score.sector,
    respondents: score.respondents,
    index: score.index,
    stage: score.stage?.stage ?? null,
    stageLabel: score.stage?.stage ? stageLabel(instrument, score.stage.stage, lang) : null,
    stageReason: score.stage ? explainStage(instrument, score.stage, lang) : null,
    stagePlacement: score.stage,
    measures: Object.fromEntries(instrument.measures.map((m) => [m.id, score.values[m.id] ?? null])),
    items: Object.fromEntries(
      [...instrument.slotById.values()]
        .filter((s) => s.kind === 'scale' || s.kind === 'rank' || s.kind === 'number')
        .map((s) => [s.id, { value: score.values[s.id] ?? null, answered: score.answered[s.id] ?? 0 }]),
    ),
    ranking: score.ranking.map((id, place) => ({
      place: place + 1,
      competency: id,
      label: localize(competency(id).label, lang),
      meanRank: score.values[competency(id).rank] ?? null,
    })),
    comparisons,
    advice: a.advice.map((item) => {
      const target = item.kind === 'competency' ? competency(item.id) : domain(item.id);
      return {
        ...item,
        label: localize(target.label, lang),
        practices: target.practices.map((p) => ({
          title: localize(p.title, lang),
          text: localize(p.text, lang),
        })),
        recommendations: item.recommendations.map((id) => {
          const r = def.recommendations.find((x) => x.id === id)!;
          return { id, title: localize(r.title, lang), nextSteps: r.nextSteps.map((s) => localize(s, lang)) };
        }),
      };
    }),
  };
}

export type OrganisationSummary = ReturnType<typeof organisationSummary>;

export function renderSummaryText(instrument: Instrument, s: OrganisationSummary, lang: Lang): string {
  const t = translator(lang);
  const none = t('summary.none');
  const num = (v: number | null, ref: string) =>
    v === null ? none : formatNumber(v, refDecimals(instrument, ref), lang);
  const out: string[] = [];
  out.push(`# ${s.organisation} (${s.sector}, ${s.respondents} ${t('summary.respondents')})`);
  out.push(`${t('summary.index')}: ${num(s.index, instrument.def.index ?? '')}`);
  out.push(`${t('summary.stage')}: ${s.stageLabel ?? none}. ${s.stageReason ?? ''}`);
  out.push('', `## ${t('summary.measures')}`);
  for (const [id, v] of Object.entries(s.measures))
    out.push(`- ${refLabel(instrument, id, lang)}: ${num(v, id)}`);
  if (s.ranking.length > 0) {
    out.push('', `## ${t('summary.ranking')}`);
    for (const r of s.ranking) out.push(`${r.place}. ${r.label} (${formatNumber(r.meanRank ?? 0, 2, lang)})`);
  }
  for (const c of s.comparisons) {
    out.push('', `## ${t('summary.comparison', { label: c.groups.map((g) => g.label).join(' / ') })}`);
    if (!('flagged' in c)) out.push(c.message);
    else {
      if (c.flagged.length === 0) out.push(t('summary.noDivergence'));
      for (const r of c.flagged)
        out.push(
          `- ${r.label}: ${formatNumber(r.a!, 2, lang)} / ${formatNumber(r.b!, 2, lang)} (${formatNumber(r.difference!, 2, lang)})`,
        );
      if (c.rankCorrelation !== null)
        out.push(`(${t('summary.rho')}: ${formatNumber(c.rankCorrelation, 2, lang)})`);
    }
  }
  out.push('', `## ${t('summary.advice')}`);
  if (s.advice.length === 0) out.push(t('summary.noAdvice'));
  s.advice.forEach((a, n) => {
    out.push(`${n + 1}. ${a.label}`);
    out.push(`   ${t('summary.practices')}: ${a.practices.map((p) => p.title).join('; ')}`);
    if (a.recommendations.length > 0)
      out.push(`   ${t('summary.recommendations')}: ${a.recommendations.map((r) => r.title).join('; ')}`);
  });
  return `${out.join('\n')}\n`;
}
