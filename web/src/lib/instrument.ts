/**
 * The instrument as the survey gets it (`GET /api/instruments/:id?lang=`, built by
 * src/instruments/describe.ts), and its adapter to the core's `Instrument`, so the browser
 * checks answers and conditions with exactly the server's rules (validateAnswers,
 * isVisible). The server stays authoritative: it runs the same checks on every save.
 */
import { isVisible } from '../../../src/core/answers/conditions.ts';
import { validateAnswers, type AnswerProblem } from '../../../src/core/answers/validate.ts';
import type { Condition, ItemDef } from '../../../src/core/instrument/schema.ts';
import type {
  AnswerSlot,
  AnswerValue,
  Answers,
  CompiledItem,
  Instrument,
  ResolvedScale,
} from '../../../src/core/instrument/types.ts';

export type { AnswerProblem, AnswerValue, Answers };

export interface DescribedPoint {
  value: number;
  label: string;
  level?: string;
}

export interface DescribedOption {
  value: string;
  answer?: string;
  label: string;
  /** A short definition (ranking options). */
  description?: string;
}

export interface DescribedItem {
  id: string;
  type: 'scale' | 'ranking' | 'choice' | 'number' | 'text';
  text: string;
  help?: string;
  required: boolean;
  showIf?: Condition;
  points?: DescribedPoint[];
  missing?: ('dont_know' | 'not_relevant')[];
  options?: DescribedOption[];
  /** A partial ranking: rank up to this many options. */
  maxRanked?: number;
  multiple?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  /** Not (yet) in every describe output; optional here. */
  unit?: string;
  integer?: boolean;
  multiline?: boolean;
}

export interface DescribedSection {
  id: string;
  title: string;
  intro?: string;
  items: DescribedItem[];
}

export interface DescribedInstrument {
  id: string;
  version: string;
  lang: 'da' | 'en';
  title: string;
  description: string;
  source: string;
  minutes: number;
  sections: DescribedSection[];
  competencies: { id: string; label: string }[];
}

/** The described instrument plus the core view of it and lookups the survey needs. */
export interface SurveyInstrument {
  readonly described: DescribedInstrument;
  readonly core: Instrument;
  readonly itemById: ReadonlyMap<string, DescribedItem>;
  /** Answer id → the item it belongs to (a ranking has one answer id per option). */
  readonly itemOfAnswer: ReadonlyMap<string, DescribedItem>;
  readonly sectionOfItem: ReadonlyMap<string, DescribedSection>;
}

export function prepareInstrument(described: DescribedInstrument): SurveyInstrument {
  const items: CompiledItem[] = [];
  const itemById = new Map<string, DescribedItem>();
  const itemOfAnswer = new Map<string, DescribedItem>();
  const sectionOfItem = new Map<string, DescribedSection>();
  for (const section of described.sections) {
    for (const item of section.items) {
      const compiled = compileItem(item, section.id);
      items.push(compiled);
      itemById.set(item.id, item);
      sectionOfItem.set(item.id, section);
      for (const slot of compiled.slots) itemOfAnswer.set(slot.id, item);
    }
  }
  const slots = items.flatMap((i) => i.slots);
  const core = {
    def: {} as Instrument['def'],
    id: described.id,
    version: described.version,
    items,
    itemById: new Map(items.map((i) => [i.def.id, i])),
    answerIds: slots.map((s) => s.id),
    slotById: new Map(slots.map((s) => [s.id, s])),
    measures: [],
    measureById: new Map(),
    respondentGroups: [],
    comparisons: [],
    figures: [],
    sectors: [],
  } satisfies Instrument;
  return { described, core, itemById, itemOfAnswer, sectionOfItem };
}

