/**
 * Opening, closing and reopening a round: asked first on a page that says what follows, done
 * only by that page's button; reopening only by an administrator, audited; links for a draft
 * round come with a warning.
 */
import { expect, it } from 'vitest';
import {
  createRound,
  getRoundByName,
  listAudit,
  listReleases,
  requireRoundByName,
} from '../../src/storage/index.ts';
import { dtOffentligSource } from '../api/helpers.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { startWorld, type World } from './helpers.ts';

const post = (world: World, role: 'admin' | 'analyst', fields: Record<string, string>) =>
  world.as(role, {
    method: 'POST',
    url: '/admin/rounds/r1/status',
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describeEachBackend('round status from the staff pages', (getDb) => {
  it('asks before closing, closes only on confirmation, and lets only an administrator reopen', async () => {
    const db = getDb();
    const world = await startWorld(db);
    const status = async () => (await requireRoundByName(db, 'r1')).status;

    const page = await world.as('analyst', { url: '/admin/rounds/r1' });
    expect(page.body).toContain('href="/admin/rounds/r1/status?change=close"');
    const confirm = await world.as('analyst', { url: '/admin/rounds/r1/status?change=close' });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('links holder op med at virke');
    expect(confirm.body).toContain('name="confirm" value="yes"');

    // The old one-click form, or anything but the confirmation's own fields, changes nothing.
    const attempts: Record<string, string>[] = [
      { status: 'closed' },
      { status: 'closed', change: 'close' },
      { change: 'close', confirm: 'yes' },
    ];
    for (const fields of attempts) {
      const res = await post(world, 'analyst', fields);
      expect(res.statusCode, JSON.stringify(fields)).toBe(200);
      expect(await status()).toBe('open');
    }
    // A change this round cannot have is refused.
    expect(
      (await post(world, 'analyst', { status: 'open', change: 'open', confirm: 'yes' })).statusCode,
    ).toBe(409);

    const closed = await post(world, 'analyst', { status: 'closed', change: 'close', confirm: 'yes' });
    expect(closed.statusCode).toBe(303);
    expect(closed.headers.location).toBe('/admin/rounds/r1?notice=round.closed');
    expect(await status()).toBe('closed');
    const round = (await getRoundByName(db, 'r1'))!;
    expect((await listReleases(db, round.id)).at(-1)?.reason).toBe('close');
    expect((await world.app.inject({ url: `/api/survey/${world.respondentToken}` })).statusCode).toBe(404);

    // Reopening: not for an analyst (no link, and refused), for an administrator after asking.
    expect((await world.as('analyst', { url: '/admin/rounds/r1' })).body).not.toContain('change=reopen');
    expect((await world.as('analyst', { url: '/admin/rounds/r1/status?change=reopen' })).statusCode).toBe(
      403,
    );
    expect(
      (await post(world, 'analyst', { status: 'open', change: 'reopen', confirm: 'yes' })).statusCode,
    ).toBe(403);
    expect(await status()).toBe('closed');
    expect((await world.as('admin', { url: '/admin/rounds/r1' })).body).toContain('status?change=reopen');
    const reopened = await post(world, 'admin', { status: 'open', change: 'reopen', confirm: 'yes' });
    expect(reopened.headers.location).toBe('/admin/rounds/r1?notice=round.reopened');
    expect(await status()).toBe('open');
    expect((await world.app.inject({ url: `/api/survey/${world.respondentToken}` })).statusCode).toBe(200);
    const audit = await listAudit(db);
    expect(audit.filter((e) => e.action === 'round.reopen').map((e) => [e.actor, e.subject])).toEqual([
      ['admin@example.dk', 'round:r1'],
    ]);
  });

  it('reopens through the API only when asked for by name', async () => {
    const db = getDb();
    const world = await startWorld(db);
    const { createApiToken } = await import('../../src/api/data/api-tokens.ts');
    const { token } = await createApiToken(db, { email: 'admin@example.dk', role: 'admin' });
    const patch = (body: unknown) =>
      world.app.inject({
        method: 'PATCH',
        url: '/api/rounds/r1',
        payload: body as Record<string, unknown>,
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await patch({ status: 'closed' })).statusCode).toBe(200);
    expect((await patch({ status: 'open' })).statusCode).toBe(409);
    const reopened = await patch({ status: 'open', reopen: true });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open' });
  });

  it('warns on a draft round that its links do not work yet', async () => {
    const db = getDb();
    const world = await startWorld(db);
    const { ref } = await dtOffentligSource();
    await createRound(db, { name: 'kladde', instrument: { id: ref.id, version: ref.version } });
    const draft = await world.as('admin', { url: '/admin/rounds/kladde' });
    expect(draft.body).toContain('Runden er en kladde: links virker først, når runden er åbnet.');
    expect((await world.as('admin', { url: '/admin/rounds/r1' })).body).not.toContain('Runden er en kladde');
  });
});
