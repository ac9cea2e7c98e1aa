/** The administrator's pages: the audit log and a respondent's data on request (GDPR art. 15). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { staffOf } from '../../api/auth/staff.ts';
import { HttpProblem } from '../../api/problem.ts';
import { listAuditPage } from '../../rounds/audit.ts';
import { appendAudit, respondentRecords } from '../../storage/index.ts';
import { auditPage, privacyPage } from '../pages/audit.ts';
import { ADMIN, form, HEADERS, hidden, langOf, sendHtml, viewerOf, type AdminContext } from '../respond.ts';

export function auditRoutes(app: FastifyInstance, { db }: AdminContext): void {
  app.get('/admin/audit', { config: { access: ADMIN }, schema: hidden }, async (request, reply) => {
    const before = Number((request.query as { before?: string }).before);
    const limit = 100;
    const entries = await listAuditPage(db, {
      before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
      limit,
    });
    return sendHtml(reply, auditPage(langOf(request), viewerOf(request), entries, limit));
  });

  app.get('/admin/privacy', { config: { access: ADMIN }, schema: hidden }, async (request, reply) =>
    sendHtml(reply, privacyPage(langOf(request), viewerOf(request))),
  );

  app.post('/admin/privacy', { config: { access: ADMIN }, schema: hidden }, async (request, reply) => {
    const email = (form(request).email ?? '').trim().toLowerCase();
    if (!z.email().safeParse(email).success)
      throw new HttpProblem(400, 'invalid-request', 'Bad request', 'Not an e-mail address.');
    const records = await respondentRecords(db, email);
    await appendAudit(db, {
      actor: staffOf(request).email,
      action: 'privacy.respondent-export',
      details: { records: records.length },
    });
    return reply
      .headers(HEADERS)
      .type('application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="pejling-respondent-data.json"')
      .send(JSON.stringify({ email, records }, null, 2));
  });
}
