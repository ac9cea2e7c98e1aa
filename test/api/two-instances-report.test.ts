/**
 * Two real server processes on one PostgreSQL schema, each with its own report cache: a plan
 * edit, a target edit or a new release made through instance A shows on instance B's next page
 * at once, and both serve the same page (the cache is an optimisation, never state).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDatabase } from '../../src/api/database.ts';
import { makeRelease } from '../../src/api/services/releases.ts';
import type { Database } from '../../src/storage/index.ts';
import { BACKENDS, createTestTarget, type TestTarget } from '../storage/backends.ts';
import { apiPath, pagePath, seedReportWorld, type ReportWorld } from '../reports/world.ts';
import { startServer, stopServer, type Server } from './servers.ts';

describe.runIf(BACKENDS.includes('postgres'))('report pages from two app instances on one PostgreSQL', () => {
  let target: TestTarget;
  let db: Database;
  let world: ReportWorld;
  let servers: Server[] = [];

  beforeAll(async () => {
    target = await createTestTarget('postgres');
    db = await openApiDatabase(target.config);
    world = await seedReportWorld(db);
    servers = await Promise.all([startServer(target), startServer(target)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map(stopServer));
    await db?.close();
    await target?.cleanup();
  });

  const auth = () => ({ authorization: `Bearer ${world.tokens.lead}` });
  async function page(server: Server, lang = 'da'): Promise<string> {
    const res = await fetch(`${server.url}${pagePath('r-2026', world.mine.name)}?lang=${lang}`, {
      headers: auth(),
    });
    expect(res.status).toBe(200);
    // The page says when it was made (to the minute): the one thing two requests may differ in.
    return (await res.text()).replace(/<p class="note">[\s\S]*?<\/p>/g, '');
  }

  it('shows A’s edits on B’s next page, both pages alike', { timeout: 180_000 }, async () => {
    const [a, b] = servers as [Server, Server];
    // Both caches warm, in both languages.
    for (const lang of ['da', 'en']) expect(await page(b, lang)).toBe(await page(a, lang));
    const first = await page(b);

    const created = await fetch(`${a.url}${apiPath('r-2026', world.mine.name)}/plan`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Set op via instans A', status: 'planned' }),
    });
    expect(created.status).toBe(201);
    const afterPlan = await page(b);
    expect(afterPlan).toContain('Set op via instans A');
    expect(afterPlan).toBe(await page(a));

    const report = (await (
      await fetch(`${a.url}${apiPath('r-2026', world.mine.name)}/report`, { headers: auth() })
    ).json()) as { profile: { rows: { id: string }[] } };
    const competency = report.profile.rows[0]!.id;
    const put = await fetch(`${a.url}${apiPath('r-2026', world.mine.name)}/targets`, {
      method: 'PUT',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ targets: [{ competency, target: 4.5 }] }),
    });
    expect(put.status, await put.clone().text()).toBeLessThan(300);
    const afterTargets = await page(b);
    expect(afterTargets).not.toBe(afterPlan);
    expect(afterTargets).toBe(await page(a));

    await makeRelease(db, world.rounds.current, 'manual');
    const afterRelease = await page(b);
    expect(afterRelease).not.toBe(afterTargets);
    expect(afterRelease).toBe(await page(a));
    expect(first).not.toBe(afterRelease);
  });
});
