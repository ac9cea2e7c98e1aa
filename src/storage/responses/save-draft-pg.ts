/**
 * Autosave on PostgreSQL as one statement: the respondent's row lock, the round's share lock
 * and its open check, and the revision-checked write of the draft, in one round trip that
 * commits on its own (autocommit: acknowledged = committed, as before). The transaction it
 * replaces took five round trips (BEGIN, two locking reads, the write, COMMIT) while holding a
 * pooled connection; under 200 clients that queue was most of an autosave's p95.
 *
 * The locks are the same as `lockRespondentForResponse` takes (FOR UPDATE of the respondent,
 * FOR SHARE of the round), held until the statement's implicit commit, so a submission for the
 * same respondent and the closing of the round still wait for it.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { DraftConflictError, NotFoundError, RoundNotOpenError } from '../errors.ts';
import { assertAcceptingResponses } from '../rounds/accepting-responses.ts';
import type { RoundStatus, Timestamp } from '../schema.ts';
import type { SavedDraft } from './save-draft.ts';

interface Row {
  name: string;
  status: RoundStatus;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  saved: number | null;
  current: number | null;
}

/** `saveDraft` on PostgreSQL outside a transaction; `json` is the canonical answers. */
export async function saveDraftOneStatement(
  db: Db,
  respondentId: number,
  json: string,
  now: Timestamp,
  expectedRevision: number | undefined,
): Promise<SavedDraft> {
  // The write, only when the round takes responses (`ok` is empty otherwise). expected
  // undefined: unconditional upsert; 0: insert unless a draft exists; n: update revision n.
  const write =
    expectedRevision === undefined
      ? sql`insert into drafts (respondent_id, answers, revision, updated_at)
            select id, ${json}::json, 1, ${now}::timestamptz from ok
            on conflict (respondent_id) do update set answers = excluded.answers,
              revision = drafts.revision + 1, updated_at = excluded.updated_at
            returning revision`
      : expectedRevision === 0
        ? sql`insert into drafts (respondent_id, answers, revision, updated_at)
              select id, ${json}::json, 1, ${now}::timestamptz from ok
              on conflict (respondent_id) do nothing
              returning revision`
        : sql`update drafts set answers = ${json}, revision = revision + 1, updated_at = ${now}
              where respondent_id = (select id from ok) and revision = ${expectedRevision}
              returning revision`;
  const result = await sql<Row>`
    with target as (
      select r.id, o.name, o.status, o.opens_at, o.closes_at
      from respondents r join rounds o on o.id = r.round_id
      where r.id = ${respondentId}
      for update of r for share of o
    ), ok as (
      select id from target
      where status = 'open'
        and (opens_at is null or opens_at <= ${now}::timestamptz)
        and (closes_at is null or closes_at > ${now}::timestamptz)
    ), written as (${write})
    select t.name, t.status, t.opens_at, t.closes_at,
      (select revision from written) as saved,
      (select revision from drafts where respondent_id = t.id) as current
    from target t`.execute(db.kysely);
  const row = result.rows[0];
  if (!row) throw new NotFoundError('respondent', String(respondentId));
  if (row.saved !== null) return { revision: row.saved, updatedAt: now };
  assertAcceptingResponses(row, now);
  if (row.status !== 'open') throw new RoundNotOpenError(row.name, `its status is ${row.status}`);
  // Not written, round open: the revision did not match. `current` is the statement's
  // snapshot; a save that committed while this one waited for the lock is newer, so read it.
  let current = row.current ?? 0;
  if (current === expectedRevision) {
    const fresh = await db.kysely
      .selectFrom('drafts')
      .select('revision')
      .where('respondent_id', '=', respondentId)
      .executeTakeFirst();
    current = fresh?.revision ?? 0;
  }
  throw new DraftConflictError(expectedRevision ?? 0, current);
}
