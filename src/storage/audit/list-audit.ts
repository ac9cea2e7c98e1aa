/**
 * Reading the audit log through a filter (actor, action, a span of time), newest first, a
 * page at a time by id (keyset: a page costs the same at the end of a long log as at its
 * start, and entries written meanwhile never shift a page).
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { toAuditEntry } from '../rows.ts';
import type { Timestamp } from '../schema.ts';
import type { AuditEntry } from '../types.ts';

export interface AuditFilter {
  /** Part of the actor, in any case (`lead@` finds `lead@askeby.dk`). */
  readonly actor?: string | undefined;
  /** The action exactly, e.g. `auth.login-failed`. */
  readonly action?: string | undefined;
  /** Entries at or after this moment. */
  readonly from?: Timestamp | undefined;
  /** Entries before this moment. */
  readonly until?: Timestamp | undefined;
}

export interface AuditQuery extends AuditFilter {
  /** Entries older than this id (the next page). */
  readonly before?: number | undefined;
  /** Entries newer than this id (the previous page). */
  readonly after?: number | undefined;
  readonly limit: number;
}

const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filtered(db: Db, filter: AuditFilter) {
  const { actor, action, from, until } = filter;
  return db.kysely
    .selectFrom('audit_log')
    .$if(actor !== undefined && actor !== '', (q) =>
      q.where(sql<boolean>`lower(actor) like ${likePattern(actor!)} escape '\\'`),
    )
    .$if(action !== undefined && action !== '', (q) => q.where('action', '=', action!))
    .$if(from !== undefined, (q) => q.where('at', '>=', from!))
    .$if(until !== undefined, (q) => q.where('at', '<', until!));
}

/** One page of the filtered log, newest first. */
export async function listAuditEntries(db: Db, query: AuditQuery): Promise<AuditEntry[]> {
  const { before, after, limit } = query;
  const rows = await filtered(db, query)
    .selectAll()
    .$if(before !== undefined, (q) => q.where('id', '<', before!))
    .$if(after !== undefined, (q) => q.where('id', '>', after!))
    // The previous page: the entries just above `after`, read upwards, shown newest first.
    .orderBy('id', after !== undefined && before === undefined ? 'asc' : 'desc')
    .limit(limit)
    .execute();
  const entries = rows.map(toAuditEntry);
  return after !== undefined && before === undefined ? entries.reverse() : entries;
}

/** Whether the filter finds an entry older (`before`) or newer (`after`) than an id. */
export async function hasAuditEntry(
  db: Db,
  filter: AuditFilter,
  side: { before: number } | { after: number },
): Promise<boolean> {
  const row = await filtered(db, filter)
    .select('id')
    .$if('before' in side, (q) => q.where('id', '<', (side as { before: number }).before))
    .$if('after' in side, (q) => q.where('id', '>', (side as { after: number }).after))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
