/**
 * Deterministic answers for any instrument, from the instrument's own declarations: scale items
 * follow a latent maturity, scored choices pick higher-scored options more often at higher
 * maturity, other choices pick by a maturity-weighted position (the first options are the
 * "better" ones, the last the weakest), hidden items are skipped and free text gets a short note.
 * Used for the demo rounds of the instruments that have no generator of their own.
 */
import { conditionHolds } from '../core/answers/conditions.ts';
import type { RespondentData } from '../core/exchange/types.ts';
import type { AnswerValue, Instrument } from '../core/instrument/types.ts';
import type { DemoOrganisation } from './generate.ts';
import { seededRandom, type Random } from './random.ts';

export interface AnswerOptions {
  seed: number;
  /** Respondents per organisation. */
  respondents: number;
  /** Values of the role item by respondent position (cycled), e.g. 3 staff then 2 leaders. */
  roles?: { item: string; values: readonly string[]; optimism?: Readonly<Record<string, number>> };
}

/** The same organisations (names, sectors, profiles) answering another instrument. */
export function answerInstrument(
  instrument: Instrument,
  organisations: readonly DemoOrganisation[],
  options: AnswerOptions,
): DemoOrganisation[] {
  const rng = seededRandom(options.seed);
  return organisations.map((org) => {
    const respondents: RespondentData[] = Array.from({ length: options.respondents }, (_, r) => {
      const role = options.roles ? options.roles.values[r % options.roles.values.length]! : undefined;
      const lift = role !== undefined ? (options.roles?.optimism?.[role] ?? 0) : 0;
      return { id: `r${r + 1}`, answers: answersFor(instrument, rng, org.maturity + lift, options, role) };
    });
    return { ...org, respondents };
  });
}

function answersFor(
  instrument: Instrument,
  rng: Random,
  maturity: number,
  options: AnswerOptions,
  role: string | undefined,
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const item of instrument.items) {
    if (item.showIf && !conditionHolds(item.showIf, answers)) continue;
    for (const slot of item.slots) {
      if (options.roles && slot.id === options.roles.item && role !== undefined) {
        answers[slot.id] = role;
        continue;
      }
      if (rng.chance(0.03)) continue;
      if (slot.kind === 'scale') {
        const v = Math.round(3 + maturity + rng.normal() * 0.8);
        answers[slot.id] = Math.min(slot.scale.max, Math.max(slot.scale.min, v));
      } else if (slot.kind === 'choice' && !slot.multiple) {
        answers[slot.id] = pickOption(slot.item.options, maturity, rng);
      } else if (slot.kind === 'text') {
        if (rng.chance(0.5)) answers[slot.id] = rng.pick(NOTES);
      }
    }
  }
  return answers;
}

/** Higher maturity leans to higher scores (scored) or to the first options (unscored). */
function pickOption(
  options: readonly { value: string; score?: number | undefined }[],
  maturity: number,
  rng: Random,
): string {
  const scored = options.every((o) => o.score !== undefined);
  const order = scored ? [...options].sort((a, b) => b.score! - a.score!) : options;
  const position = (1 - Math.tanh(maturity + rng.normal() * 0.9)) / 2; // 0 = best … 1 = worst
  return order[Math.min(order.length - 1, Math.floor(position * order.length))]!.value;
}

const NOTES = [
  'Drøftet på ledermødet; opfølgning i næste kvartal.',
  'Referat fra direktionsmødet.',
  'Se handlingsplanen for i år.',
  'Dokumenteret i ledelsessystemet.',
];
