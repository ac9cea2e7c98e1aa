/** What the query functions return: camelCase records with parsed JSON. */
import type { Sector } from '../core/exchange/types.ts';
import type { Text } from '../core/instrument/schema.ts';
import type { Answers, Lang } from '../core/instrument/types.ts';
import type { RoundStatus, Timestamp, UserRole } from './schema.ts';

export type { RoundStatus, Timestamp, UserRole };

export interface InstrumentRef {
  readonly id: string;
  readonly version: string;
}

export interface StoredInstrument extends InstrumentRef {
  readonly definitionText: string;
  readonly sha256: string;
  readonly createdAt: Timestamp;
}

export interface Round {
  readonly id: number;
  /** The identifier users type, e.g. `2026`. */
  readonly name: string;
  readonly title: Text;
  readonly instrument: InstrumentRef;
  readonly opensAt: Timestamp | null;
  readonly closesAt: Timestamp | null;
  readonly status: RoundStatus;
  readonly kMin: number;
  /** Smallest group of respondents inside one organisation whose figures are shown. */
  readonly respondentMin: number;
  readonly languages: readonly Lang[];
  readonly intro: Text | null;
  /** Who runs the round (an organisation's name), shown to respondents; null when not set. */
  readonly organiser: string | null;
  readonly createdAt: Timestamp;
}

export interface Organisation {
  readonly id: number;
  readonly name: string;
  readonly sector: Sector;
  readonly type: string | null;
  readonly sizeBand: string | null;
  readonly createdAt: Timestamp;
}

export interface Respondent {
  readonly id: number;
  readonly roundId: number;
  readonly organisationId: number;
  /** The exchange format's `respondent` column; unique within round and organisation. */
  readonly externalId: string;
  readonly role: string | null;
  readonly email: string | null;
  readonly hasToken: boolean;
  readonly createdAt: Timestamp;
}

export interface Draft {
  readonly respondentId: number;
  readonly answers: Answers;
  readonly revision: number;
  readonly updatedAt: Timestamp;
}

export interface Submission {
  readonly id: number;
  readonly respondentId: number;
  readonly answers: Answers;
  readonly submittedAt: Timestamp;
  readonly supersededAt: Timestamp | null;
}

export interface User {
  readonly id: number;
  readonly email: string;
  readonly passwordHash: string | null;
  readonly role: UserRole;
  readonly organisationId: number | null;
  readonly createdAt: Timestamp;
  readonly disabledAt: Timestamp | null;
  readonly lastLoginAt: Timestamp | null;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: Timestamp;
  readonly actor: string;
  readonly action: string;
  readonly subject: string | null;
  readonly details: unknown;
}
