/**
 * Demo rounds of the instruments beside dt-offentlig (the seven strategic questions, the
 * security triangle, the staff's bearings), answered by the demo's organisations with answers
 * generated from each instrument's own declarations. Each round is created only when missing,
 * so re-running changes nothing; the answers are deterministic (fixed seeds).
 */
import { loadBuiltinInstrument, loadBuiltinInstrumentSource } from '../instruments/registry.ts';
import { ensureOrganisation, getRoundByName, importRound, type Db } from '../storage/index.ts';
import { answerInstrument, type AnswerOptions } from './generate-answers.ts';
import { generateRound } from './generate.ts';
import { seedItIPraksisDemo } from './seed-it-i-praksis.ts';
import { DEMO_SEED_SHAPE } from './seed.ts';

export const MORE_DEMO_ROUNDS: readonly { round: string; instrument: string; answers: AnswerOptions }[] = [
  {
    round: 'demo-2026-strategi',
    instrument: 'strategiske-spoergsmaal',
    answers: { seed: 101, respondents: 3 },
  },
  { round: 'demo-2026-sikkerhed', instrument: 'sikkerhedstrekant', answers: { seed: 102, respondents: 2 } },
  {
    round: 'demo-2026-pejlemaerker',
    instrument: 'hk-pejlemaerker',
    answers: {
      seed: 103,
      respondents: 8,
      // five staff (one union representative) and three leaders; leaders see it a little brighter
      roles: {
        item: 'profile.role',
        values: [
          'medarbejder',
          'tillidsrepraesentant',
          'medarbejder',
          'mellemleder',
          'medarbejder',
          'topleder',
          'medarbejder',
          'mellemleder',
        ],
        optimism: { mellemleder: 0.4, topleder: 0.6 },
      },
    },
  },
];

/** Creates the missing demo rounds of the other instruments; returns the names created. */
export async function seedMoreDemo(db: Db): Promise<string[]> {
  const created: string[] = [];
  const dt = await loadBuiltinInstrument('dt-offentlig');
  const organisations = generateRound(dt, DEMO_SEED_SHAPE);
  for (const demo of MORE_DEMO_ROUNDS) {
    if (await getRoundByName(db, demo.round)) continue;
    const { instrument, text } = await loadBuiltinInstrumentSource(demo.instrument);
    const answered = answerInstrument(instrument, organisations, demo.answers);
    await db.transaction(async (tx) => {
      for (const org of answered)
        await ensureOrganisation(tx, {
          name: org.name,
          sector: org.sector,
          type: org.type,
          sizeBand: org.sizeBand,
        });
      await importRound(tx, {
        roundName: demo.round,
        instrument: { id: instrument.id, version: instrument.version, definitionText: text },
        organisations: answered,
      });
    });
    created.push(demo.round);
  }
  created.push(...(await seedItIPraksisDemo(db)));
  return created;
}