/** The core's compiled item for a described one (only what validation and conditions read). */
function compileItem(item: DescribedItem, sectionId: string): CompiledItem {
  const text = { da: item.text };
  const base = { id: item.id, text, required: item.required };
  switch (item.type) {
    case 'scale': {
      const points = item.points ?? [];
      const scale: ResolvedScale = {
        min: points[0]?.value ?? 1,
        max: points[points.length - 1]?.value ?? 1,
        labels: Object.fromEntries(points.map((p) => [String(p.value), { da: p.label }])),
      };
      const def = {
        ...base,
        type: 'scale' as const,
        scale: 'scale',
        allowDontKnow: item.missing?.includes('dont_know') ?? false,
        allowNotRelevant: item.missing?.includes('not_relevant') ?? false,
      } as ItemDef & { type: 'scale' };
      return withShowIf(
        { def, sectionId, scale, slots: [{ kind: 'scale', id: item.id, item: def, scale }] },
        item,
      );
    }
    case 'ranking': {
      const options = item.options ?? [];
      const def = {
        ...base,
        type: 'ranking' as const,
        options: options.map((o) => ({
          value: o.value,
          answer: o.answer ?? o.value,
          label: { da: o.label },
        })),
        ...(item.maxRanked !== undefined ? { maxRanked: item.maxRanked } : {}),
      } as ItemDef & { type: 'ranking' };
      const slots: AnswerSlot[] = options.map((o) => ({
        kind: 'rank',
        id: o.answer ?? o.value,
        item: def,
        option: o.value,
        size: Math.min(item.maxRanked ?? options.length, options.length),
      }));
      return withShowIf({ def, sectionId, slots }, item);
    }
    case 'choice': {
      const values = (item.options ?? []).map((o) => o.value);
      const def = {
        ...base,
        type: 'choice' as const,
        multiple: item.multiple ?? false,
        options: (item.options ?? []).map((o) => ({ value: o.value, label: { da: o.label } })),
      } as ItemDef & { type: 'choice' };
      return withShowIf(
        {
          def,
          sectionId,
          slots: [{ kind: 'choice', id: item.id, item: def, multiple: def.multiple, values }],
        },
        item,
      );
    }
    case 'number': {
      const def = {
        ...base,
        type: 'number' as const,
        min: item.min,
        max: item.max,
        integer: item.integer ?? false,
      } as ItemDef & { type: 'number' };
      return withShowIf({ def, sectionId, slots: [{ kind: 'number', id: item.id, item: def }] }, item);
    }
    case 'text': {
      const def = {
        ...base,
        type: 'text' as const,
        maxLength: item.maxLength ?? 2000,
        multiline: item.multiline ?? true,
      } as ItemDef & { type: 'text' };
      return withShowIf({ def, sectionId, slots: [{ kind: 'text', id: item.id, item: def }] }, item);
    }
  }
}

function withShowIf(compiled: CompiledItem, item: DescribedItem): CompiledItem {
  return item.showIf ? { ...compiled, showIf: item.showIf } : compiled;
}

export function itemVisible(instrument: SurveyInstrument, itemId: string, answers: Answers): boolean {
  const item = instrument.core.itemById.get(itemId);
  return item ? isVisible(item, answers) : false;
}

/** Sections with at least one visible item, in order. */
export function visibleSections(instrument: SurveyInstrument, answers: Answers): DescribedSection[] {
  return instrument.described.sections.filter((s) =>
    s.items.some((item) => itemVisible(instrument, item.id, answers)),
  );
}

/** Answer ids of an item (one per ranking option). */
export function answerIdsOf(instrument: SurveyInstrument, itemId: string): string[] {
  return instrument.core.itemById.get(itemId)?.slots.map((s) => s.id) ?? [];
}

/** The answers without those of hidden questions: what a submission sends. */
export function visibleAnswers(instrument: SurveyInstrument, answers: Answers): Answers {
  const out: Record<string, AnswerValue> = {};
  for (const item of instrument.core.items) {
    if (!isVisible(item, answers)) continue;
    for (const slot of item.slots) {
      const value = answers[slot.id];
      if (value !== undefined) out[slot.id] = value;
    }
  }
  return out;
}

/**
 * What autosave sends: the visible answers minus any the server would refuse in a draft (a
 * number out of range, say). Those stay on screen with their error until corrected.
 */
export function draftPayload(instrument: SurveyInstrument, answers: Answers): Answers {
  const visible = visibleAnswers(instrument, answers);
  const problems = validateAnswers(instrument.core, visible);
  if (problems.length === 0) return visible;
  const out: Record<string, AnswerValue> = { ...visible };
  for (const problem of problems) {
    const item = instrument.itemOfAnswer.get(problem.answerId);
    // A ranking is all or nothing: drop every rank of a broken one.
    const ids = item?.type === 'ranking' ? answerIdsOf(instrument, item.id) : [problem.answerId];
    for (const id of ids) delete out[id];
  }
  return out;
}

export function checkAnswers(
  instrument: SurveyInstrument,
  answers: Answers,
  complete: boolean,
): AnswerProblem[] {
  return validateAnswers(instrument.core, visibleAnswers(instrument, answers), { requireComplete: complete });
}

/**
 * How far the respondent is: visible questions and how many of them are answered. A question
 * is an item, so a ranking counts once however many options it ranks (a partial ranking's 19
 * answer columns are one question, answered once it ranks at least one).
 */
export function surveyProgress(
  instrument: SurveyInstrument,
  answers: Answers,
): { readonly answered: number; readonly count: number } {
  const items = visibleSections(instrument, answers).flatMap((s) =>
    s.items.filter((item) => itemVisible(instrument, item.id, answers)),
  );
  return {
    answered: items.filter((item) => isAnswered(instrument, item, answers)).length,
    count: items.length,
  };
}

/** Whether an item has an answer (for a ranking: a complete one). */
export function isAnswered(instrument: SurveyInstrument, item: DescribedItem, answers: Answers): boolean {
  const ids = answerIdsOf(instrument, item.id);
  if (item.type === 'ranking')
    return item.maxRanked !== undefined
      ? ids.some((id) => typeof answers[id] === 'number')
      : ids.every((id) => typeof answers[id] === 'number');
  const value = answers[item.id];
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}
