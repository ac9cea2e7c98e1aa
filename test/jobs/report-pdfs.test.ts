/**
 * Every organisation's PDF report of a round in one ZIP, as a background job on both backends
 * (real Chromium): one PDF per organisation, kept as printed so a job stopped half way goes on
 * with the rest only; the ZIP is in the database and offered to those who run the round,
 * audited; nobody else sees the job.
 */
import { unzipSync } from 'fflate';
import { expect, it } from 'vitest';
import { makeRelease } from '../../src/api/services/releases.ts';
import { enqueueReportPdfs, reportPdfsJobHandler } from '../../src/api/services/report-jobs.ts';
import { startJobWorker, type JobHandler } from '../../src/rounds/jobs/worker.ts';
import { PdfPrinter } from '../../src/reports/organisation/pdf.ts';
import {
  getJobResult,
  importRound,
  jobCounts,
  listAudit,
  requireRoundByName,
  type Db,
} from '../../src/storage/index.ts';
import { dtOffentligSource } from '../api/helpers.ts';
import { startWorld } from '../accounts/helpers.ts';
import { HAND_ROUND } from '../accounts/sector-data.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { quietLog } from './fixtures.ts';

async function handRound(db: Db, name = 'hand') {
  const { ref } = await dtOffentligSource();
  await importRound(db, { roundName: name, instrument: ref, organisations: HAND_ROUND });
  const round = await requireRoundByName(db, name);
  await makeRelease(db, round, 'import');
  return round;
}

/** The handler, counting its prints and calling `onItem` before each. */
function counting(printer: PdfPrinter, onItem: (n: number) => void = () => undefined) {
  const inner = reportPdfsJobHandler({ printer: () => printer });
  let printed = 0;
  const handler: JobHandler = {
    ...inner,
    async open(db, job, workerId) {
      const run = await inner.open(db, job, workerId);
      return {
        ...run,
        item: async (item) => {
          onItem(++printed);
          return run.item(item);
        },
      };
    },
  };
  return { handler, printed: () => printed };
}

describeEachBackend('PDF reports of a round as a job', (getDb) => {
  it(
    'prints one PDF per organisation into a ZIP, and a stopped job goes on with the rest only',
    { timeout: 120_000 },
    async () => {
      const db = getDb();
      const round = await handRound(db);
      const { job } = await enqueueReportPdfs(db, round, 'da', 'admin@example.dk');
      const printer = new PdfPrinter({ concurrency: 1 });
      try {
        // The first worker is stopped (a deploy) while printing its second organisation.
        let first: ReturnType<typeof startJobWorker> | null = null;
        const one = counting(printer, (n) => {
          if (n === 2) void first!.stop();
        });
        first = startJobWorker(db, [one.handler], quietLog, { poll: false, minPollMs: 0 });
        await first.drain();
        expect(one.printed()).toBe(2);
        expect(await jobCounts(db, job.id)).toMatchObject({ done: 2, pending: 2 });

        const two = counting(printer);
        await startJobWorker(db, [two.handler], quietLog, { poll: false, minPollMs: 0 }).drain();
        expect(two.printed()).toBe(2);
        expect(await jobCounts(db, job.id)).toMatchObject({ done: 4, pending: 0 });
      } finally {
        await printer.close();
      }
      const result = (await getJobResult(db, job.id))!;
      expect(result.fileName).toBe('pejling-hand-reports-da.zip');
      const files = unzipSync(result.data);
      const names = Object.keys(files).sort();
      expect(names.map((n) => n.replace(/-\d+\.pdf$/, ''))).toEqual([
        'K1 Kommune',
        'K2 Kommune',
        'K3 Kommune',
        'R1 Region',
      ]);
      for (const name of names) expect(Buffer.from(files[name]!.subarray(0, 5)).toString()).toBe('%PDF-');
    },
  );

  it('is started, followed and downloaded by those who run the round only, and every step is audited', async () => {
    const db = getDb();
    const world = await startWorld(db);
    // r1 has no released organisations: an empty ZIP, quickly.
    const started = await world.as('analyst', {
      method: 'POST',
      url: '/api/rounds/r1/report-pdfs',
      payload: {},
    });
    expect(started.statusCode).toBe(202);
    const id = started.json().job as number;
    expect((await world.as('analyst', { url: `/api/jobs/${id}/result` })).statusCode).toBe(409);
    await startJobWorker(db, [reportPdfsJobHandler()], quietLog, { poll: false, minPollMs: 0 }).drain();
    expect((await world.as('analyst', { url: `/api/jobs/${id}` })).json()).toMatchObject({
      state: 'done',
      total: 0,
      hasResult: true,
    });
    const download = await world.as('analyst', { url: `/api/jobs/${id}/result` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(Object.keys(unzipSync(download.rawPayload))).toEqual([]);
    // A round the analyst does not run: its jobs are not theirs to see, nor to know of (the
    // same 404 as a job that does not exist).
    const other = await handRound(db, 'other');
    const { job } = await enqueueReportPdfs(db, other, 'en', 'admin@example.dk');
    const foreign = await world.as('analyst', { url: `/api/jobs/${job.id}` });
    const missing = await world.as('analyst', { url: '/api/jobs/999999' });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(missing.body);
    expect((await world.as('analyst', { url: `/admin/jobs/${job.id}` })).statusCode).toBe(404);
    expect((await world.as('org_lead', { url: `/api/jobs/${job.id}` })).statusCode).toBe(403);
    expect((await world.as('admin', { url: `/api/jobs/${job.id}` })).statusCode).toBe(200);
    expect((await world.as('admin', { url: '/api/jobs/999999' })).statusCode).toBe(404);
    const actions = (await listAudit(db, { limit: 50 })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['job.report-pdfs', 'job.download']));
  });
});
