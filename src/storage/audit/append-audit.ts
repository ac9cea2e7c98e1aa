/**
 * The audit log is append-only: triggers on both backends reject UPDATE and DELETE. Callers
 * must keep answers, tokens and secrets out of `details`.
 */
import type { Db } from '../database.ts';
import { InvalidInputError } from '../errors.ts';
import { canonicalJson } from '../json.ts';
import { toAuditEntry } from '../rows.ts';
import { nowIso } from '../time.ts';
import type { AuditEntry } from '../types.ts';

export interface AuditInput {
  /** Who: a user email, `system`, `cli:<user>`, … */
  readonly actor: string;
  /** What, as a dotted verb: `round.create`, `round.import`, `user.disable`, … */
  readonly action: string;
  /** On what, e.g. `round:2026`. */
  readonly subject?: string | null;
  readonly details?: Readonly<Record<string, unknown>> | null;
}

export async function appendAudit(db: Db, entry: AuditInput): Promise<AuditEntry> {
  if (!entry.actor || !entry.action)
    throw new InvalidInputError('An audit entry needs an actor and an action');
  const row = await db.kysely
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? null,
      details: entry.details ? canonicalJson(entry.details) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAuditEntry(row);
}

/** The newest entries first. */
export async function listAudit(
  db: Db,
  options: { limit?: number; subject?: string } = {},
): Promise<AuditEntry[]> {
  const rows = await db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .$if(options.subject !== undefined, (q) => q.where('subject', '=', options.subject!))
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100)
    .execute();
  return rows.map(toAuditEntry);
}
