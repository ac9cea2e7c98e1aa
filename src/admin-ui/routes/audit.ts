/** The administrator's pages: the audit log and a respondent's data on request (GDPR art. 15). */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { staffOf } from '../../api/auth/staff.ts';
import { HttpProblem } from '../../api/problem.ts';
import { auditCsv, readAuditPage } from '../../rounds/audit.ts';
import { parseAuditQuery } from '../audit-filter.ts';
import { appendAudit, respondentRecords } from '../../storage/index.ts';
import { auditPage, privacyPage } from '../pages/audit.ts';
import { ADMIN, form, HEADERS, hidden, langOf, sendHtml, viewerOf, type AdminContext } from '../respond.ts';

export function auditRoutes(app: FastifyInstance, { db }: AdminContext): void {
  app.get('/admin/audit', { config: { access: ADMIN }, schema: hidden }, async (request, reply) => {
    const lang = langOf(request);
    const { values, filter, cursor, problems } = parseAuditQuery(request.query, lang);
    if (problems.length > 0)
      return sendHtml(reply, auditPage(lang, viewerOf(request), { values, problems, page: null }), 400);
    const result = await readAuditPage(db, filter, cursor);
    return sendHtml(reply, auditPage(lang, viewerOf(request), { values, problems, page: result }));
  });

  // The same filter as the page, every matching entry (not one page), streamed.
  app.get('/admin/audit.csv', { config: { access: ADMIN }, schema: hidden }, async (request, reply) => {
    const lang = langOf(request);
    const { values, filter, problems } = parseAuditQuery(request.query, lang);
    if (problems.length > 0)
      return sendHtml(reply, auditPage(lang, viewerOf(request), { values, problems, page: null }), 400);
    // Reading the log is itself worth a line in it: who took a copy, of what.
    await appendAudit(db, {
      actor: staffOf(request).email,
      action: 'audit.export',
      details: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')),
    });
    return reply
      .headers(HEADERS)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="pejling-audit.csv"')
      .send(Readable.from(auditCsv(db, filter, lang)));
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
