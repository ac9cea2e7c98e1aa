/**
 * A round's panel of individuals (the citizen panel), shared by the CLI, the API and the staff
 * pages: importing the panel provider's file (the caller has checked it whole), and the
 * panel's figures and the combined view read from what is stored.
 *
 * Re-import policy: a file *replaces* the round's panel (a provider delivers the whole panel,
 * weights recomputed over everyone); the same file again changes nothing. A closed round's
 * panel is not changed.
 */
import {
  CITIZEN_INSTRUMENT,
  combinedRows,
  ORGANISATION_INSTRUMENT,
  roundYear,
  type CombinedRow,
} from '../../core/panel/combined.ts';
import { panelFigures } from '../../core/panel/figures.ts';
import type { PanelRespondent } from '../../core/panel/schema.ts';
import type { Json } from '../../core/figures/assemble.ts';
import type { Instrument } from '../../core/instrument/types.ts';
import {
  appendAudit,
  createRound,
  getPanelMinCell,
  getRoundByName,
  ImportError,
  listPanelRespondents,
  listRounds,
  replacePanelRespondents,
  setPanelMinCell,
  storeInstrumentVersion,
  type Db,
  type InstrumentVersionInput,
  type Round,
} from '../../storage/index.ts';
import { conflict } from '../problem.ts';
import { importInstrument, type ImportInstrument } from './import.ts';
import { instrumentOf } from './instruments.ts';
import { roundSectorFigures } from './sector.ts';

/** The instrument a panel file is read with: the round's (or the built-in for a new round), a panel. */
export async function panelInstrument(
  db: Db,
  roundName: string,
  instrumentId = CITIZEN_INSTRUMENT,
): Promise<ImportInstrument> {
  const found = await importInstrument(db, roundName, instrumentId);
  if (!found.instrument.def.panel)
    throw new ImportError(
      `Instrument ${found.instrument.id} is not a panel of individuals: import its exchange file with "pejling import"`,
    );
  return found;
}

export interface PanelImportSummary {
  readonly round: string;
  readonly roundCreated: boolean;
  readonly respondents: number;
  readonly weightSum: number;
  /** Respondents of the panel it replaced. */
  readonly replaced: number;
  readonly unchanged: boolean;
  /** The round's minimum breakdown cell after the import (null: the instrument's). */
  readonly minCell: number | null;
}

export async function importPanel(
  db: Db,
  input: {
    readonly roundName: string;
    readonly source: InstrumentVersionInput;
    readonly respondents: readonly PanelRespondent[];
    readonly actor: string;
    /** Sets the round's minimum breakdown cell (at least 5). */
    readonly minCell?: number | undefined;
  },
  options: { readonly createRound?: boolean } = {},
): Promise<PanelImportSummary> {
  return db.transaction(async (tx) => {
    let round = await getRoundByName(tx, input.roundName);
    let roundCreated = false;
    if (!round) {
      if (options.createRound === false) throw new ImportError(`No round ${JSON.stringify(input.roundName)}`);
      await storeInstrumentVersion(tx, input.source);
      round = await createRound(tx, {
        name: input.roundName,
        instrument: { id: input.source.id, version: input.source.version },
        status: 'open',
        languages: ['da', 'en'],
      });
      roundCreated = true;
    }
    const result = await replacePanelRespondents(tx, round.id, input.respondents);
    if (round.status === 'closed' && !result.unchanged)
      throw new ImportError(
        `Round ${JSON.stringify(round.name)} is closed; its panel of ${result.removed} respondents is not replaced`,
      );
    if (input.minCell !== undefined) {
      if (!Number.isInteger(input.minCell) || input.minCell < 5)
        throw new ImportError('the minimum breakdown cell must be a whole number of at least 5');
      await setPanelMinCell(tx, round.id, input.minCell, input.actor);
    }
    const summary: PanelImportSummary = {
      round: round.name,
      roundCreated,
      respondents: input.respondents.length,
      weightSum: input.respondents.reduce((s, r) => s + r.weight, 0),
      replaced: result.removed,
      unchanged: result.unchanged,
      minCell: await getPanelMinCell(tx, round.id),
    };
    await appendAudit(tx, {
      actor: input.actor,
      action: 'round.panel-import',
      subject: `round:${round.name}`,
      details: { ...summary },
    });
    return summary;
  });
}

export type PanelFiguresJson = { readonly round: string } & { readonly [key: string]: Json };

/** The round's panel figures (instruments-more.md §2), under the round's minimum cell. */
export async function roundPanelFigures(
  db: Db,
  round: Round,
): Promise<{ instrument: Instrument; figures: PanelFiguresJson }> {
  const instrument = await instrumentOf(db, round.instrument);
  if (!instrument.def.panel)
    throw conflict('not-a-panel', `Round ${round.name} (${instrument.id}) is not a panel of individuals.`);
  const [respondents, minCell] = await Promise.all([
    listPanelRespondents(db, round.id),
    getPanelMinCell(db, round.id),
  ]);
  const figures = panelFigures(instrument, respondents, minCell === null ? {} : { minCell });
  return { instrument, figures: { round: round.name, ...figures } };
}

/**
 * The organisation round the combined view reads: the one asked for (it must be an
 * `it-i-praksis` round), else the latest `it-i-praksis` round of the citizen round's year.
 */
export async function organisationRoundFor(
  db: Db,
  citizens: Round,
  asked?: string,
  /** Whether the caller may read a round's figures (an analyst: the rounds they run). */
  mayRead: (round: Round) => Promise<boolean> = async () => true,
): Promise<{ chosen: Round | null; candidates: Round[] }> {
  const candidates: Round[] = [];
  for (const r of await listRounds(db))
    if (r.instrument.id === ORGANISATION_INSTRUMENT && (await mayRead(r))) candidates.push(r);
  if (asked !== undefined && asked !== '') {
    const chosen = candidates.find((r) => r.name === asked);
    if (!chosen)
      throw conflict(
        'not-an-organisation-round',
        `Round ${asked} is not an ${ORGANISATION_INSTRUMENT} round you may read.`,
      );
    return { chosen, candidates };
  }
  const year = roundYear(citizens.name, citizens.opensAt ?? citizens.createdAt);
  const same = candidates.filter((r) => roundYear(r.name, r.opensAt ?? r.createdAt) === year);
  return { chosen: same.at(-1) ?? null, candidates };
}

export interface CombinedView {
  readonly citizens: string;
  /** The organisation round read, and whether it shows figures (null: none chosen or found). */
  readonly organisations: { readonly round: string; readonly shown: boolean } | null;
  readonly rows: readonly CombinedRow[];
}

export async function combinedView(
  db: Db,
  citizens: Round,
  figures: PanelFiguresJson,
  organisationRound: Round | null,
): Promise<CombinedView> {
  if (!organisationRound)
    return { citizens: citizens.name, organisations: null, rows: combinedRows(figures, null) };
  const org = await roundSectorFigures(db, organisationRound.name);
  const shown = !('suppressed' in org);
  return {
    citizens: citizens.name,
    organisations: { round: organisationRound.name, shown },
    rows: combinedRows(figures, shown ? (org as { [key: string]: Json }) : null),
  };
}

/** The combined view as JSON (CLI and API): each pair with both sides' published shares. */
export function combinedJson(view: CombinedView) {
  return {
    organisationRound: view.organisations,
    rows: view.rows.map((r) => ({
      id: r.pair.id,
      citizens: { ...r.pair.citizens, figure: r.citizens },
      organisations: { ...r.pair.organisations, groups: r.organisations },
    })),
  };
}
