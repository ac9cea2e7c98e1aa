/**
 * An organisation's lead reading their report is audited: one entry per page view
 * (`report.view`) and per file (`report.download`: PDF, XLSX, the JSON model), never per
 * stylesheet or icon. Administrators and analysts are not: their reading is their job, and
 * the sector report audits theirs already.
 */
import type { FastifyRequest } from 'fastify';
import { appendAudit, type Db } from '../../storage/index.ts';
import type { ReportScope } from './organisation-scope.ts';

export type ReportFormat = 'html' | 'pdf' | 'xlsx' | 'json';

export async function auditReportRead(
  db: Db,
  request: FastifyRequest,
  scope: ReportScope,
  format: ReportFormat,
): Promise<void> {
  const staff = request.staff;
  if (staff?.role !== 'org_lead') return;
  await appendAudit(db, {
    actor: staff.email,
    action: format === 'html' ? 'report.view' : 'report.download',
    subject: `organisation:${scope.organisation.name}/round:${scope.round.name}`,
    details: { format },
  });
}
