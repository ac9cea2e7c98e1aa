/**
 * Where each role lands: a lead on their organisation's reports, a runner on the rounds (whose
 * dashboard links to each organisation's report); a page opened without a log-in comes back
 * after it, and the log-in never sends anyone to another site.
 */
import { expect, it } from 'vitest';
import { hashPassword } from '../../src/accounts/password.ts';
import {
  getOrganisationByName,
  inviteRespondent,
  setPasswordHash,
  type Db,
  type Round,
} from '../../src/storage/index.ts';
import { completeAnswers, json } from '../api/helpers.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { startWorld, type World } from './helpers.ts';

const PASSWORD = 'a long enough passphrase';

async function submitFor(world: World, db: Db, round: Round, organisation: string) {
  const org = await getOrganisationByName(db, organisation);
  const { token } = await inviteRespondent(db, {
    roundId: round.id,
    organisationId: org!.id,
    externalId: 'x1',
  });
  const res = await world.app.inject({
    method: 'POST',
    url: `/api/survey/${token}/submit`,
    ...json({ answers: completeAnswers(2) }),
  });
  expect(res.statusCode).toBe(201);
}

/** The log-in form as a browser uses it: its page, its cookie, its hidden fields. */
async function logInThroughForm(world: World, email: string, loginUrl: string) {
  const page = await world.app.inject({ url: loginUrl });
  const cookie = String(page.headers['set-cookie']).split(';')[0]!;
  const hidden = Object.fromEntries(
    [...page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
  const res = await world.app.inject({
    method: 'POST',
    url: '/admin/login',
    payload: new URLSearchParams({ ...hidden, email, password: PASSWORD }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  });
  return { page, res };
}

describeEachBackend('homes and the way back after a log-in', (getDb) => {
  it("shows a lead their organisation's reports, and runners links from the dashboard", async () => {
    const db = getDb();
    const world = await startWorld(db);
    const link = `/reports/r1/organisations/${encodeURIComponent(world.organisations.a)}`;

    const before = await world.as('org_lead', { url: '/admin' });
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Din organisation har endnu ingen rapport.');
    expect(before.body).not.toContain(link);

    await submitFor(world, db, world.round, world.organisations.a);
    const after = await world.as('org_lead', { url: '/admin?lang=en' });
    expect(after.body).toContain(`href="${link}?lang=en"`);
    expect(after.body).toContain(`The reports of ${world.organisations.a}`);
    // Only their own organisation: B has no answers, but A's lead sees nothing of B anyway.
    expect(after.body).not.toContain(world.organisations.b);
    expect((await world.as('org_lead', { url: link })).statusCode).toBe(200);

    const round = await world.as('analyst', { url: '/admin/rounds/r1' });
    expect(round.body).toContain(`<a href="${link}">${world.organisations.a}</a>`);
  });

  it('comes back to the page that needed a log-in, and never leaves the site', async () => {
    const db = getDb();
    const world = await startWorld(db);
    await submitFor(world, db, world.round, world.organisations.a);
    await setPasswordHash(db, world.users.org_lead.id, await hashPassword(PASSWORD));
    const report = `/reports/r1/organisations/${encodeURIComponent(world.organisations.a)}`;

    const anonymous = await world.app.inject({ url: report });
    expect(anonymous.statusCode).toBe(303);
    const { res } = await logInThroughForm(world, 'lead@example.dk', anonymous.headers.location as string);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(report);

    for (const evil of [
      'https://evil.example/x',
      '//evil.example/x',
      '/\\evil.example',
      '/admin@evil',
      'javascript:x',
    ]) {
      const { page, res: out } = await logInThroughForm(
        world,
        'lead@example.dk',
        `/admin/login?next=${encodeURIComponent(evil)}`,
      );
      expect(page.body, evil).not.toContain('name="next"');
      expect(out.headers.location, evil).toBe('/admin');
    }
  });
});
