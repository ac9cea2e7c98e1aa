/** The compiled, validated form of an instrument that the rest of the core works on. */
import type {
  ComparisonDef,
  Condition,
  FigureDef,
  InstrumentDef,
  ItemDef,
  MeasureDef,
  MissingToken,
  RespondentGroupDef,
  Text,
} from './schema.ts';

export type Lang = 'da' | 'en';
export const LANGS: readonly Lang[] = ['da', 'en'];

/** One problem found in an instrument file: where (file, path, line) and what. */
export interface InstrumentProblem {
  file: string;
  /** Path inside the file, e.g. `sections[1].items[0].scale`. */
  path: string;
  line?: number;
  message: string;
}

export interface ResolvedScale {
  min: number;
  max: number;
  labels: Readonly<Record<string, Text>>;
}

/**
 * An answer slot is one value a respondent gives: one column of the exchange format.
 * Most items have one; a ranking item has one per option.
 */
export type AnswerSlot =
  | { kind: 'scale'; id: string; item: ItemDef & { type: 'scale' }; scale: ResolvedScale }
  | { kind: 'rank'; id: string; item: ItemDef & { type: 'ranking' }; option: string; size: number }
  | {
      kind: 'choice';
      id: string;
      item: ItemDef & { type: 'choice' };
      multiple: boolean;
      values: readonly string[];
    }
  | { kind: 'number'; id: string; item: ItemDef & { type: 'number' } }
  | { kind: 'text'; id: string; item: ItemDef & { type: 'text' } };

export interface CompiledItem {
  def: ItemDef;
  sectionId: string;
  /** Condition of the section and of the item, combined. */
  showIf?: Condition;
  slots: readonly AnswerSlot[];
  scale?: ResolvedScale;
}

export interface Instrument {
  readonly def: InstrumentDef;
  readonly id: string;
  readonly version: string;
  /** All items, in the order a respondent meets them. */
  readonly items: readonly CompiledItem[];
  readonly itemById: ReadonlyMap<string, CompiledItem>;
  /** Answer ids in instrument order: the item columns of the exchange format. */
  readonly answerIds: readonly string[];
  readonly slotById: ReadonlyMap<string, AnswerSlot>;
  readonly measures: readonly MeasureDef[];
  readonly measureById: ReadonlyMap<string, MeasureDef>;
  /** Respondent groups (from `respondentGroups`, or the older `divergence`). */
  readonly respondentGroups: readonly RespondentGroupDef[];
  /** Comparisons of two respondent groups (from `comparisons`, or the older `divergence`). */
  readonly comparisons: readonly ComparisonDef[];
  /** The round's figures (from `figures`, or the older `sectorFigures`). */
  readonly figures: readonly FigureDef[];
  /** The valid codes of the exchange format's `sector` column. */
  readonly sectors: readonly string[];
}

/** What a respondent gave for one answer slot. */
export type AnswerValue = number | string | readonly string[] | MissingToken;
export type Answers = Readonly<Record<string, AnswerValue>>;
