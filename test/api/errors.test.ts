/** Unexpected faults: a 500 problem that says nothing about the internals; the log has the details. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import type { Database } from '../../src/storage/index.ts';

let dir: string;
let db: Database;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-errors-'));
  db = await openApiDatabase({ backend: 'sqlite', dataDir: dir });
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

it('answers a fault with a bare 500 problem and logs the error', async () => {
  const lines: string[] = [];
  const app = buildApp({ db, logger: { stream: { write: (line) => void lines.push(line) } } });
  app.register(async (test) => {
    test.get('/api/boom', { config: { access: 'public' } }, async () => {
      throw new Error('connection string postgres://user:pw@db/x failed');
    });
  });
  await app.ready();
  const res = await app.inject({ url: '/api/boom' });
  expect(res.statusCode).toBe(500);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toEqual({
    type: 'urn:pejling:problem:internal',
    title: 'Internal server error',
    status: 500,
    detail: 'Something went wrong on our side.',
  });
  const logged = lines.map((l) => JSON.parse(l)).find((e) => e.level === 50);
  expect(logged).toMatchObject({
    msg: 'request failed',
    err: { type: 'Error', stack: expect.stringMatching(/boom|Error/) },
  });
  await app.close();
});

it('answers 503 on health when the database is gone', async () => {
  const other = await openApiDatabase({ backend: 'sqlite', dataDir: join(dir, 'gone') });
  const app = buildApp({ db: other });
  await app.ready();
  await other.close();
  const res = await app.inject({ url: '/api/health' });
  expect(res.statusCode).toBe(503);
  expect(res.json()).toMatchObject({ type: 'urn:pejling:problem:unavailable', status: 503 });
  await app.close();
});
