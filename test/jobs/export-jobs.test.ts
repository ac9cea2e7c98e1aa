/**
 * Large exports as background jobs: above the threshold the direct export refuses and says
 * how to get it; the job writes the same bytes as the direct export, kept in the database for
 * any instance to serve, to administrators only.
 */
import { readFileSync } from 'node:fs';
import { afterEach, expect, it, vi } from 'vitest';
import { exportJobHandler } from '../../src/api/services/export-jobs.ts';
import { startJobWorker } from '../../src/rounds/jobs/worker.ts';
import { fixture } from '../helpers.ts';
import { startApi } from '../api/helpers.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { quietLog } from './fixtures.ts';

const CSV = readFileSync(fixture('dt-three-orgs.csv'), 'utf8');

afterEach(() => vi.unstubAllEnvs());

describeEachBackend('export jobs', (getDb) => {
  it('exports a round above the threshold as a job with the same bytes as the direct export', async () => {
    const db = getDb();
    const api = await startApi(db);
    await api.call('admin', {
      method: 'POST',
      url: '/api/rounds/r1/import',
      payload: CSV,
      headers: { 'content-type': 'text/csv' },
    });
    const direct = await api.call('admin', { url: '/api/rounds/r1/export?format=csv' });
    expect(direct.statusCode).toBe(200);

    vi.stubEnv('PEJLING_EXPORT_JOB_THRESHOLD', '4');
    const refused = await api.call('admin', { url: '/api/rounds/r1/export?format=csv' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ type: 'urn:pejling:problem:export-too-large' });
    expect(refused.json().detail).toContain('/api/rounds/r1/export-jobs');

    const started = await api.call('admin', {
      method: 'POST',
      url: '/api/rounds/r1/export-jobs',
      payload: { format: 'csv' },
    });
    expect(started.statusCode).toBe(202);
    const id = started.json().job as number;
    expect(
      (await api.call('analyst', { method: 'POST', url: '/api/rounds/r1/export-jobs', payload: {} }))
        .statusCode,
    ).toBe(403);
    await startJobWorker(db, [exportJobHandler], quietLog, { poll: false, minPollMs: 0 }).drain();
    expect((await api.call('admin', { url: `/api/jobs/${id}` })).json()).toMatchObject({
      state: 'done',
      done: 1,
      hasResult: true,
    });
    const file = await api.call('admin', { url: `/api/jobs/${id}/result` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="pejling-r1.csv"');
    expect(file.body).toBe(direct.body);
    // Raw answers: an analyst running the round still may not download them.
    await api.assignAnalyst('r1');
    expect((await api.call('analyst', { url: `/api/jobs/${id}/result` })).statusCode).toBe(403);
  });
});
