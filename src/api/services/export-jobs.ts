/**
 * Large exports as background jobs: above a number of respondents (PEJLING_EXPORT_JOB_THRESHOLD,
 * default 20,000) an export is not built inside one HTTP request but by a worker, and offered
 * for download from the database (so any instance serves it) when done. The job has one item,
 * the file: an export interrupted by a crash is simply written again.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobHandler } from '../../rounds/jobs/worker.ts';
import {
  appendAudit,
  enqueueJob,
  getRoundById,
  storeJobResult,
  type Db,
  type Round,
} from '../../storage/index.ts';
import { EXPORT_CONTENT_TYPES, EXPORT_EXTENSIONS, exportRoundFile, type ExportFormat } from './export.ts';

export const EXPORT_JOB = 'export';

export function exportJobThreshold(env = process.env): number {
  const raw = env.PEJLING_EXPORT_JOB_THRESHOLD?.trim();
  if (!raw) return 20_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`PEJLING_EXPORT_JOB_THRESHOLD must be a whole number of respondents (got ${raw})`);
  return n;
}

export const exportFileName = (round: Round, format: ExportFormat) =>
  `pejling-${round.name}${format === 'csv-excel-da' ? '-excel' : ''}.${EXPORT_EXTENSIONS[format]}`;

export async function enqueueExport(db: Db, round: Round, format: ExportFormat, actor: string) {
  const result = await enqueueJob(db, {
    kind: EXPORT_JOB,
    roundId: round.id,
    params: { format },
    actor,
    dedupeKey: `${EXPORT_JOB}:${round.id}:${format}`,
    subjects: ['file'],
  });
  if (result.created)
    await appendAudit(db, {
      actor,
      action: 'job.export',
      subject: `round:${round.name}`,
      details: { job: result.job.id, format },
    });
  return result;
}

export const exportJobHandler: JobHandler = {
  kind: EXPORT_JOB,
  abandoned: 'redo',
  async open(db, job) {
    const round = job.roundId === null ? undefined : await getRoundById(db, job.roundId);
    if (!round) throw new Error(`job ${job.id}: its round is gone`);
    const { format } = job.params as { format: ExportFormat };
    return {
      async item() {
        const dir = await mkdtemp(join(tmpdir(), 'pejling-export-job-'));
        try {
          const file = join(dir, `export.${EXPORT_EXTENSIONS[format]}`);
          await exportRoundFile(db, round.name, format, file);
          await storeJobResult(db, job.id, {
            fileName: exportFileName(round, format),
            contentType: EXPORT_CONTENT_TYPES[format],
            data: await readFile(file),
          });
          return { state: 'done' };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
      close: async () => undefined,
    };
  },
};
