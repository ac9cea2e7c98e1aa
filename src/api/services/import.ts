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
  requireRoundByName,
  type Db,
  type ImportProgress,
  type ImportRoundResult,
  type InstrumentVersionInput,
} from '../../storage/index.ts';
import { builtinSource, instrumentOf } from './instruments.ts';
import { writeImportedAttributes } from './organisations.ts';
import { makeRelease } from './releases.ts';
import { rescoreOrganisation, rescoreRound, scoreNewRound } from './scores.ts';

/** Above this many changed organisations, rescoring the whole round is the cheaper path. */
const RESCORE_ONE_BY_ONE = 500;

/** The import's organisations get their stored scores in the import's transaction. */
async function scoreImport(
  tx: Db,
  source: InstrumentVersionInput,
  organisations: readonly OrganisationData[],
  result: ImportRoundResult,
): Promise<void> {
  const changed = result.changedOrganisations;
  if (changed.size === 0) return;
  const instrument = await instrumentOf(tx, { id: source.id, version: source.version });
  if (result.roundCreated) {
    const scored = organisations.filter((o) => changed.has(o.name));
    await scoreNewRound(tx, instrument, result.roundId, scored, changed);
  } else if (changed.size > RESCORE_ONE_BY_ONE) {
    await rescoreRound(tx, instrument, result.roundId);
  } else {
    for (const o of organisations) {
      const id = changed.get(o.name);
      if (id !== undefined)
        await rescoreOrganisation(tx, instrument, result.roundId, { id, name: o.name, sector: o.sector });
    }
  }
}

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

export interface ImportSummary extends Omit<ImportRoundResult, 'changedOrganisations'> {
  readonly round: string;
  /** The release made after the import (null when nothing changed). */
  readonly release: number | null;
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
  let attributesSet = 0;
  const result = await db.transaction(async (tx) => {
    const r = await importRound(
      tx,
      { roundName: input.roundName, instrument: input.source, organisations: input.organisations },
      onProgress,
    );
    await scoreImport(tx, input.source, input.organisations, r);
    const instrument = await instrumentOf(tx, { id: input.source.id, version: input.source.version });
    const status = (await requireRoundByName(tx, input.roundName)).status;
    attributesSet = await writeImportedAttributes(tx, instrument, r.roundId, status, input.organisations);
    const { changedOrganisations: _changed, ...summary } = r;
    await appendAudit(tx, {
      actor: input.actor,
      action: 'round.import',
      subject: `round:${input.roundName}`,
      details: { ...summary },
    });
    return summary;
  });
  // Imported answers are complete answers: release them at once (the release's own rules
  // decide which groups show new figures), so the round's figures are ready to read.
  let release: number | null = null;
  if (result.submissionsCreated > 0 || attributesSet > 0) {
    const round = await requireRoundByName(db, input.roundName);
    release =
      (await makeRelease(db, round, 'import', { onlyIfChanged: result.submissionsCreated === 0 }))?.number ??
      null;
  }
  return {
    round: input.roundName,
    release,
    organisations: input.organisations.length,
    respondents: input.organisations.reduce((n, o) => n + o.respondents.length, 0),
    ...result,
  };
}
