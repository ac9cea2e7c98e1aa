/** A single respondent's values: their own answers and the measures computed from them. */
import { slotNumber } from '../instrument/scored-choice.ts';
import type { Answers, Instrument } from '../instrument/types.ts';
import { evaluateMeasures, type Values } from './measures.ts';

export function scoreRespondent(instrument: Instrument, answers: Answers): Values {
  return evaluateMeasures(instrument, (id) => slotNumber(instrument.slotById.get(id), answers[id]));
}
