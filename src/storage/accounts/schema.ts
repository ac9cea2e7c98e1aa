/** The tables of migration 0004 as Kysely sees them, beside the storage schema. */
import type { Generated, Kysely } from 'kysely';
import type { Db } from '../database.ts';
import type { Schema, Timestamp } from '../schema.ts';

export interface SessionsTable {
  id: Generated<number>;
  id_hash: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  /** Migration 0017. */
  auth_method: Generated<AuthMethod>;
}

export type AuthMethod = 'password' | 'oidc';

/** Migration 0017: a single sign-on log-in under way (between the redirect and the callback). */
export interface OidcLoginsTable {
  id: Generated<number>;
  binding_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  next: string | null;
  lang: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface PasswordTokensTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  /** Migration 0013: an invitation or a reset asked for on the log-in page. */
  purpose: Generated<PasswordTokenPurpose>;
}

export type PasswordTokenPurpose = 'invite' | 'reset';

export interface RoundStaffTable {
  round_id: number;
  user_id: number;
  created_at: Timestamp;
}

export type MailKind = 'invitation' | 'reminder';

export interface InvitationMailsTable {
  id: Generated<number>;
  respondent_id: number;
  kind: MailKind;
  outcome: 'sent' | 'failed';
  at: Timestamp;
}

export interface AccountsSchema extends Schema {
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  password_tokens: PasswordTokensTable;
  round_staff: RoundStaffTable;
  invitation_mails: InvitationMailsTable;
  oidc_logins: OidcLoginsTable;
}

/** The same connection, typed with these tables too. */
export const accountsKysely = (db: Db): Kysely<AccountsSchema> =>
  db.kysely as unknown as Kysely<AccountsSchema>;
