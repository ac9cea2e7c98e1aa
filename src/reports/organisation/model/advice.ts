/** What to do: the core's advice with its practices and recommendations, the plan, and where leaders disagree. */
import type { AdviceItem } from '../../../core/advice/advise.ts';
import type { Comparison } from '../../../core/figures/compare.ts';
import type { Text } from '../../../core/instrument/schema.ts';
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import { adviceKey, isOverdue, type PlanItem } from '../../../core/plans/plan.ts';
import { localCalendarDay } from '../../../i18n/dates.ts';
import { refDecimals, refLabel } from '../../../i18n/explain.ts';
import { formatNumber, joinList, localize } from '../../../i18n/i18n.ts';
import { reportT } from '../../../i18n/report.ts';
import { adviceTargetLabel, competencyScale } from './labels.ts';
import {
  relatedResults,
  type OrganisationResult,
  type RelatedResult,
} from '../../../core/overview/related.ts';
import type { AdviceEntry, ComparisonSection, PlanEntry, PracticesSection, RelatedEntry } from './types.ts';

/**
 * A related result in plain words: the parts it flags (a checklist group's label where the
 * flag belongs to one, e.g. a corner with no named owner), or that nothing is flagged.
 */
function relatedEntry(r: RelatedResult, lang: Lang): RelatedEntry {
  const t = reportT(lang);
  const { instrument, headline } = r.result;
  const groups = instrument.def.checklists.flatMap((c) => c.groups);
  const flagged = headline.flags.map((f) =>
    localize(groups.find((g) => g.flag === f.id)?.label ?? f.label, lang),
  );
  const instrumentTitle = localize(instrument.def.title, lang);
  return {
    instrument: instrument.id,
    instrumentTitle,
    round: r.result.round,
    roundTitle: localize(r.result.roundTitle, lang) || r.result.round,
    summary:
      flagged.length > 0
        ? t('advice.related.flagged', { count: flagged.length, parts: joinList(flagged, lang) })
        : instrument.def.flags.length > 0
          ? t('advice.related.noneFlagged')
          : t('advice.related.result'),
    flagged,
    checklist: instrument.def.checklists.length > 0,
  };
}

export function adviceEntries(
  instrument: Instrument,
  advice: readonly AdviceItem[],
  plan: readonly PlanItem[],
  lang: Lang,
  results: readonly OrganisationResult[] = [],
): AdviceEntry[] {
  const t = reportT(lang);
  const related = relatedResults(instrument, advice, results);
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
      related: related.filter((r) => r.advice === item.id).map((r) => relatedEntry(r, lang)),
    };
  });
}

/** The plan as of `now` (the report's time): overdue items are marked. */
export function planEntries(
  instrument: Instrument,
  plan: readonly PlanItem[],
  now: string,
  lang: Lang,
): PlanEntry[] {
  const t = reportT(lang);
  const today = localCalendarDay(now);
  return plan.map((p) => ({
    ...p,
    overdue: isOverdue(p, today),
    statusLabel: t(`plan.status.${p.status}`),
    adviceLabel: p.adviceKey ? adviceTargetLabel(instrument, p.adviceKey, lang) : null,
    inPortfolio: null,
  }));
}

/** Each declared comparison of respondent groups, as the organisation's version may show it. */
export function comparisonSections(
  instrument: Instrument,
  comparisons: readonly Comparison[],
  decisions: Readonly<Record<string, { readonly status: string }>>,
  respondentMin: number,
  lang: Lang,
): ComparisonSection[] {
  const t = reportT(lang);
  const groupLabel = (id: string) =>
    localize(instrument.respondentGroups.find((g) => g.id === id)?.label, lang) || id;
  return comparisons.map((c) => {
    const decision = decisions[c.comparison.id]?.status ?? 'too-few';
    const shown = decision === 'shown';
    const label = localize(c.comparison.label, lang) || c.comparison.groups.map(groupLabel).join(' / ');
    const groups = c.comparison.groups.map((g, i) => ({
      id: g,
      label: groupLabel(g),
      // Sizes of a hidden comparison could be what gives someone away: shown only with it.
      count: shown ? c.counts[i]! : null,
    }));
    if (!shown)
      return {
        id: c.comparison.id,
        label,
        groups,
        status: decision === 'complementary' ? ('complementary' as const) : ('too-few' as const),
        message: t(`comparison.${decision === 'complementary' ? 'complementary' : 'tooFew'}`, {
          min: respondentMin,
          groups: joinList(
            groups.map((g) => g.label),
            lang,
          ),
        }),
        rankCorrelation: null,
        parts: [],
      };
    return {
      id: c.comparison.id,
      label,
      groups,
      status: 'ok' as const,
      message: null,
      rankCorrelation: c.rankCorrelation,
      parts: c.parts.map((p) => ({
        part: p.part,
        label: t(`divergence.parts.${p.part}`),
        threshold: p.rows.some((r) => r.threshold !== p.rows[0]!.threshold)
          ? t('divergence.thresholdMixed')
          : t(p.part === 'ranks' ? 'divergence.thresholdRanks' : 'divergence.thresholdPoints', {
              threshold: formatNumber(p.rows[0]!.threshold, 1, lang),
            }),
        rows: p.rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          label:
            r.kind === 'rank'
              ? localize(instrument.def.competencies.find((x) => x.rank === r.id)?.label, lang) ||
                refLabel(instrument, r.id, lang)
              : refLabel(instrument, r.id, lang),
          higher:
            r.higher === null
              ? null
              : t(r.kind === 'rank' ? 'divergence.higherRank' : 'divergence.higher', {
                  group: groups[r.higher]!.label,
                }),
          a: r.a,
          b: r.b,
          difference: r.difference,
          threshold: r.threshold,
          size: r.difference === null ? 0 : Math.abs(r.difference) / r.threshold,
          decimals: r.kind === 'measure' ? Math.min(refDecimals(instrument, r.id), 1) : 1,
        })),
      })),
    };
  });
}

/** Every practice of every competency and domain, marked where the organisation is advised. */
export function practicesSection(
  instrument: Instrument,
  advice: readonly AdviceItem[],
  lang: Lang,
): PracticesSection {
  const advised = new Set(advice.map((a) => adviceKey(a.kind, a.id)));
  const practices = (list: readonly { title: Text; text: Text }[]) =>
    list.map((p) => ({ title: localize(p.title, lang), text: localize(p.text, lang) }));
  return {
    groups: [
      ...instrument.def.competencies.map((c) => ({
        key: adviceKey('competency', c.id),
        kind: 'competency' as const,
        label: localize(c.label, lang),
        advised: advised.has(adviceKey('competency', c.id)),
        practices: practices(c.practices),
      })),
      ...instrument.def.domains
        .filter((d) => d.practices.length > 0)
        .map((d) => ({
          key: adviceKey('domain', d.id),
          kind: 'domain' as const,
          label: localize(d.label, lang),
          advised: advised.has(adviceKey('domain', d.id)),
          practices: practices(d.practices),
        })),
    ],
  };
}
