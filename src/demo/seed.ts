/**
 * Seeds the demo dataset on an empty database: two rounds (last year closed, this year open)
 * of the same fictitious organisations, so a newcomer sees trends and peer groups at once.
 * Does nothing when the demo rounds exist. Never runs unless asked (`pejling start`).
 */
import { organisationRules, sizeBandOf } from '../core/organisations/attributes.ts';
import {
  ensureOrganisation,
  getRoundByName,
  importRound,
  inviteRespondent,
  listRoundAttributes,
  setRoundAttributes,
  setRoundStatus,
  setRoundTexts,
  type Db,
} from '../storage/index.ts';
import type { Instrument } from '../core/instrument/types.ts';
import type { DemoOrganisation } from './generate.ts';
import { loadBuiltinInstrumentSource } from '../instruments/registry.ts';
import { generateRound } from './generate.ts';

export const DEMO_ROUNDS = { previous: 'demo-2025', current: 'demo-2026' } as const;
const DEMO_SEED = 2025;
const DEMO_ORGANISATIONS = 48;
/** The demo's organisations (the other instruments' demo rounds reuse them: src/demo/seed-more.ts). */
export const DEMO_SEED_SHAPE = {
  organisations: DEMO_ORGANISATIONS,
  respondents: [3, 6] as [number, number],
  seed: DEMO_SEED,
};

export interface DemoSeedResult {
  seeded: boolean;
  organisations: number;
  respondents: number;
}

export async function seedDemo(db: Db): Promise<DemoSeedResult> {
  if (await getRoundByName(db, DEMO_ROUNDS.current))
    return { seeded: false, organisations: 0, respondents: 0 };
  const { instrument, text } = await loadBuiltinInstrumentSource('dt-offentlig');
  const ref = { id: instrument.id, version: instrument.version, definitionText: text };
  const shape = DEMO_SEED_SHAPE;
  const previous = generateRound(instrument, shape);
  const current = generateRound(instrument, { ...shape, answerSeed: DEMO_SEED + 1, drift: 0.25 });

  let respondents = 0;
  await db.transaction(async (tx) => {
    for (const org of previous) {
      await ensureOrganisation(tx, {
        name: org.name,
        sector: org.sector,
        type: org.type,
        sizeBand: org.sizeBand,
      });
    }
    const last = await importRound(tx, {
      roundName: DEMO_ROUNDS.previous,
      instrument: ref,
      organisations: previous,
    });
    await setProfiles(tx, instrument, last.roundId, previous);
    await setRoundStatus(tx, DEMO_ROUNDS.previous, 'closed');
    const now = await importRound(tx, {
      roundName: DEMO_ROUNDS.current,
      instrument: ref,
      organisations: current,
    });
    await setRoundTexts(tx, now.roundId, {
      languages: ['da', 'en'],
      intro: null,
      organiser: 'Pejlings demoforening',
    });
    // A year on, a few kommuner have grown into the next band: peers are kept per round.
    await setProfiles(
      tx,
      instrument,
      now.roundId,
      current.map((o, i) =>
        o.sector === 'kommune' && i % 6 === 0
          ? { ...o, profile: { ...o.profile, size: o.profile.size * 1.1 } }
          : o,
      ),
    );
    respondents = current.reduce((n, o) => n + o.respondents.length, 0);
  });
  return { seeded: true, organisations: current.length, respondents };
}

/** The demo organisations' attributes in a round (type, size and its band, region). */
async function setProfiles(
  tx: Db,
  instrument: Instrument,
  roundId: number,
  organisations: readonly DemoOrganisation[],
): Promise<void> {
  const ids = new Map((await listRoundAttributes(tx, roundId)).map((o) => [o.name, o.organisationId]));
  const rules = organisationRules(instrument);
  await setRoundAttributes(
    tx,
    roundId,
    organisations.flatMap((o) => {
      const id = ids.get(o.name);
      const size = Math.round(o.profile.size);
      return id === undefined
        ? []
        : [
            {
              organisationId: id,
              attributes: { ...o.profile, size },
              sizeBand: sizeBandOf(rules, o.sector, size),
            },
          ];
    }),
  );
}

/** A fresh invitation into the open demo round, so the survey can be tried at once. */
export async function demoInvitation(db: Db): Promise<string | null> {
  const round = await getRoundByName(db, DEMO_ROUNDS.current);
  if (!round || round.status !== 'open') return null;
  const org = await db.kysely
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'Askeby Kommune')
    .executeTakeFirst();
  if (!org) return null;
  const { token } = await inviteRespondent(db, { roundId: round.id, organisationId: org.id, role: null });
  return token;
}
