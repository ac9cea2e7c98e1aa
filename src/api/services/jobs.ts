/**
 * Background jobs as staff see them: who may see a job (whoever may run its round), its
 * progress (done / failed / remaining) and its download. Used by the API and the staff pages.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  appendAudit,
  getJob,
  getJobResult,
  getRoundById,
  hasJobResult,
  jobCounts,
  type Db,
  type Job,
  type JobCounts,
  type JobResult,
  type Round,
} from '../../storage/index.ts';
import { canRunRound, staffOf } from '../auth/staff.ts';
import { HttpProblem, notFound } from '../problem.ts';

export interface JobStatus {
  readonly id: number;
  readonly kind: string;
  /** pending (queued or running), done, failed. */
  readonly state: Job['state'];
  /** A worker holds the job now. */
  readonly running: boolean;
  readonly done: number;
  readonly failed: number;
  /** Mails a worker stopped while sending: maybe delivered, never sent again by themselves. */
  readonly unknown: number;
  readonly skipped: number;
  readonly remaining: number;
  readonly total: number;
  readonly error: string | null;
  readonly params: unknown;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly hasResult: boolean;
}

export function statusOf(job: Job, counts: JobCounts, hasResult: boolean): JobStatus {
  const remaining = counts.pending + counts.working;
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    running: job.state === 'pending' && job.leaseUntil !== null && job.leaseUntil > new Date().toISOString(),
    done: counts.done,
    failed: counts.failed,
    unknown: counts.unknown,
    skipped: counts.skipped,
    remaining,
    total: remaining + counts.done + counts.failed + counts.unknown + counts.skipped,
    error: job.error,
    params: job.params,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    hasResult,
  };
}

export async function jobStatus(db: Db, job: Job): Promise<JobStatus> {
  return statusOf(job, await jobCounts(db, job.id), await hasJobResult(db, job.id));
}

/** The job, if the caller may run its round (404 for a job that does not exist or is not theirs to know of). */
export async function jobForStaff(
  db: Db,
  request: FastifyRequest,
  id: number,
): Promise<{ job: Job; round: Round | null }> {
  const job = await getJob(db, id);
  if (!job) throw notFound();
  const round = job.roundId === null ? null : ((await getRoundById(db, job.roundId)) ?? null);
  const allowed = round ? await canRunRound(db, request, round) : staffOf(request).role === 'admin';
  // The same answer as a job that does not exist: job ids must not tell how many others run.
  if (!allowed) throw notFound();
  return { job, round };
}

/**
 * The finished file, audited: who downloaded which job's file. An export holds raw answers:
 * only administrators download one.
 */
export async function downloadJobResult(
  db: Db,
  request: FastifyRequest,
  job: Job,
  round: Round | null,
): Promise<JobResult> {
  if (job.kind === 'export' && staffOf(request).role !== 'admin')
    throw new HttpProblem(403, 'forbidden', 'Forbidden', 'Exports of raw answers are for administrators.');
  const result = job.state === 'done' ? await getJobResult(db, job.id) : null;
  if (!result)
    throw new HttpProblem(409, 'job-not-done', 'Not ready', 'The job has not finished its file yet.');
  await appendAudit(db, {
    actor: staffOf(request).email,
    action: 'job.download',
    subject: round ? `round:${round.name}` : null,
    details: { job: job.id, kind: job.kind, file: result.fileName },
  });
  return result;
}

/** Sends a job's file as a download (a safe file name; never cached: it is personal data). */
export function sendJobResult(reply: FastifyReply, result: JobResult) {
  return reply
    .type(result.contentType)
    .header('content-disposition', `attachment; filename="${result.fileName.replace(/[^\w.-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(result.data));
}
