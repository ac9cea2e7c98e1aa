/** Where the organisation stands: index and stage with the reason, its profile and its domains. */
import type { AdviceItem } from '../../../core/advice/advise.ts';
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import type { OrganisationScore } from '../../../core/scoring/organisation.ts';
import type { CompetencyTarget } from '../../../core/targets/targets.ts';
import { explainStage, refDecimals, refLabel } from '../../../i18n/explain.ts';
import { localize } from '../../../i18n/i18n.ts';
import type { PeerComparison } from './benchmark.ts';
import { competencyScale, domainScale } from './labels.ts';
import type { DomainsSection, ProfileSection, SummarySection } from './types.ts';

export function summarySection(
  instrument: Instrument,
  score: OrganisationScore,
  lang: Lang,
): Omit<SummarySection, 'board'> {
  const indexRef = instrument.def.index;
  const measure = indexRef ? instrument.measureById.get(indexRef) : undefined;
  const placed = score.stage?.stage ?? null;
  const stages = instrument.def.stages;
  const placedAt = stages.findIndex((s) => s.id === placed);
  const stage = placedAt >= 0 ? stages[placedAt]! : null;
  return {
    respondents: score.respondents,
    index: score.index,
    indexLabel: indexRef ? refLabel(instrument, indexRef, lang) : '',
    indexDescription: localize(measure?.description, lang),
    indexDecimals: indexRef ? refDecimals(instrument, indexRef) : 0,
    stage: stage
      ? { id: stage.id, label: localize(stage.label, lang), description: localize(stage.description, lang) }
      : null,
    reason: score.stage ? explainStage(instrument, score.stage, lang) : null,
    ladder: stages.map((s, i) => ({
      id: s.id,
      label: localize(s.label, lang),
      reached: i <= placedAt,
      current: i === placedAt,
    })),
  };
}

export function profileSection(
  instrument: Instrument,
  score: OrganisationScore,
  peers: PeerComparison,
  targets: readonly CompetencyTarget[],
  lang: Lang,
): ProfileSection {
  const figures = peers.comparisonFigures;
  return {
    scale: competencyScale(instrument),
    comparison: peers.section.comparison,
    rows: instrument.def.competencies.map((c) => ({
      id: c.id,
      label: localize(c.label, lang),
      score: score.values[c.score] ?? null,
      peer: figures ? (figures[c.score] ?? { status: 'too-few' }) : null,
      target: targets.find((t) => t.competency === c.id)?.target ?? null,
    })),
  };
}

export function domainsSection(
  instrument: Instrument,
  score: OrganisationScore,
  advice: readonly AdviceItem[],
  lang: Lang,
): DomainsSection {
  const advised = new Set(advice.filter((a) => a.kind === 'domain').map((a) => a.id));
  return {
    scale: domainScale(instrument),
    minGap: instrument.def.advice?.minDomainGap ?? 0,
    rows: instrument.def.domains.map((d) => ({
      id: d.id,
      label: localize(d.label, lang),
      priority: score.values[d.priority] ?? null,
      effort: score.values[d.effort] ?? null,
      gap: score.values[d.gap] ?? null,
      advised: advised.has(d.id),
    })),
  };
}
