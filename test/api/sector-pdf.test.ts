/**
 * The sector report's PDF is printed by the app's one warm printer (no Chromium started per
 * request): two prints through the route, both PDFs, and the printer handed to the app is the
 * one that ran.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { PdfPrinter } from '../../src/reports/organisation/pdf.ts';
import type { Database } from '../../src/storage/index.ts';
import { createTestTarget, type TestTarget } from '../storage/backends.ts';
import { seedReportWorld, type ReportWorld } from '../reports/world.ts';

describe('sector report PDF', () => {
  let target: TestTarget;
  let db: Database;
  let world: ReportWorld;
  let app: FastifyInstance;
  const printer = new PdfPrinter();

  beforeAll(async () => {
    target = await createTestTarget('sqlite');
    db = await openApiDatabase(target.config);
    world = await seedReportWorld(db);
    app = buildApp({ db, printer });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await printer.close();
    await db?.close();
    await target?.cleanup();
  });

  it('prints with the app’s shared printer, warm for the next print', async () => {
    expect(printer.warm).toBe(false);
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({
        url: '/admin/rounds/r-2026/report.pdf',
        headers: { authorization: `Bearer ${world.tokens.admin}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(res.rawPayload.byteLength).toBeGreaterThan(10_000);
      expect(printer.warm).toBe(true);
    }
  }, 120_000);
});
