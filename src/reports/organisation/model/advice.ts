/** What to do: the core's advice with its practices and recommendations, the plan, and where leaders disagree. */
import type { AdviceItem } from '../../../core/advice/advise.ts';
import type { Divergence } from '../../../core/divergence/divergence.ts';
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import { adviceKey, type PlanItem } from '../../../core/plans/plan.ts';
import { refDecimals, refLabel } from '../../../i18n/explain.ts';
import { formatNumber, joinList, localize } from '../../../i18n/i18n.ts';
import { reportT } from '../../../i18n/report.ts';
import { adviceTargetLabel, competencyScale } from './labels.ts';
import type { AdviceEntry, DivergenceSection, PlanEntry } from './types.ts';

export function adviceEntries(
  instrument: Instrument,
  advice: readonly AdviceItem[],
  plan: readonly PlanItem[],
  lang: Lang,
): AdviceEntry[] {
  const t = reportT(lang);
  const num = (v: number, d = 1) => formatNumber(v, d, lang);
  const def = instrument.def;
  return advice.map((item) => {
    const key = adviceKey(item.kind, item.id);
    const target =
      item.kind === 'competency'
        ? def.competencies.find((c) => c.id === item.id)!
        : def.domains.find((d) => d.id === item.id)!;
    let reason: string;
    if (item.kind === 'competency') {
      const scale = competencyScale(instrument);
      reason =
        item.meanRank === null
          ? t('advice.reasonUnranked', { score: num(item.score ?? 0), max: scale.max })
          : t('advice.reasonCompetency', {
              rank: num(item.meanRank),
              n: def.competencies.length,
              score: num(item.score ?? 0),
              max: scale.max,
            });
    } else {
      reason = t('advice.reasonDomain', {
        priority: num(item.priority),
        effort: num(item.effort),
        gap: num(item.gap),
      });
    }
    return {
      key,
      kind: item.kind,
      id: item.id,
      label: localize(target.label, lang),
      description: localize(target.description, lang),
      reason,
      goodExample: 'goodExample' in target && target.goodExample ? localize(target.goodExample, lang) : null,
      practices: target.practices.map((p) => ({
        title: localize(p.title, lang),
        text: localize(p.text, lang),
      })),
      recommendations: item.recommendations.map((id) => {
        const r = def.recommendations.find((x) => x.id === id)!;
        return {
          id,
          title: localize(r.title, lang),
          text: localize(r.text, lang),
          nextSteps: r.nextSteps.map((s) => localize(s, lang)),
        };
      }),
      planItems: plan.filter((p) => p.adviceKey === key).length,
    };
  });
}

export function planEntries(instrument: Instrument, plan: readonly PlanItem[], lang: Lang): PlanEntry[] {
  const t = reportT(lang);
  return plan.map((p) => ({
    ...p,
    statusLabel: t(`plan.status.${p.status}`),
    adviceLabel: p.adviceKey ? adviceTargetLabel(instrument, p.adviceKey, lang) : null,
  }));
}

export function divergenceSection(
  instrument: Instrument,
  divergence: Divergence | null,
  lang: Lang,
): DivergenceSection {
  const t = reportT(lang);
  if (divergence === null)
    return { status: 'none', counts: { business: 0, it: 0 }, message: null, rankCorrelation: null, rows: [] };
  if (divergence.status === 'not-enough-respondents') {
    return {
      status: divergence.status,
      counts: divergence.counts,
      message: t('divergence.notEnough', {
        groups: joinList(
          divergence.missing.map((g) => t(`divergence.group.${g}`)),
          lang,
        ),
      }),
      rankCorrelation: null,
      rows: [],
    };
  }
  return {
    status: 'ok',
    counts: divergence.counts,
    message: null,
    rankCorrelation: divergence.rankCorrelation,
    rows: divergence.flagged.map((r) => ({
      id: r.id,
      kind: r.kind,
      label:
        r.kind === 'rank'
          ? t('divergence.rankRow', { label: refLabel(instrument, r.id, lang) })
          : refLabel(instrument, r.id, lang),
      business: r.business,
      it: r.it,
      difference: r.difference,
      threshold: r.threshold,
      size: r.difference === null ? 0 : Math.abs(r.difference) / r.threshold,
      decimals: r.kind === 'measure' ? Math.min(refDecimals(instrument, r.id), 1) : 1,
    })),
  };
}
