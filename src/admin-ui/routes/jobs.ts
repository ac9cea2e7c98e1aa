/**
 * Background jobs on the staff pages: starting the PDF ZIP of a round, a job's page with its
 * progress, and its file. Starting mails is in invitations.ts; both redirect to the job's page.
 */
import type { FastifyInstance } from 'fastify';
import { staffOf } from '../../api/auth/staff.ts';
import { downloadJobResult, jobForStaff, jobStatus, sendJobResult } from '../../api/services/jobs.ts';
import { enqueueReportPdfs, REPORT_PDFS_JOB } from '../../api/services/report-jobs.ts';
import {
  getOrganisationById,
  listInvitees,
  listJobItems,
  type Db,
  type JobItemRow,
  type Round,
} from '../../storage/index.ts';
import { jobPage, jobPath, type JobItemLine } from '../pages/jobs.ts';
import { hidden, langOf, RUNNERS, see, sendHtml, viewerOf, type AdminContext } from '../respond.ts';
import { roundParam } from '../round-page.ts';

/** Seconds between refreshes when the viewer turned them on. */
const REFRESH_SECONDS = 5;

async function itemLines(db: Db, round: Round | null, kind: string, items: readonly JobItemRow[]) {
  if (items.length === 0) return [];
  // Mail items name respondents; staff know them by organisation and address.
  const invitees =
    kind === 'mail' && round
      ? new Map((await listInvitees(db, round.id)).map((i) => [String(i.respondentId), i]))
      : null;
  const organisations = new Map<string, string>();
  if (kind === REPORT_PDFS_JOB)
    for (const item of items) {
      const organisation = await getOrganisationById(db, Number(item.subject));
      if (organisation) organisations.set(item.subject, organisation.name);
    }
  return items.map((item): JobItemLine => {
    const invitee = invitees?.get(item.subject);
    return {
      who: invitee
        ? `${invitee.organisation}: ${invitee.email ?? invitee.externalId}`
        : (organisations.get(item.subject) ?? item.subject),
      state: item.state as JobItemLine['state'],
      error: item.error,
      at: item.finishedAt,
    };
  });
}

export function jobRoutes(app: FastifyInstance, { db }: AdminContext): void {
  app.post(
    '/admin/rounds/:name/report-pdfs',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const lang = langOf(request);
      const { job } = await enqueueReportPdfs(db, round, lang, staffOf(request).email);
      return see(reply, jobPath(job.id, lang));
    },
  );

  app.get('/admin/jobs/:id', { config: { access: RUNNERS }, schema: hidden }, async (request, reply) => {
    const lang = langOf(request);
    const { job, round } = await jobForStaff(db, request, Number((request.params as { id: string }).id));
    const status = await jobStatus(db, job);
    const auto = (request.query as { auto?: string }).auto === '1' && status.state === 'pending';
    const items = await itemLines(
      db,
      round,
      job.kind,
      await listJobItems(db, job.id, ['failed', 'unknown', 'skipped']),
    );
    const body = jobPage(lang, viewerOf(request), {
      job: status,
      round,
      items,
      auto,
      canDownload: job.kind !== 'export' || staffOf(request).role === 'admin',
    });
    if (auto) reply.header('refresh', String(REFRESH_SECONDS));
    return sendHtml(reply, body);
  });

  app.get(
    '/admin/jobs/:id/result',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const { job, round } = await jobForStaff(db, request, Number((request.params as { id: string }).id));
      return sendJobResult(reply, await downloadJobResult(db, request, job, round));
    },
  );
}
