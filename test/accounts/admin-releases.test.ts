/**
 * The releases section of the round page and its "make a release now" form, on a real
 * database: what each group's state says, the post/redirect/get round trip, CSRF, roles, audit.
 */
import { expect, it } from 'vitest';
import { makeRelease } from '../../src/api/services/releases.ts';
import { missingAdminKeys } from '../../src/i18n/admin.ts';
import { importRound, listAudit, requireRoundByName } from '../../src/storage/index.ts';
import { dtOffentligSource } from '../api/helpers.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { startWorld, type Role, type World } from './helpers.ts';
import { HAND_ROUND } from './sector-data.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The world, plus the hand-computed round `demo` (k = 3) with no release yet. */
async function demoWorld(world: World): Promise<void> {
  const { ref } = await dtOffentligSource();
  await importRound(world.db, { roundName: 'demo', instrument: ref, organisations: HAND_ROUND });
  await world.db.kysely.updateTable('rounds').set({ k_min: 3 }).where('name', '=', 'demo').execute();
}

async function page(world: World, url: string, role: Role = 'admin'): Promise<string> {
  const res = await world.as(role, { url });
  expect(res.statusCode, url).toBe(200);
  return res.body;
}

/** The releases section alone (the dashboard above it names sectors too). */
const section = (body: string) => {
  const start = body.indexOf('<section aria-labelledby="releases">');
  expect(start).toBeGreaterThan(0);
  return body.slice(start, body.indexOf('</section>', start));
};

/** A group's row in the latest release: [status, organisations]. */
function groupRow(body: string, label: string): [string, string] {
  const m = new RegExp(`<th scope="row">${label}</th>\\s*<td>([^<]*)</td>\\s*<td>([^<]*)</td>`).exec(
    section(body),
  );
  expect(m, label).not.toBeNull();
  return [m![1]!.trim(), m![2]!.trim()];
}

async function release(world: World, role: Role = 'admin', lang = 'da') {
  const s = await world.session(role);
  return world.app.inject({
    method: 'POST',
    url: '/admin/rounds/demo/release',
    headers: { ...FORM, cookie: s.cookie },
    payload: `_csrf=${s.csrf}&lang=${lang}`,
  });
}

const releaseCount = async (world: World) =>
  (await world.db.kysely.selectFrom('releases').select('number').execute()).length;

describeEachBackend('releases on the round page', (getDb) => {
  it('says there is none yet, makes one with the form, and shows each group’s state', async () => {
    const world = await startWorld(getDb());
    await demoWorld(world);
    const before = section(await page(world, '/admin/rounds/demo'));
    expect(before).toContain('<h2 id="releases">Udgivelser</h2>');
    expect(before).toContain('Runden har endnu ingen udgivelse.');
    expect(before).toMatch(/<form method="post" action="\/admin\/rounds\/demo\/release"\s*>/);
    expect(before).toMatch(/name="_csrf" value="[^"]+"/);
    expect(before).toContain('Udgiv nu');

    // Post/redirect/get: back to the round page, whose notice says which release was made.
    const made = await release(world);
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe('/admin/rounds/demo?notice=releases.made&release=1');
    const after = await page(world, String(made.headers.location));
    expect(after).toContain('<p class="notice" role="status">Udgivelse 1 er lavet.</p>');
    expect(section(after)).toContain('Seneste udgivelse');
    expect(section(after)).toMatch(/<dd>Bestilt af personale<\/dd>/);
    expect(groupRow(after, 'Hele runden')).toEqual(['Nye tal i denne udgivelse', '4']);
    // Groups not shown give the reason in words, and never their size.
    expect(groupRow(after, 'Regioner')).toEqual(['Vises ikke: gruppen har færre end 3 organisationer.', '–']);
    expect(groupRow(after, 'Kommuner')[0]).toMatch(/^Vises ikke: gruppen adskiller sig/);
    expect(groupRow(after, 'Kommuner')[1]).toBe('–');
    expect(groupRow(after, 'Bedste praksis')).toEqual([
      expect.stringMatching(/^Vises ikke: grunden oplyses ikke/),
      '–',
    ]);
    expect(section(after)).not.toContain('Tidligere udgivelser');

    const audit = (await listAudit(world.db, { subject: 'round:demo' })).filter(
      (e) => e.action === 'round.release',
    );
    expect(audit).toMatchObject([{ actor: 'admin@example.dk', details: { number: 1 } }]);

    // Nothing changed since: a new release whose groups all keep their figures.
    const again = await release(world, 'admin', 'en');
    expect(again.headers.location).toBe('/admin/rounds/demo?notice=releases.unchanged&release=2&lang=en');
    const en = await page(world, String(again.headers.location));
    expect(en).toContain('Release 2 is made, but no group got new figures');
    expect(section(en)).toContain('<h2 id="releases">Releases</h2>');
    expect(groupRow(en, 'The whole round')).toEqual(['Shows the figures of release 1', '4']);
    expect(section(en)).toMatch(/<caption id="release-history">\s*Earlier releases, newest first/);
    expect(section(en)).toMatch(/<th scope="row">1<\/th>\s*<td><time datetime="[^"]+">/);
    expect(missingAdminKeys()).toEqual([]);
  });

  it('lists the ten newest earlier releases and says how many there are in all', async () => {
    const world = await startWorld(getDb());
    await demoWorld(world);
    const round = await requireRoundByName(world.db, 'demo');
    for (let i = 0; i < 12; i++) await makeRelease(world.db, round, 'auto');
    const body = section(await page(world, '/admin/rounds/demo'));
    const earlier = body.slice(body.indexOf('Tidligere udgivelser, nyeste først'));
    expect([...earlier.matchAll(/<th scope="row">(\d+)<\/th>/g)].map((m) => Number(m[1]))).toEqual([
      11, 10, 9, 8, 7, 6, 5, 4, 3, 2,
    ]);
    expect(body).toContain('De 10 nyeste tidligere udgivelser vises; runden har 12 udgivelser i alt.');
    expect(body).toContain('<dd>Automatisk</dd>');
  });

  it('makes the same audited release through the API', async () => {
    const world = await startWorld(getDb());
    await demoWorld(world);
    const res = await world.as('admin', { method: 'POST', url: '/api/rounds/demo/releases' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ number: 1, reason: 'manual' });
    expect(
      (await listAudit(world.db, { subject: 'round:demo' })).filter((e) => e.action === 'round.release'),
    ).toMatchObject([{ actor: 'admin@example.dk', details: { number: 1 } }]);
  });

  it('refuses the form without its CSRF token, and to anyone who does not run the round', async () => {
    const world = await startWorld(getDb());
    await demoWorld(world);
    const s = await world.session('admin');
    const forged = await world.app.inject({
      method: 'POST',
      url: '/admin/rounds/demo/release',
      headers: { ...FORM, cookie: s.cookie },
      payload: 'lang=da',
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.headers['x-problem-type']).toBe('csrf');
    // An organisation's lead may not, nor an analyst who does not run this round.
    const lead = await release(world, 'org_lead');
    expect(lead.statusCode).toBe(403);
    expect(lead.headers['x-problem-type']).toBe('forbidden');
    expect((await release(world, 'analyst')).statusCode).toBe(403);
    expect(await releaseCount(world)).toBe(0);
    expect((await world.as('org_lead', { url: '/admin/rounds/demo' })).statusCode).toBe(403);
  });
});
