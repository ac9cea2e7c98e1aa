/**
 * Every action the code writes to the audit log, as the filter's select offers them; their
 * names are `auditActions.<action>` in the admin catalogues (Danish and English). A test
 * reads the source for `action: '…'` and fails on one missing here.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login-failed',
  'auth.lockout',
  'auth.logout',
  'auth.logout-everywhere',
  'user.create',
  'user.invite',
  'user.create-demo',
  'user.password-set',
  'user.update',
  'user.disable',
  'user.reinvite',
  'user.password-reset-requested',
  'user.password-reset',
  'token.create',
  'token.revoke',
  'round.create',
  'round.update',
  'round.reopen',
  'round.import',
  'round.release',
  'round.assign-analyst',
  'organisation.attributes',
  'organisation.attributes-import',
  'organisation.comparisons-import',
  'respondent.invite',
  'invitation.upload',
  'invitation.links',
  'invitation.invitation',
  'invitation.reminder',
  'invitee.update',
  'invitee.remove',
  'invitee.resend',
  'job.invitation',
  'job.reminder',
  'job.report-pdfs',
  'job.export',
  'job.download',
  'plan.create',
  'plan.update',
  'plan.delete',
  'targets.set',
  'report.view',
  'report.download',
  'report.sector-view',
  'export.sector-report-pdf',
  'export.open-data',
  'privacy.respondent-export',
  'privacy.erase-emails',
  'audit.export',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const KNOWN = new Set<string>(AUDIT_ACTIONS);
export const isAuditAction = (value: string): value is AuditAction => KNOWN.has(value);
