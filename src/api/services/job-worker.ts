/**
 * The background job worker of an app instance, with every kind of job it runs. `serve`
 * starts one per process; several instances on one database share the work (see
 * src/rounds/jobs/worker.ts for how they never do the same item twice).
 */
import type { FastifyBaseLogger } from 'fastify';
import { mailJobHandler } from '../../rounds/invitation-jobs.ts';
import {
  startJobWorker,
  type JobHandler,
  type JobWorker,
  type WorkerOptions,
} from '../../rounds/jobs/worker.ts';
import type { Db } from '../../storage/index.ts';
import { exportJobHandler } from './export-jobs.ts';
import { reportPdfsJobHandler } from './report-jobs.ts';

export const appJobHandlers = (): JobHandler[] => [mailJobHandler, reportPdfsJobHandler(), exportJobHandler];

export function startAppJobWorker(
  db: Db,
  log: FastifyBaseLogger,
  options: WorkerOptions & { poll?: boolean } = {},
): JobWorker {
  return startJobWorker(db, appJobHandlers(), log, options);
}
