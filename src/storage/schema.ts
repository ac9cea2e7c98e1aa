/**
 * The tables as Kysely sees them. The same TypeScript types hold on both backends:
 * - timestamps are ISO-8601 UTC strings with milliseconds (`2026-03-01T09:30:00.000Z`);
 *   SQLite stores that text, PostgreSQL stores `timestamptz(3)` and the pool's type parser
 *   turns it back into the same string;
 * - JSON columns are the JSON text (`JsonText`); SQLite stores text, PostgreSQL `json`
 *   (kept verbatim, unlike `jsonb`), so what we read is byte-identical to what we wrote;
 * - ids are integers (SQLite rowids; PostgreSQL `bigint` identities parsed to numbers).
 */
import type { ColumnType, Generated } from 'kysely';

/** ISO-8601 UTC with milliseconds, e.g. `2026-03-01T09:30:00.000Z`. */
export type Timestamp = string;
/** Serialized JSON, as produced by `canonicalJson`. */
export type JsonText = string;

export const ROUND_STATUSES = ['draft', 'open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const USER_ROLES = ['admin', 'analyst', 'org_lead'] as const;
export type UserRole = (typeof USER_ROLES)[number];

type Id = Generated<number>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export interface InstrumentsTable {
  id: string;
  version: string;
  definition: string;
  sha256: string;
  created_at: Timestamp;
}

export interface RoundsTable {
  id: Id;
  name: string;
  /** `Text` ({ da, en? }). */
  title: JsonText;
  instrument_id: string;
  instrument_version: string;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  status: WithDefault<RoundStatus>;
  k_min: WithDefault<number>;
  respondent_min: WithDefault<number>;
  /** Array of language codes. */
  languages: JsonText;
  /** `Text` ({ da, en? }) or null. */
  intro: JsonText | null;
  /** Who runs the round, as shown to respondents. */
  organiser: string | null;
  created_at: Timestamp;
}

export interface OrganisationsTable {
  id: Id;
  name: string;
  sector: string;
  type: string | null;
  size_band: string | null;
  created_at: Timestamp;
}

export interface RespondentsTable {
  id: Id;
  round_id: number;
  organisation_id: number;
  external_id: string;
  role: string | null;
  email: string | null;
  token_hash: string | null;
  created_at: Timestamp;
  /** When the survey was first and last loaded with a valid link (migration 0011). */
  first_opened_at: Timestamp | null;
  last_opened_at: Timestamp | null;
}

export interface DraftsTable {
  respondent_id: number;
  answers: JsonText;
  revision: number;
  updated_at: Timestamp;
}

export interface SubmissionsTable {
  id: Id;
  respondent_id: number;
  answers: JsonText;
  submitted_at: Timestamp;
  superseded_at: Timestamp | null;
}

export interface UsersTable {
  id: Id;
  email: string;
  password_hash: string | null;
  role: UserRole;
  organisation_id: number | null;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
  /** Migration 0013. */
  last_login_at: Timestamp | null;
  /** Migration 0017: the identity provider's issuer and subject, linked on the first SSO log-in. */
  oidc_issuer: string | null;
  oidc_subject: string | null;
}

export interface AuditLogTable {
  id: Id;
  at: Timestamp;
  actor: string;
  action: string;
  subject: string | null;
  details: JsonText | null;
}

export const RELEASE_REASONS = ['auto', 'close', 'manual', 'import'] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

export interface OrganisationVersionsTable {
  id: Id;
  round_id: number;
  organisation_id: number;
  release_number: number;
  respondents: number;
  stage: string | null;
  value_data: Uint8Array;
  layout_key: string;
  attributes: JsonText;
  submissions: JsonText;
  comparisons: JsonText;
  viewed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ReleasesTable {
  id: Id;
  round_id: number;
  number: number;
  reason: ReleaseReason;
  k: number;
  respondent_min: number;
  scores_revision: string;
  layout_key: string;
  content: JsonText;
  created_at: Timestamp;
}

export interface Schema {
  instruments: InstrumentsTable;
  rounds: RoundsTable;
  organisations: OrganisationsTable;
  respondents: RespondentsTable;
  drafts: DraftsTable;
  submissions: SubmissionsTable;
  users: UsersTable;
  audit_log: AuditLogTable;
  organisation_versions: OrganisationVersionsTable;
  releases: ReleasesTable;
}
