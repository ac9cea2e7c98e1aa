/** Row → record mapping, one place per table. */
import type { Selectable } from 'kysely';
import type { Sector } from '../core/exchange/types.ts';
import { parseJson } from './json.ts';
import type {
  AuditLogTable,
  OrganisationsTable,
  RespondentsTable,
  RoundsTable,
  SubmissionsTable,
  UsersTable,
} from './schema.ts';
import type { AuditEntry, Organisation, Respondent, Round, Submission, User } from './types.ts';

export function toRound(r: Selectable<RoundsTable>): Round {
  return {
    id: r.id,
    name: r.name,
    title: parseJson(r.title),
    instrument: { id: r.instrument_id, version: r.instrument_version },
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    status: r.status,
    kMin: r.k_min,
    respondentMin: r.respondent_min,
    languages: parseJson(r.languages),
    intro: r.intro === null ? null : parseJson(r.intro),
    organiser: r.organiser ?? null,
    createdAt: r.created_at,
  };
}

export function toOrganisation(r: Selectable<OrganisationsTable>): Organisation {
  return {
    id: r.id,
    name: r.name,
    sector: r.sector as Sector,
    type: r.type,
    sizeBand: r.size_band,
    createdAt: r.created_at,
  };
}

export function toRespondent(r: Selectable<RespondentsTable>): Respondent {
  return {
    id: r.id,
    roundId: r.round_id,
    organisationId: r.organisation_id,
    externalId: r.external_id,
    role: r.role,
    email: r.email,
    hasToken: r.token_hash !== null,
    createdAt: r.created_at,
  };
}

export function toSubmission(r: Selectable<SubmissionsTable>): Submission {
  return {
    id: r.id,
    respondentId: r.respondent_id,
    answers: parseJson(r.answers),
    submittedAt: r.submitted_at,
    supersededAt: r.superseded_at,
  };
}

export function toUser(r: Selectable<UsersTable>): User {
  return {
    id: r.id,
    email: r.email,
    passwordHash: r.password_hash,
    role: r.role,
    organisationId: r.organisation_id,
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
    lastLoginAt: r.last_login_at ?? null,
  };
}

export function toAuditEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    details: r.details === null ? null : parseJson(r.details),
  };
}
