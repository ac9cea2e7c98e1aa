/** The log of real requests: JSON lines, without tokens, answers or credentials. */
import { expect, it } from 'vitest';
import { redactUrl } from '../../src/api/request-path.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { completeAnswers, json, roundWithInvitations, startApi } from './helpers.ts';

const SECRET_TEXT = 'Hemmeligt svar 7f3a9c';

describeEachBackend('API logging', (getDb) => {
  it('logs every request as JSON without the token, the answers or the bearer token', async () => {
    const db = getDb();
    const lines: string[] = [];
    const { call, tokens } = await startApi(db, {
      level: 'debug',
      stream: { write: (line) => void lines.push(line) },
    });
    const { tokens: invitations } = await roundWithInvitations(db, '2026', 1);
    const token = invitations[0]!;
    const answers = { ...completeAnswers(3), 'reflection.comment': SECRET_TEXT };

    await call(null, { url: `/api/survey/${token}` });
    await call(null, { method: 'PUT', url: `/api/survey/${token}/draft`, ...json({ answers, revision: 0 }) });
    await call(null, {
      method: 'PUT',
      url: `/api/survey/${token}/draft?x=1`,
      ...json({ answers: { 'why.importance': 9, 'reflection.comment': SECRET_TEXT }, revision: 1 }),
    });
    await call(null, { method: 'POST', url: `/api/survey/${token}/submit`, ...json({ answers }) });
    await call(null, {
      method: 'PUT',
      url: `/api/survey/${token}/draft`,
      payload: `{"answers":{"x":"${SECRET_TEXT}"`,
      headers: { 'content-type': 'application/json' },
    });
    await call('admin', { url: '/api/rounds/2026/export?format=json' });
    await call('admin', { url: '/api/rounds', headers: { cookie: 'session=abc123secret' } });

    expect(lines.length).toBeGreaterThan(10);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const urls = entries.flatMap((e) =>
      (e.req as { url?: string } | undefined)?.url ? [(e.req as { url: string }).url] : [],
    );
    expect(urls).toContain('/api/survey/[token]/draft');
    expect(urls).toContain('/api/survey/[token]/draft?x=1');
    expect(entries.some((e) => (e.res as { statusCode?: number } | undefined)?.statusCode === 422)).toBe(
      true,
    );

    const log = lines.join('');
    expect(log).not.toContain(token);
    expect(log).not.toContain(tokens.admin);
    expect(log).not.toContain(SECRET_TEXT);
    expect(log).not.toContain('abc123secret');
    expect(log).not.toContain('topleder');
    expect(log).not.toMatch(/forretning|kommentar/);
  });
});

it('cuts invitation tokens out of API and web survey paths', () => {
  expect(redactUrl('/api/survey/abc')).toBe('/api/survey/[token]');
  expect(redactUrl('/api/survey/abc/submit?lang=en')).toBe('/api/survey/[token]/submit?lang=en');
  expect(redactUrl('/s/abc')).toBe('/s/[token]');
  expect(redactUrl('/api/rounds/2026')).toBe('/api/rounds/2026');
});
