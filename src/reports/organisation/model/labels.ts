/** Names of things the report talks about, in the report's language. */
import type { Text } from '../../../core/instrument/schema.ts';
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import { refLabel } from '../../../i18n/explain.ts';
import { localize } from '../../../i18n/i18n.ts';
import { reportT } from '../../../i18n/report.ts';

export const roundTitle = (round: { name: string; title: Text | null }, lang: Lang) =>
  (round.title && localize(round.title, lang)) || round.name;

export function sectorLabel(sector: string, lang: Lang): string {
  return reportT(lang)(`sector.${sector}`, { defaultValue: sector });
}

export function typeLabel(type: string | null, lang: Lang): string | null {
  return type === null ? null : reportT(lang)(`orgType.${type}`, { defaultValue: type });
}

export function sizeBandLabel(size: string | null, lang: Lang): string | null {
  return size === null ? null : reportT(lang)(`sizeBand.${size}`, { defaultValue: size });
}

/**
 * A benchmarked value's name. Domain priorities and efforts read better as "domain: priority"
 * than as their item labels, and competency scores by the competency's name.
 */
export function dimensionLabel(instrument: Instrument, ref: string, lang: Lang): string {
  const t = reportT(lang);
  for (const d of instrument.def.domains) {
    if (d.priority === ref) return t('domains.priorityOf', { domain: localize(d.label, lang) });
    if (d.effort === ref) return t('domains.effortOf', { domain: localize(d.label, lang) });
    if (d.gap === ref) return t('domains.gapOf', { domain: localize(d.label, lang) });
  }
  const competency = instrument.def.competencies.find((c) => c.score === ref);
  if (competency) return localize(competency.label, lang);
  return refLabel(instrument, ref, lang);
}

/** The label of the competency or domain an advice key points at; null when there is none. */
export function adviceTargetLabel(instrument: Instrument, key: string, lang: Lang): string | null {
  const [kind, id] = key.split(':');
  const list = kind === 'competency' ? instrument.def.competencies : instrument.def.domains;
  const found = list.find((x) => x.id === id);
  return found ? localize(found.label, lang) : null;
}

/** The scale the competency scores live on: that of the items their measures average. */
export function competencyScale(instrument: Instrument): { min: number; max: number } {
  for (const c of instrument.def.competencies) {
    const first = instrument.measureById.get(c.score)?.mean?.[0];
    const slot = first ? instrument.slotById.get(first) : undefined;
    if (slot?.kind === 'scale') return { min: slot.scale.min, max: slot.scale.max };
  }
  return { min: 1, max: 5 };
}

/** The scale of the domain priority and effort items. */
export function domainScale(instrument: Instrument): { min: number; max: number } {
  const first = instrument.def.domains[0];
  const slot = first ? instrument.slotById.get(first.priority) : undefined;
  return slot?.kind === 'scale' ? { min: slot.scale.min, max: slot.scale.max } : { min: 1, max: 5 };
}
