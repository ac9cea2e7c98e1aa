/** Paging through the audit log, newest first. */
import { parseJson } from '../storage/json.ts';
import type { AuditEntry, Db } from '../storage/index.ts';

export async function listAuditPage(
  db: Db,
  options: { before?: number | undefined; limit: number },
): Promise<AuditEntry[]> {
  const rows = await db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .$if(options.before !== undefined, (q) => q.where('id', '<', options.before!))
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    details: r.details === null ? null : parseJson(r.details),
  }));
}
