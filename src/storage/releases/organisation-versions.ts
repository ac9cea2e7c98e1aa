/**
 * Organisations' released versions (migration 0007): written by the release, read by every
 * figure others see and by the organisation's own report. A version is never changed; its
 * first view is recorded, because a version nobody has seen may be replaced freely.
 */
import type { Db } from '../database.ts';
import { canonicalJson, parseJson } from '../json.ts';
import { chunks, rowsPerStatement } from '../sql-helpers.ts';
import { nowIso } from '../time.ts';
import { toBytes, toValues } from '../float-bytes.ts';

export interface VersionAttributes {
  readonly sector: string;
  readonly type: string | null;
  readonly sizeBand: string | null;
  readonly region?: string | null;
}

export interface NewOrganisationVersion {
  readonly organisationId: number;
  readonly releaseNumber: number;
  readonly respondents: number;
  readonly stage: string | null;
  readonly values: Float64Array;
  readonly layoutKey: string;
  readonly attributes: VersionAttributes;
  /** [respondent id, submission id] pairs. */
  readonly submissions: readonly (readonly [number, number])[];
  /** Per declared comparison: its status and the rows it may show. */
  readonly comparisons: Readonly<
    Record<string, { readonly status: string; readonly rows: readonly string[] }>
  >;
}

export interface StoredOrganisationVersion extends NewOrganisationVersion {
  readonly id: number;
  readonly viewedAt: string | null;
  readonly createdAt: string;
}

export async function insertOrganisationVersions(
  db: Db,
  roundId: number,
  versions: readonly NewOrganisationVersion[],
): Promise<void> {
  const now = nowIso();
  for (const batch of chunks(versions, rowsPerStatement(12, 1_000))) {
    if (batch.length === 0) continue;
    await db.kysely
      .insertInto('organisation_versions')
      .values(
        batch.map((v) => ({
          round_id: roundId,
          organisation_id: v.organisationId,
          release_number: v.releaseNumber,
          respondents: v.respondents,
          stage: v.stage,
          value_data: toBytes(v.values),
          layout_key: v.layoutKey,
          attributes: canonicalJson(v.attributes),
          submissions: canonicalJson(v.submissions),
          comparisons: canonicalJson(v.comparisons),
          viewed_at: null,
          created_at: now,
        })),
      )
      .execute();
  }
}

type Row = {
  id: number;
  organisation_id: number;
  release_number: number;
  respondents: number;
  stage: string | null;
  value_data: Uint8Array;
  layout_key: string;
  attributes: string;
  submissions: string;
  comparisons: string;
  viewed_at: string | null;
  created_at: string;
};

const toVersion = (r: Row): StoredOrganisationVersion => ({
  id: r.id,
  organisationId: r.organisation_id,
  releaseNumber: r.release_number,
  respondents: r.respondents,
  stage: r.stage,
  values: toValues(r.value_data),
  layoutKey: r.layout_key,
  attributes: parseJson(r.attributes),
  submissions: parseJson(r.submissions),
  comparisons: parseJson(r.comparisons),
  viewedAt: r.viewed_at,
  createdAt: r.created_at,
});

/** Every version of the round's organisations, oldest first. */
export async function listOrganisationVersions(
  db: Db,
  roundId: number,
): Promise<StoredOrganisationVersion[]> {
  const rows = await db.kysely
    .selectFrom('organisation_versions')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('id')
    .execute();
  return rows.map(toVersion);
}

/** A version as the figures read it: no submissions, comparisons or view (see below). */
export interface VersionFigures {
  readonly id: number;
  readonly organisationId: number;
  readonly releaseNumber: number;
  readonly respondents: number;
  readonly stage: string | null;
  readonly values: Float64Array;
  readonly attributes: VersionAttributes;
}

/**
 * Every version of the round up to release `upTo`, oldest first, with only what figures are
 * computed from. Building a release and preparing one for reports need no more; at 100,000
 * organisations the submissions and comparisons JSON of every version was most of what
 * `listOrganisationVersions` parsed and held (issue 17: peak memory).
 */
export async function listVersionFigures(db: Db, roundId: number, upTo?: number): Promise<VersionFigures[]> {
  let query = db.kysely
    .selectFrom('organisation_versions')
    .select(['id', 'organisation_id', 'release_number', 'respondents', 'stage', 'value_data', 'attributes'])
    .where('round_id', '=', roundId);
  if (upTo !== undefined) query = query.where('release_number', '<=', upTo);
  const rows = await query.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    releaseNumber: r.release_number,
    respondents: r.respondents,
    stage: r.stage,
    values: toValues(r.value_data),
    attributes: parseJson(r.attributes),
  }));
}

/** One organisation's versions in a round, oldest first. */
export async function listVersionsOfOrganisation(
  db: Db,
  roundId: number,
  organisationId: number,
): Promise<StoredOrganisationVersion[]> {
  const rows = await db.kysely
    .selectFrom('organisation_versions')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();
  return rows.map(toVersion);
}

/** Records the first view of a version (a later view changes nothing). */
export async function markVersionViewed(db: Db, versionId: number): Promise<void> {
  await db.kysely
    .updateTable('organisation_versions')
    .set({ viewed_at: nowIso() })
    .where('id', '=', versionId)
    .where('viewed_at', 'is', null)
    .execute();
}
