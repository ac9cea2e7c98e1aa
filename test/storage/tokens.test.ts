import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  findRespondentByToken,
  hashToken,
  inviteRespondent,
  issueInvitationToken,
  newToken,
  type Db,
} from '../../src/storage/index.ts';
import { describeEachBackend } from './backends.ts';
import { seedRound } from './fixtures.ts';

const TABLES = [
  'instruments',
  'rounds',
  'organisations',
  'respondents',
  'drafts',
  'submissions',
  'users',
  'audit_log',
] as const;

/** Every stored value of every table, as one string. */
async function everything(db: Db): Promise<string> {
  const dump: unknown[] = [];
  for (const table of TABLES) dump.push(await db.kysely.selectFrom(table).selectAll().execute());
  return JSON.stringify(dump);
}

it('makes 256-bit url-safe tokens and hashes them with SHA-256', () => {
  const token = newToken();
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  expect(new Set(Array.from({ length: 1000 }, newToken)).size).toBe(1000);
  expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
  expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

describeEachBackend('invitation tokens', (getDb, { config }) => {
  it('stores only the hash and finds the respondent by token', async () => {
    const db = getDb();
    const { round, organisation } = await seedRound(db);
    const { respondent, token } = await inviteRespondent(db, {
      roundId: round.id,
      organisationId: organisation.id,
      role: 'leader',
      email: 'leder@aarhus.dk',
    });
    expect(respondent.hasToken).toBe(true);

    const stored = await everything(db);
    expect(stored).not.toContain(token);
    expect(stored).toContain(hashToken(token));
    const target = config();
    if (target.backend === 'sqlite') {
      // Not in the raw file bytes either (database and write-ahead log).
      const files = (await readdir(target.dataDir)).map((f) => join(target.dataDir, f));
      expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
      for (const file of files) expect((await readFile(file)).includes(token)).toBe(false);
    }

    const found = await findRespondentByToken(db, token);
    expect(found?.respondent.id).toBe(respondent.id);
    expect(found?.round.name).toBe(round.name);
    expect(found?.organisation.name).toBe(organisation.name);
    expect(await findRespondentByToken(db, newToken())).toBeUndefined();
    expect(await findRespondentByToken(db, 'short')).toBeUndefined();
  });

  it('invalidates the old token when a new one is issued', async () => {
    const db = getDb();
    const { respondent } = await seedRound(db);
    const first = await issueInvitationToken(db, respondent.id);
    const second = await issueInvitationToken(db, respondent.id);
    expect(await findRespondentByToken(db, first)).toBeUndefined();
    expect((await findRespondentByToken(db, second))?.respondent.id).toBe(respondent.id);
  });
});
