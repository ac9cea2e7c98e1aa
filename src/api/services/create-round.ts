/** Creating a round from a built-in instrument version; an analyst who creates it runs it. */
import { builtinSource } from './instruments.ts';
import {
  appendAudit,
  assignRoundStaff,
  createRound,
  NotFoundError,
  storeInstrumentVersion,
  type CreateRoundInput,
  type Db,
  type Round,
} from '../../storage/index.ts';

export async function createRoundFromBuiltin(
  db: Db,
  instrumentId: string,
  input: Omit<CreateRoundInput, 'instrument' | 'status'>,
  actor: { userId: number; email: string; role: string },
): Promise<Round> {
  const builtin = await builtinSource(instrumentId);
  if (!builtin) throw new NotFoundError('instrument', instrumentId);
  return db.transaction(async (tx) => {
    const { instrument, text } = builtin;
    await storeInstrumentVersion(tx, {
      id: instrument.id,
      version: instrument.version,
      definitionText: text,
    });
    const round = await createRound(tx, {
      ...input,
      instrument: { id: instrument.id, version: instrument.version },
    });
    if (actor.role === 'analyst') await assignRoundStaff(tx, round.id, actor.userId);
    await appendAudit(tx, {
      actor: actor.email,
      action: 'round.create',
      subject: `round:${round.name}`,
      details: { instrument: `${instrument.id}@${instrument.version}`, kMin: round.kMin },
    });
    return round;
  });
}
