/**
 * A finished job's file (a ZIP of PDFs, an export), kept in the database rather than on one
 * machine's disk, so any instance behind the load balancer can serve the download.
 */
import type { Db } from '../database.ts';
import { nowIso } from '../time.ts';
import { jobsKysely } from './schema.ts';

export interface JobResult {
  readonly fileName: string;
  readonly contentType: string;
  readonly data: Uint8Array;
}

/** Stores (or replaces, when a resumed job finishes again) the job's file. */
export async function storeJobResult(db: Db, jobId: number, result: JobResult): Promise<void> {
  await db.transaction(async (tx) => {
    const k = jobsKysely(tx);
    await k.deleteFrom('job_results').where('job_id', '=', jobId).execute();
    await k
      .insertInto('job_results')
      .values({
        job_id: jobId,
        file_name: result.fileName,
        content_type: result.contentType,
        data: result.data,
        created_at: nowIso(),
      })
      .execute();
  });
}

export async function getJobResult(db: Db, jobId: number): Promise<JobResult | null> {
  const row = await jobsKysely(db)
    .selectFrom('job_results')
    .select(['file_name', 'content_type', 'data'])
    .where('job_id', '=', jobId)
    .executeTakeFirst();
  return row ? { fileName: row.file_name, contentType: row.content_type, data: row.data } : null;
}

export async function hasJobResult(db: Db, jobId: number): Promise<boolean> {
  const row = await jobsKysely(db)
    .selectFrom('job_results')
    .select('job_id')
    .where('job_id', '=', jobId)
    .executeTakeFirst();
  return row !== undefined;
}
