/** A language-resolved, serialisable view of an instrument (for `instrument show` and the API). */
import type { Instrument, Lang } from '../core/instrument/types.ts';
import { localize } from '../i18n/i18n.ts';

export function describeInstrument(instrument: Instrument, lang: Lang) {
  const def = instrument.def;
  const L = (t: Parameters<typeof localize>[0]) => localize(t, lang);
  return {
    id: def.id,
    version: def.version,
    lang,
    title: L(def.title),
    description: L(def.description),
    source: L(def.source),
    minutes: def.minutes,
    sections: def.sections.map((section) => ({
      id: section.id,
      title: L(section.title),
      intro: section.intro ? L(section.intro) : undefined,
      items: instrument.items
        .filter((item) => item.sectionId === section.id)
        .map(({ def: item, scale, showIf }) => ({
          id: item.id,
          type: item.type,
          text: L(item.text),
          help: item.help ? L(item.help) : undefined,
          required: item.required,
          showIf,
          points:
            item.type === 'scale' && scale
              ? Array.from({ length: scale.max - scale.min + 1 }, (_, k) => {
                  const value = scale.min + k;
                  const level = item.levels?.[String(value)];
                  return {
                    value,
                    label: L(scale.labels[String(value)]),
                    level: level ? L(level) : undefined,
                  };
                })
              : undefined,
          missing:
            item.type === 'scale'
              ? [
                  ...(item.allowDontKnow ? ['dont_know'] : []),
                  ...(item.allowNotRelevant ? ['not_relevant'] : []),
                ]
              : undefined,
          options:
            item.type === 'choice' || item.type === 'ranking'
              ? item.options.map((o) => ({
                  value: o.value,
                  answer: 'answer' in o ? o.answer : undefined,
                  label: L(o.label),
                  description: 'description' in o && o.description ? L(o.description) : undefined,
                }))
              : undefined,
          multiple: item.type === 'choice' ? item.multiple : undefined,
          maxRanked: item.type === 'ranking' ? item.maxRanked : undefined,
          min: item.type === 'number' ? item.min : undefined,
          max: item.type === 'number' ? item.max : undefined,
          maxLength: item.type === 'text' ? item.maxLength : undefined,
          multiline: item.type === 'text' ? item.multiline : undefined,
          unit: item.type === 'number' && item.unit ? L(item.unit) : undefined,
          integer: item.type === 'number' ? item.integer : undefined,
        })),
    })),
    measures: def.measures.map((m) => ({ id: m.id, label: L(m.label) })),
    stages: def.stages.map((s) => ({
      id: s.id,
      label: L(s.label),
      description: L(s.description),
      requires: s.requires,
    })),
    competencies: def.competencies.map((c) => ({
      id: c.id,
      label: L(c.label),
      description: L(c.description),
      goodExample: L(c.goodExample),
      practices: c.practices.map((p) => ({ title: L(p.title), text: L(p.text) })),
    })),
    domains: def.domains.map((d) => ({
      id: d.id,
      label: L(d.label),
      description: L(d.description),
      practices: d.practices.map((p) => ({ title: L(p.title), text: L(p.text) })),
    })),
    recommendations: def.recommendations.map((r) => ({
      id: r.id,
      title: L(r.title),
      text: L(r.text),
      nextSteps: r.nextSteps.map(L),
      appliesTo: r.appliesTo,
    })),
  };
}
