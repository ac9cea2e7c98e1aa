/**
 * Bulk import of a round's data (the exchange format) in one transaction: all or nothing.
 *
 * Built for volume (hundreds of thousands of respondents): a handful of lookups per few
 * thousand rows, multi-row INSERTs, and no per-row query. Re-importing the same data writes
 * nothing; a respondent whose answers changed gets a new submission that supersedes the old.
 */
import type { OrganisationData, Sector } from '../../core/exchange/types.ts';
import type { Db } from '../database.ts';
import { ImportError } from '../errors.ts';
import { storeInstrumentVersion, type InstrumentVersionInput } from '../instruments/store-instrument.ts';
import { canonicalJson } from '../json.ts';
import { checkOrganisation } from '../organisations/create-organisation.ts';
import { checkRoundName } from '../rounds/create-round.ts';
import type { JsonText, RoundStatus, Timestamp } from '../schema.ts';
import { bulkInsert, reserveIds } from '../bulk-insert.ts';
import { chunks, rowsPerStatement } from '../sql-helpers.ts';
import { nowIso } from '../time.ts';

export interface ImportRoundInput {
  readonly roundName: string;
  readonly instrument: InstrumentVersionInput;
  readonly organisations: readonly OrganisationData[];
}

export interface ImportRoundResult {
  readonly roundId: number;
  readonly roundCreated: boolean;
  readonly organisationsCreated: number;
  readonly respondentsCreated: number;
  /** New submissions, superseding ones included. */
  readonly submissionsCreated: number;
  readonly submissionsSuperseded: number;
  /** Respondents whose current submission already had these answers. */
  readonly unchanged: number;
  /** Organisations whose current submissions changed, by name: their scores need recomputing. */
  readonly changedOrganisations: ReadonlyMap<string, number>;
}

export interface ImportProgress {
  readonly phase: 'organisations' | 'respondents' | 'submissions';
  readonly done: number;
  readonly total: number;
}

/** Ids looked up per `IN (…)` list. */
const LOOKUP_CHUNK = 5_000;
/** Rows inserted between two progress reports. */
const PROGRESS_CHUNK = 10_000;

interface PlannedRespondent {
  readonly externalId: string;
  readonly answers: JsonText;
  id?: number;
}

interface PlannedOrganisation {
  readonly name: string;
  readonly sector: Sector;
  readonly respondents: PlannedRespondent[];
  id?: number;
  /** Existing organisations: respondents of this round by external id. */
  existing?: Map<string, { id: number; submissionId: number | null; answers: JsonText | null }>;
}

