/** Small builders for test data. */
import type { Answers } from '../../src/core/instrument/types.ts';
import {
  createRespondent,
  createRound,
  ensureOrganisation,
  storeInstrumentVersion,
  type CreateRoundInput,
  type Db,
  type Organisation,
  type Respondent,
  type Round,
} from '../../src/storage/index.ts';

export const INSTRUMENT = {
  id: 'dt-test',
  version: '1.0.0',
  definitionText: 'id: dt-test\nversion: 1.0.0\n',
};

export interface Seeded {
  round: Round;
  organisation: Organisation;
  respondent: Respondent;
}

/** A round (open unless told otherwise) with one organisation and one respondent. */
export async function seedRound(db: Db, round: Partial<CreateRoundInput> = {}): Promise<Seeded> {
  await storeInstrumentVersion(db, INSTRUMENT);
  const created = await createRound(db, {
    name: '2026',
    instrument: { id: INSTRUMENT.id, version: INSTRUMENT.version },
    status: 'open',
    ...round,
  });
  const organisation = await ensureOrganisation(db, { name: 'Aarhus Kommune', sector: 'kommune' });
  const respondent = await createRespondent(db, {
    roundId: created.id,
    organisationId: organisation.id,
    externalId: 'r1',
  });
  return { round: created, organisation, respondent };
}

export function answers(seed: number): Answers {
  return {
    'why.q1': (seed % 5) + 1,
    'how.q2': 'dont_know',
    'what.q3': ['a', 'b'],
    'text.q4': `svar ${seed}`,
  };
}
