/**
 * The organisation's advice, in order: first the competencies its leaders rank important but
 * score low (importance × shortfall), then the domains with the largest priority − effort
 * gap. Each item carries its practices and the recommendations that apply to it.
 */
import type { Instrument } from '../instrument/types.ts';
import type { Values } from '../scoring/measures.ts';

export interface CompetencyAdvice {
  kind: 'competency';
  id: string;
  score: number | null;
  meanRank: number | null;
  /**
   * 0..1: 1 for mean rank 1, down to the instrument's `minImportance` for mean rank n, in
   * even steps between (the instrument's default when unranked).
   */
  importance: number;
  /** 0..1: how far the score is from the top of the scale. */
  shortfall: number;
  urgency: number;
  recommendations: string[];
}

export interface DomainAdvice {
  kind: 'domain';
  id: string;
  priority: number;
  effort: number;
  gap: number;
  recommendations: string[];
}

export type AdviceItem = CompetencyAdvice | DomainAdvice;

export function advise(instrument: Instrument, values: Values): AdviceItem[] {
  const config = instrument.def.advice;
  if (!config) return [];
  const recsFor = (id: string) =>
    instrument.def.recommendations.filter((r) => r.appliesTo.includes(id)).map((r) => r.id);

  const competencies: CompetencyAdvice[] = [];
  const n = instrument.def.competencies.length;
  instrument.def.competencies.forEach((c) => {
    const score = values[c.score] ?? null;
    if (score === null) return;
    const scale = scaleOf(instrument, c.score);
    const meanRank = values[c.rank] ?? null;
    const importance =
      meanRank === null
        ? config.importanceWhenUnranked
        : n <= 1
          ? 1
          : 1 - ((1 - config.minImportance) * Math.min(Math.max(meanRank - 1, 0), n - 1)) / (n - 1);
    const shortfall = Math.min(1, Math.max(0, (scale.max - score) / (scale.max - scale.min)));
    const urgency = importance * shortfall;
    if (urgency + 1e-9 >= config.minCompetencyUrgency) {
      competencies.push({
        kind: 'competency',
        id: c.id,
        score,
        meanRank,
        importance,
        shortfall,
        urgency,
        recommendations: recsFor(c.id),
      });
    }
  });
  const order = (id: string) => instrument.def.competencies.findIndex((c) => c.id === id);
  competencies.sort((a, b) => b.urgency - a.urgency || order(a.id) - order(b.id));

  const domains: DomainAdvice[] = [];
  instrument.def.domains.forEach((d) => {
    const priority = values[d.priority] ?? null;
    const effort = values[d.effort] ?? null;
    const gap = values[d.gap] ?? null;
    if (priority === null || effort === null || gap === null) return;
    if (gap + 1e-9 >= config.minDomainGap) {
      domains.push({ kind: 'domain', id: d.id, priority, effort, gap, recommendations: recsFor(d.id) });
    }
  });
  const dOrder = (id: string) => instrument.def.domains.findIndex((d) => d.id === id);
  domains.sort((a, b) => b.gap - a.gap || dOrder(a.id) - dOrder(b.id));
  return [...competencies, ...domains];
}

/** The scale a value lives on: its item's scale, or the scale of the items a mean covers. */
function scaleOf(instrument: Instrument, ref: string): { min: number; max: number } {
  const slot = instrument.slotById.get(ref);
  if (slot?.kind === 'scale') return slot.scale;
  const m = instrument.measureById.get(ref);
  const first = m?.mean?.[0] ?? m?.min?.[0] ?? m?.max?.[0] ?? m?.weightedMean?.[0]?.ref;
  return first && first !== ref ? scaleOf(instrument, first) : { min: 1, max: 5 };
}
