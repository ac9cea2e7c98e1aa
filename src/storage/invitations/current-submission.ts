/**
 * Whether the respondent aliased `r` in the query has a current submission. An invitee's
 * status, the invitee list and a mail job's "already answered" all ask it, and must agree.
 * SQLite answers 0/1, PostgreSQL a boolean.
 */
import { sql } from 'kysely';

export const hasCurrentSubmission = sql<boolean | number>`exists (
  select 1 from submissions s where s.respondent_id = r.id and s.superseded_at is null
)`;
