/**
 * The demo round of the organisation panel `it-i-praksis`: several hundred public and private
 * organisations, each with its top executive, its IT leader and sometimes a business manager,
 * generated (src/demo/it-i-praksis.ts) so that the headline figures land near the seed's
 * (listed in docs/it-i-praksis.md). Created only when missing, so re-running changes nothing;
 * the rows go in as one bulk import.
 */
import { loadBuiltinInstrumentSource } from '../instruments/registry.ts';
import {
  createRound,
  getRoundByName,
  importRound,
  setRoundTexts,
  storeInstrumentVersion,
  type Db,
} from '../storage/index.ts';
import { generateItIPraksisRound, IT_I_PRAKSIS_DEMO } from './it-i-praksis.ts';

export const IT_I_PRAKSIS_DEMO_ROUND = 'demo-2026-it-i-praksis';

/** Creates the round when it is missing; returns its name when it was created. */
export async function seedItIPraksisDemo(db: Db): Promise<string[]> {
  if (await getRoundByName(db, IT_I_PRAKSIS_DEMO_ROUND)) return [];
  const { instrument, text } = await loadBuiltinInstrumentSource('it-i-praksis');
  const ref = { id: instrument.id, version: instrument.version, definitionText: text };
  const organisations = generateItIPraksisRound(IT_I_PRAKSIS_DEMO.organisations, IT_I_PRAKSIS_DEMO.seed);
  await db.transaction(async (tx) => {
    await storeInstrumentVersion(tx, ref);
    // Two or three leaders per organisation: a respondent minimum of 2 lets every
    // organisation see its own leaders' answers together.
    const round = await createRound(tx, {
      name: IT_I_PRAKSIS_DEMO_ROUND,
      title: { da: 'IT i praksis 2026 (demo)', en: 'IT in practice 2026 (demo)' },
      instrument: { id: instrument.id, version: instrument.version },
      status: 'open',
      respondentMin: 2,
      languages: ['da', 'en'],
    });
    await setRoundTexts(tx, round.id, {
      languages: ['da', 'en'],
      intro: null,
      organiser: 'Pejlings demoforening',
    });
    await importRound(tx, { roundName: IT_I_PRAKSIS_DEMO_ROUND, instrument: ref, organisations });
  });
  return [IT_I_PRAKSIS_DEMO_ROUND];
}
