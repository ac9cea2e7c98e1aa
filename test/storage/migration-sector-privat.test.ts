/**
 * Migration 0020 (sector `privat`), on both backends: a database at the migration before it,
 * holding a round (organisations, respondents, submissions, round attributes), is upgraded;
 * the rows, their ids, the foreign keys and the triggers are as before, and the column takes
 * `privat` but nothing outside the five sectors, and no missing sector.
 */
import { sql } from 'kysely';
import { afterEach, it, expect } from 'vitest';
import { migrateToWithin } from '../../src/storage/backup/migrate.ts';
import { MIGRATION_NAMES } from '../../src/storage/migrations/index.ts';
import { ensureOrganisation, importRound, openDatabase, type Db } from '../../src/storage/index.ts';
import { BACKENDS, createTestTarget, type TestTarget } from './backends.ts';
import { answers, INSTRUMENT } from './fixtures.ts';

const BEFORE = MIGRATION_NAMES[MIGRATION_NAMES.indexOf('0020-sector-privat') - 1]!;
const targets: TestTarget[] = [];
afterEach(async () => {
  for (const t of targets.splice(0)) await t.cleanup();
});

type Row = Record<string, unknown>;
const rows = async (db: Db, query: string) =>
  (await sql.raw<Row>(query).execute(db.kysely)).rows.map((r) => ({ ...r }));

for (const backend of BACKENDS) {
  it(`[${backend}] upgrades a database with data at ${BEFORE}, keeping rows, keys and triggers`, async () => {
    const target = await createTestTarget(backend);
    targets.push(target);
    const schema = target.config.backend === 'postgres' ? target.config.schema : undefined;
    const old = await openDatabase(target.config, { migrate: false });
    try {
      await old.transaction((tx) => migrateToWithin(tx, schema, BEFORE));
      await importRound(old, {
        roundName: 'gammel',
        instrument: INSTRUMENT,
        organisations: ['stat', 'kommune', 'andet'].map((sector, o) => ({
          name: `Organisation ${o}`,
          sector: sector as 'stat',
          respondents: [{ id: 'r1', answers: answers(o) }],
        })),
      });
      // The old constraint is there: privat is refused before the migration.
      await expect(
        sql`insert into organisations (name, sector, created_at) values ('Firma', 'privat', ${new Date().toISOString()})`.execute(
          old.kysely,
        ),
      ).rejects.toThrow(/check/i);
    } finally {
      await old.close();
    }
    const snapshot = async (db: Db) => ({
      organisations: await rows(
        db,
        'select id, name, sector, type, size_band from organisations order by id',
      ),
      respondents: await rows(db, 'select id, organisation_id, round_id from respondents order by id'),
      submissions: await rows(db, 'select id, respondent_id from submissions order by id'),
    });
    const check = await openDatabase(target.config, { migrate: false });
    const before = await snapshot(check);
    await check.close();
    expect(before.organisations).toHaveLength(3);
    expect(before.submissions).toHaveLength(3);

    const db = await openDatabase(target.config);
    try {
      expect(db.migrationsApplied).toEqual(
        MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf('0020-sector-privat')),
      );
      expect(await snapshot(db)).toEqual(before);
      const firma = await ensureOrganisation(db, { name: 'Firma A/S', sector: 'privat' });
      expect(firma.sector).toBe('privat');
      await expect(
        ensureOrganisation(db, { name: 'Forening', sector: 'forening' as 'andet' }),
      ).rejects.toThrow();
      await expect(
        sql`insert into organisations (name, sector, created_at) values ('Uden', null, ${new Date().toISOString()})`.execute(
          db.kysely,
        ),
      ).rejects.toThrow();
      // Foreign keys still hold: a respondent of an organisation that does not exist is refused.
      const round = before.respondents[0]!.round_id;
      await expect(
        sql`insert into respondents (round_id, organisation_id, external_id, created_at)
            values (${round}, ${999999}, 'x', ${new Date().toISOString()})`.execute(db.kysely),
      ).rejects.toThrow(/foreign key/i);
      // And the triggers: a submission is still immutable.
      await expect(
        sql`update submissions set answers = ${'{}'} where id = ${before.submissions[0]!.id}`.execute(
          db.kysely,
        ),
      ).rejects.toThrow();
      if (backend === 'sqlite') expect(await rows(db, 'pragma foreign_key_check')).toEqual([]);
    } finally {
      await db.close();
    }
  });
}
