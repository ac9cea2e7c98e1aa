/**
 * Importing an exchange file into a round, shared by the CLI and the API: pick the
 * instrument (the round's own if it exists), and write everything in one transaction.
 * Parsing and validating the file is the caller's first step, so nothing is written unless
 * the whole file is valid.
 */
import type { OrganisationData } from '../../core/exchange/types.ts';
import type { Instrument } from '../../core/instrument/types.ts';
import {
  appendAudit,
  getInstrumentVersion,
  getRoundByName,
  ImportError,
  importRound,
  NotFoundError,
  type Db,
  type ImportProgress,
  type ImportRoundResult,
  type InstrumentVersionInput,
} from '../../storage/index.ts';
import { builtinSource, instrumentOf } from './instruments.ts';

export interface ImportInstrument {
  readonly instrument: Instrument;
  readonly source: InstrumentVersionInput;
}

/**
 * An existing round keeps the instrument version it pins (the built-in file may have moved
 * on); a new round gets the built-in's current version.
 */
export async function importInstrument(
  db: Db,
  roundName: string,
  instrumentId: string,
): Promise<ImportInstrument> {
  const round = await getRoundByName(db, roundName);
  if (round) {
    if (round.instrument.id !== instrumentId) {
      throw new ImportError(
        `Round ${JSON.stringify(roundName)} uses instrument ${round.instrument.id}, not ${instrumentId}`,
      );
    }
    const stored = await getInstrumentVersion(db, round.instrument.id, round.instrument.version);
    if (!stored) throw new NotFoundError('instrument', `${round.instrument.id}@${round.instrument.version}`);
    return {
      instrument: await instrumentOf(db, round.instrument),
      source: { id: stored.id, version: stored.version, definitionText: stored.definitionText },
    };
  }
  const builtin = await builtinSource(instrumentId);
  if (!builtin) throw new NotFoundError('instrument', instrumentId);
  return {
    instrument: builtin.instrument,
    source: { id: builtin.instrument.id, version: builtin.instrument.version, definitionText: builtin.text },
  };
}

export interface ImportSummary extends ImportRoundResult {
  readonly round: string;
  readonly organisations: number;
  readonly respondents: number;
}

export async function importOrganisations(
  db: Db,
  input: {
    roundName: string;
    source: InstrumentVersionInput;
    organisations: readonly OrganisationData[];
    actor: string;
  },
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const result = await db.transaction(async (tx) => {
    const r = await importRound(
      tx,
      { roundName: input.roundName, instrument: input.source, organisations: input.organisations },
      onProgress,
    );
    await appendAudit(tx, {
      actor: input.actor,
      action: 'round.import',
      subject: `round:${input.roundName}`,
      details: { ...r },
    });
    return r;
  });
  return {
    round: input.roundName,
    organisations: input.organisations.length,
    respondents: input.organisations.reduce((n, o) => n + o.respondents.length, 0),
    ...result,
  };
}