export async function importRound(
  db: Db,
  input: ImportRoundInput,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportRoundResult> {
  checkRoundName(input.roundName);
  const plan = prepare(input.organisations);
  const progress = (phase: ImportProgress['phase'], done: number, total: number) =>
    onProgress?.({ phase, done, total });

  return db.transaction(async (tx) => {
    const now = nowIso();
    await storeInstrumentVersion(tx, input.instrument);
    const { roundId, status, roundCreated } = await ensureRound(tx, input, now);

    await lookUpOrganisations(tx, plan);
    if (!roundCreated) await lookUpRespondents(tx, roundId, plan);

    const newOrganisations = plan.filter((o) => o.id === undefined);
    const newRespondents: { org: PlannedOrganisation; r: PlannedRespondent }[] = [];
    const toSubmit: PlannedRespondent[] = [];
    const toSupersede: number[] = [];
    let unchanged = 0;
    const changed: PlannedOrganisation[] = [];
    for (const org of plan) {
      const before = toSubmit.length;
      for (const r of org.respondents) {
        const existing = org.existing?.get(r.externalId);
        if (!existing) {
          newRespondents.push({ org, r });
          toSubmit.push(r);
          continue;
        }
        r.id = existing.id;
        if (existing.answers === r.answers) {
          unchanged++;
        } else {
          if (existing.submissionId !== null) toSupersede.push(existing.submissionId);
          toSubmit.push(r);
        }
      }
      if (toSubmit.length > before) changed.push(org);
    }
    if (status === 'closed' && (newOrganisations.length > 0 || toSubmit.length > 0)) {
      throw new ImportError(
        `Round ${JSON.stringify(input.roundName)} is closed; the import would change ${toSubmit.length} respondents' answers`,
      );
    }

    await insertOrganisations(tx, newOrganisations, now, progress);
    await insertRespondents(tx, roundId, newRespondents, now, progress);
    for (const ids of chunks(toSupersede, rowsPerStatement(1, 5_000))) {
      await tx.kysely.updateTable('submissions').set({ superseded_at: now }).where('id', 'in', ids).execute();
    }
    await insertSubmissions(tx, toSubmit, now, progress);

    return {
      roundId,
      roundCreated,
      organisationsCreated: newOrganisations.length,
      respondentsCreated: newRespondents.length,
      submissionsCreated: toSubmit.length,
      submissionsSuperseded: toSupersede.length,
      unchanged,
      changedOrganisations: new Map(changed.map((o) => [o.name, o.id!])),
    };
  });
}

/** Validates the data and serializes answers before the transaction starts. */
function prepare(organisations: readonly OrganisationData[]): PlannedOrganisation[] {
  const names = new Set<string>();
  return organisations.map((o) => {
    checkOrganisation(o);
    if (names.has(o.name)) throw new ImportError(`Organisation ${JSON.stringify(o.name)} appears twice`);
    names.add(o.name);
    const ids = new Set<string>();
    const respondents = o.respondents.map((r): PlannedRespondent => {
      if (r.id === '') throw new ImportError(`A respondent of ${JSON.stringify(o.name)} has an empty id`);
      if (ids.has(r.id))
        throw new ImportError(
          `Respondent ${JSON.stringify(r.id)} appears twice in ${JSON.stringify(o.name)}`,
        );
      ids.add(r.id);
      return { externalId: r.id, answers: canonicalJson(r.answers) };
    });
    return { name: o.name, sector: o.sector, respondents };
  });
}

async function ensureRound(
  tx: Db,
  input: ImportRoundInput,
  now: Timestamp,
): Promise<{ roundId: number; status: RoundStatus; roundCreated: boolean }> {
  const existing = await tx.kysely
    .selectFrom('rounds')
    .select(['id', 'status', 'instrument_id', 'instrument_version'])
    .where('name', '=', input.roundName)
    .executeTakeFirst();
  if (existing) {
    const { id, version } = input.instrument;
    if (existing.instrument_id !== id || existing.instrument_version !== version) {
      throw new ImportError(
        `Round ${JSON.stringify(input.roundName)} uses instrument ${existing.instrument_id} ${existing.instrument_version}, ` +
          `not ${id} ${version}`,
      );
    }
    return { roundId: existing.id, status: existing.status, roundCreated: false };
  }
  const row = await tx.kysely
    .insertInto('rounds')
    .values({
      name: input.roundName,
      title: canonicalJson({ da: input.roundName }),
      instrument_id: input.instrument.id,
      instrument_version: input.instrument.version,
      status: 'open',
      languages: canonicalJson(['da', 'en']),
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { roundId: row.id, status: 'open', roundCreated: true };
}

async function lookUpOrganisations(tx: Db, plan: PlannedOrganisation[]): Promise<void> {
  const byName = new Map(plan.map((o) => [o.name, o]));
  for (const names of chunks([...byName.keys()], LOOKUP_CHUNK)) {
    const rows = await tx.kysely
      .selectFrom('organisations')
      .select(['id', 'name', 'sector'])
      .where('name', 'in', names)
      .execute();
    for (const row of rows) {
      const org = byName.get(row.name)!;
      if (row.sector !== org.sector) {
        // Organisations are shared by all rounds; silently changing one would rewrite history.
        throw new ImportError(
          `Organisation ${JSON.stringify(row.name)} is stored with sector ${row.sector}, but the import says ${org.sector}`,
        );
      }
      org.id = row.id;
    }
  }
}

async function lookUpRespondents(tx: Db, roundId: number, plan: PlannedOrganisation[]): Promise<void> {
  const byId = new Map<number, PlannedOrganisation>();
  for (const org of plan) if (org.id !== undefined) byId.set(org.id, org);
  for (const orgIds of chunks([...byId.keys()], LOOKUP_CHUNK)) {
    const rows = await tx.kysely
      .selectFrom('respondents as r')
      .leftJoin('submissions as s', (join) =>
        join.onRef('s.respondent_id', '=', 'r.id').on('s.superseded_at', 'is', null),
      )
      .select(['r.id', 'r.organisation_id', 'r.external_id', 's.id as submission_id', 's.answers'])
      .where('r.round_id', '=', roundId)
      .where('r.organisation_id', 'in', orgIds)
      .execute();
    for (const row of rows) {
      const org = byId.get(row.organisation_id)!;
      (org.existing ??= new Map()).set(row.external_id, {
        id: row.id,
        submissionId: row.submission_id,
        answers: row.answers,
      });
    }
  }
}

type Progress = (phase: ImportProgress['phase'], done: number, total: number) => void;

async function insertOrganisations(tx: Db, orgs: PlannedOrganisation[], now: Timestamp, progress: Progress) {
  let done = 0;
  for (const chunk of chunks(orgs, PROGRESS_CHUNK)) {
    // Ids first, so the rows go in without RETURNING (COPY on PostgreSQL).
    const ids = await reserveIds(tx, 'organisations', chunk.length);
    chunk.forEach((o, i) => (o.id = ids[i]!));
    await bulkInsert(
      tx,
      'organisations',
      [
        { name: 'id', pgType: 'bigint' },
        { name: 'name', pgType: 'text' },
        { name: 'sector', pgType: 'text' },
        { name: 'created_at', pgType: 'timestamptz' },
      ],
      chunk.map((o) => [o.id, o.name, o.sector, now]),
    );
    done += chunk.length;
    progress('organisations', done, orgs.length);
  }
}

async function insertRespondents(
  tx: Db,
  roundId: number,
  items: { org: PlannedOrganisation; r: PlannedRespondent }[],
  now: Timestamp,
  progress: Progress,
) {
  let done = 0;
  for (const chunk of chunks(items, PROGRESS_CHUNK)) {
    const ids = await reserveIds(tx, 'respondents', chunk.length);
    chunk.forEach((item, i) => (item.r.id = ids[i]!));
    await bulkInsert(
      tx,
      'respondents',
      [
        { name: 'id', pgType: 'bigint' },
        { name: 'round_id', pgType: 'bigint' },
        { name: 'organisation_id', pgType: 'bigint' },
        { name: 'external_id', pgType: 'text' },
        { name: 'created_at', pgType: 'timestamptz' },
      ],
      chunk.map(({ org, r }) => [r.id, roundId, org.id!, r.externalId, now]),
    );
    done += chunk.length;
    progress('respondents', done, items.length);
  }
}

async function insertSubmissions(tx: Db, items: PlannedRespondent[], now: Timestamp, progress: Progress) {
  let done = 0;
  for (const chunk of chunks(items, PROGRESS_CHUNK)) {
    await bulkInsert(
      tx,
      'submissions',
      [
        { name: 'respondent_id', pgType: 'bigint' },
        { name: 'answers', pgType: 'text', pgCast: 'json' },
        { name: 'submitted_at', pgType: 'timestamptz' },
      ],
      chunk.map((r) => [r.id!, r.answers, now]),
    );
    done += chunk.length;
    progress('submissions', done, items.length);
  }
}
