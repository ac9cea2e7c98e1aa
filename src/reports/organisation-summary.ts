/**
 * The organisation summary that `pejling score` prints (JSON or text): the core's analysis
 * with labels and sentences in the chosen language. Numbers stay unrounded in JSON.
 */
import type { OrganisationAnalysis } from '../core/analyse.ts';
import type { Instrument, Lang } from '../core/instrument/types.ts';
import { explainStage, refDecimals, refLabel, stageLabel } from '../i18n/explain.ts';
import { formatNumber, localize, translator } from '../i18n/i18n.ts';

export function organisationSummary(instrument: Instrument, a: OrganisationAnalysis, lang: Lang) {
  const { score } = a;
  const def = instrument.def;
  const label = (id: string) => refLabel(instrument, id, lang);
  const competency = (id: string) => def.competencies.find((c) => c.id === id)!;
  const domain = (id: string) => def.domains.find((d) => d.id === id)!;
  const t = translator(lang);
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
    divergence:
      a.divergence === null
        ? null
        : a.divergence.status === 'not-enough-respondents'
          ? {
              status: a.divergence.status,
              counts: a.divergence.counts,
              message: t('divergence.notEnough', {
                groups: a.divergence.missing.map((g) => t(`divergence.${g}`)).join(', '),
              }),
            }
          : {
              status: a.divergence.status,
              counts: a.divergence.counts,
              rankCorrelation: a.divergence.rankCorrelation,
              flagged: a.divergence.flagged.map((r) => ({
                ...r,
                label: r.kind === 'rank' ? t('divergence.rankRow', { label: label(r.id) }) : label(r.id),
              })),
              rows: a.divergence.rows,
            },
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

const TEXT = {
  da: {
    respondents: 'respondenter',
    index: 'Modenhedsindeks',
    stage: 'Stadie',
    measures: 'Scorer',
    ranking: 'Rangering af kompetencer',
    divergence: 'Forskelle mellem forretning og it',
    noDivergence: 'Ingen forskelle over tærsklen.',
    rho: 'rangkorrelation',
    advice: 'Råd, i prioriteret rækkefølge',
    noAdvice: 'Ingen kompetencer eller domæner over rådgivningstærsklen.',
    practices: 'Praksis',
    recommendations: 'Anbefalinger',
    none: '–',
  },
  en: {
    respondents: 'respondents',
    index: 'Maturity index',
    stage: 'Stage',
    measures: 'Scores',
    ranking: 'Ranking of competencies',
    divergence: 'Differences between business and IT',
    noDivergence: 'No differences above the threshold.',
    rho: 'rank correlation',
    advice: 'Advice, in order of priority',
    noAdvice: 'No competency or domain above the advice threshold.',
    practices: 'Practices',
    recommendations: 'Recommendations',
    none: '–',
  },
} as const;

export function renderSummaryText(instrument: Instrument, s: OrganisationSummary, lang: Lang): string {
  const T = TEXT[lang];
  const num = (v: number | null, ref: string) =>
    v === null ? T.none : formatNumber(v, refDecimals(instrument, ref), lang);
  const out: string[] = [];
  out.push(`# ${s.organisation} (${s.sector}, ${s.respondents} ${T.respondents})`);
  out.push(`${T.index}: ${num(s.index, instrument.def.index ?? '')}`);
  out.push(`${T.stage}: ${s.stageLabel ?? T.none}. ${s.stageReason ?? ''}`);
  out.push('', `## ${T.measures}`);
  for (const [id, v] of Object.entries(s.measures))
    out.push(`- ${refLabel(instrument, id, lang)}: ${num(v, id)}`);
  if (s.ranking.length > 0) {
    out.push('', `## ${T.ranking}`);
    for (const r of s.ranking) out.push(`${r.place}. ${r.label} (${formatNumber(r.meanRank ?? 0, 2, lang)})`);
  }
  if (s.divergence) {
    out.push('', `## ${T.divergence}`);
    if (s.divergence.status !== 'ok' || !('flagged' in s.divergence))
      out.push(`${'message' in s.divergence ? s.divergence.message : ''}`);
    else {
      if (s.divergence.flagged.length === 0) out.push(T.noDivergence);
      for (const r of s.divergence.flagged) {
        out.push(
          `- ${r.label}: ${formatNumber(r.business!, 2, lang)} / ${formatNumber(r.it!, 2, lang)} (${formatNumber(r.difference!, 2, lang)})`,
        );
      }
      if (s.divergence.rankCorrelation !== null)
        out.push(`(${T.rho}: ${formatNumber(s.divergence.rankCorrelation, 2, lang)})`);
    }
  }
  out.push('', `## ${T.advice}`);
  if (s.advice.length === 0) out.push(T.noAdvice);
  s.advice.forEach((a, n) => {
    out.push(`${n + 1}. ${a.label}`);
    out.push(`   ${T.practices}: ${a.practices.map((p) => p.title).join('; ')}`);
    if (a.recommendations.length > 0)
      out.push(`   ${T.recommendations}: ${a.recommendations.map((r) => r.title).join('; ')}`);
  });
  return `${out.join('\n')}\n`;
}
