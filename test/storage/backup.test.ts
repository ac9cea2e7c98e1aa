/**
 * Backup and restore on real databases: every source backend into every target backend,
 * compared table by table; the refusals (non-empty target, other history, damaged file) with
 * nothing written; sequences after restore; a table no migration knows; an older backup.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRelease } from '../../src/api/services/releases.ts';
import { seedDemoAccounts } from '../../src/demo/accounts.ts';
import { DEMO_ROUNDS, seedDemo } from '../../src/demo/seed.ts';
import { seedDemoPlans } from '../../src/demo/seed-plans.ts';
import { CITIZEN_DEMO, seedCitizenDemo } from '../../src/demo/seed-citizens.ts';
import { setPanelMinCell } from '../../src/storage/index.ts';
import {
  addInvitationTokenHash,
  recordSurveyOpened,
  appendAudit,
  replaceComparisonSets,
  savePortfolioSettings,
  appendPortfolioPublications,
  upsertInitiatives,
  upsertRealisations,
  countFailure,
  deleteSessionsBefore,
  enqueueJob,
  ensureOrganisation,
  findUserByEmail,
  getRoundByName,
  importRound,
  insertPasswordToken,
  insertSession,
  loadRoundData,
  openDatabase,
  recordInvitationMail,
  revokeSession,
  saveDraft,
  setRoundTexts,
  storeJobResult,
  submitResponse,
  type Database,
  type Db,
  type StorageConfig,
} from '../../src/storage/index.ts';
import {
  backupDatabase,
  BackupDamagedError,
  BackupRefusedError,
  restoreDatabase,
  type BackupHeader,
} from '../../src/storage/backup/index.ts';
import { readCatalog, readMigrationHistory } from '../../src/storage/backup/catalog.ts';
import { loadMigration, migrateToWithin } from '../../src/storage/backup/migrate.ts';
import { columnTypes } from '../../src/storage/migrations/column-types.ts';
import { MIGRATION_NAMES } from '../../src/storage/migrations/index.ts';
import {
  BACKENDS,
  createTestTarget,
  describeEachBackend,
  type Backend,
  type TestTarget,
} from './backends.ts';
import { INSTRUMENT, answers } from './fixtures.ts';

let dir: string;
const targets: TestTarget[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-backup-'));
});
afterEach(async () => {
  for (const t of targets.splice(0)) await t.cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function target(backend: Backend): Promise<TestTarget> {
  const t = await createTestTarget(backend);
  targets.push(t);
  return t;
}

async function withDb<T>(
  config: StorageConfig,
  fn: (db: Database) => Promise<T>,
  migrate = true,
): Promise<T> {
  const db = await openDatabase(config, { migrate });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

type Any = Kysely<Record<string, Record<string, unknown>>>;
const raw = (db: Db) => db.kysely as unknown as Any;

/** Every table's rows as the driver returns them, in primary-key order (code point order for text). */
async function dumpAll(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of await readCatalog(db)) {
    const kinds = new Map(t.columns.map((c) => [c.name, c.kind]));
    const order = sql.join(
      (t.primaryKey.length > 0 ? t.primaryKey : t.columns.map((c) => c.name)).map((c) =>
        db.dialect === 'postgres' && kinds.get(c) === 'text' ? sql`${sql.id(c)} collate "C"` : sql.id(c),
      ),
    );
    out[t.name] = (await sql`select * from ${sql.id(t.name)} order by ${order}`.execute(db.kysely)).rows;
  }
  return out;
}

const counts = (dump: Record<string, unknown[]>) =>
  Object.fromEntries(Object.entries(dump).map(([t, rows]) => [t, rows.length]));

const NOW = '2026-03-01T09:30:00.000Z';
const LATER = '2030-01-01T00:00:00.000Z';

/** The demo dataset plus a row in every other table, including the awkward values. */
async function seedEverything(db: Database): Promise<{ deletedSessionId: number }> {
  await seedDemo(db);
  await seedDemoPlans(db);
  await seedDemoAccounts(db);
  const round = (await getRoundByName(db, DEMO_ROUNDS.current))!;
  await setRoundTexts(db, round.id, {
    languages: ['da', 'en'],
    intro: { da: 'Velkommen — æøå "citat"\n', en: 'Welcome 👋' },
  });
  const [r1, r2] = await db.kysely
    .selectFrom('respondents')
    .select('id')
    .where('round_id', '=', round.id)
    .orderBy('id')
    .limit(2)
    .execute();
  await saveDraft(db, r1!.id, { 'profile.role': 'it', 'why.importance': 4 });
  await submitResponse(db, r2!.id, { 'profile.role': 'andet' }); // supersedes the imported one
  await recordInvitationMail(db, r1!.id, 'invitation', 'sent');
  await recordInvitationMail(db, r2!.id, 'reminder', 'failed');
  await recordSurveyOpened(db, r1!.id);
  // The second is kept beside the first (the first becomes token_hash if there was none).
  await addInvitationTokenHash(db, r1!.id, createHash('sha256').update('link 1').digest('hex'));
  await addInvitationTokenHash(db, r1!.id, createHash('sha256').update('link 2').digest('hex'));

  const admin = (await findUserByEmail(db, 'admin@demo.pejling.dk'))!;
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');
  const sessions: number[] = [];
  for (const s of ['a', 'b', 'c'])
    sessions.push(await insertSession(db, { idHash: hash(s), userId: admin.id, now: NOW, expiresAt: LATER }));
  // The newest session goes away: a restored database must never hand its id out again.
  await revokeSession(db, sessions[2]!, '2026-03-01T10:00:00.000Z');
  await deleteSessionsBefore(db, '2026-03-02T00:00:00.000Z');
  await insertPasswordToken(db, { tokenHash: hash('pw'), userId: admin.id, now: NOW, expiresAt: LATER });
  await countFailure(db, 'ip:192.0.2.1', NOW, '2026-03-01T09:00:00.000Z');
  await raw(db)
    .insertInto('api_tokens')
    .values({ user_id: admin.id, token_hash: hash('api'), label: 'cron', created_at: NOW })
    .execute();

  await appendAudit(db, {
    actor: 'cli:test',
    action: 'test.details',
    subject: 'round:ø',
    details: { z: [1, 2.5, null, 'x'], a: { nested: true }, text: 'ø\u2028' },
  });
  // JSON text `null` is not SQL NULL; the file must tell them apart.
  await raw(db)
    .insertInto('audit_log')
    .values({ at: NOW, actor: 'system', action: 'test.json-null', subject: null, details: 'null' })
    .execute();

  // Derived scores with binary values (NaN = no value), as the scoring code stores them.
  const orgs = await db.kysely
    .selectFrom('organisations')
    .select(['id', 'name'])
    .orderBy('id')
    .limit(2)
    .execute();
  for (const [i, org] of orgs.entries()) {
    const values = Buffer.from(new Float64Array([1.5, Number.NaN, i]).buffer);
    await raw(db)
      .insertInto('organisation_scores')
      .values({
        round_id: round.id,
        organisation_id: org.id,
        respondents: 3,
        stage: i === 0 ? 'indlejret' : null,
        value_data: values,
        revision: 1,
        updated_at: NOW,
      })
      .execute();
  }
  await raw(db)
    .insertInto('round_scores')
    .values({ round_id: round.id, layout_key: 'test', scored_at: NOW })
    .execute();
  // A background job with its items and its finished file (binary, in the database).
  const { job } = await enqueueJob(db, {
    kind: 'report-pdfs',
    roundId: round.id,
    params: { lang: 'da' },
    actor: 'admin@example.dk',
    subjects: ['1', '2'],
  });
  await storeJobResult(db, job.id, {
    fileName: 'x.zip',
    contentType: 'application/zip',
    data: Buffer.from([0x50, 0x4b, 0, 0xff]),
  });
  // An official comparison set (the demo sets attributes, not comparison sets).
  await replaceComparisonSets(db, round.id, [{ organisation: orgs[0]!.id, members: [orgs[1]!.id] }]);
  // A portfolio: settings, an initiative and a month of realised gains.
  const org = orgs[0]!;
  await savePortfolioSettings(
    db,
    org.id,
    { hourlyCostDkk: 217, hoursPerFte: 1924, discountRate: 0.035, horizonYears: 5 },
    'admin@example.dk',
  );
  await upsertInitiatives(
    db,
    org.id,
    [
      {
        organisation: org.name,
        initiative: 'Skærmbesøg',
        track: 'skal-loesninger',
        owner: 'Leder',
        status: 'i-drift',
        competency: null,
        start: '2026-01',
        investmentDkk: 400000,
        runningCostDkkPerYear: 50000,
        expectedHoursPerYear: 1000,
        expectedDkkPerYear: 0,
        gainsBooked: true,
        budgetYear: 2026,
      },
    ],
    'admin@example.dk',
  );
  await upsertRealisations(
    db,
    org.id,
    [
      {
        organisation: org.name,
        initiative: 'Skærmbesøg',
        month: '2026-02',
        realisedHours: 80,
        realisedDkk: 0,
      },
    ],
    'admin@example.dk',
  );
  // A citizen panel (weights with decimals) and its round's own minimum cell.
  await seedCitizenDemo(db);
  await setPanelMinCell(db, (await getRoundByName(db, CITIZEN_DEMO.round))!.id, 12, 'admin@example.dk');
  // The log of the portfolio's figures across organisations (migration 0022).
  await appendPortfolioPublications(
    db,
    [
      {
        cell: 'all/total',
        asOf: '2026-06',
        members: [`${org.id}|skal-loesninger|{"initiatives":1}`],
        values: { realisation: 0.25, bookedInitiatives: 0.5, bookedDkk: null },
      },
    ],
    3,
    'admin@example.dk',
  );
  // The other round's releases and versions (it scores itself; this round's rows stay as above).
  await makeRelease(db, (await getRoundByName(db, DEMO_ROUNDS.previous))!, 'manual');
  return { deletedSessionId: sessions[2]! };
}

const lastId = async (db: Db, table: string) =>
  Number(
    (await sql<{ v: number }>`select max(id) as v from ${sql.id(table)}`.execute(db.kysely)).rows[0]!.v ?? 0,
  );

describeEachBackend('backup and restore', (getDb, context) => {
  for (const to of BACKENDS) {
    it(`restores a ${context.backend} backup into an empty ${to} database, table for table`, async () => {
      const source = getDb();
      const { deletedSessionId } = await seedEverything(source);
      const before = await dumpAll(source);
      const rounds = await Promise.all(Object.values(DEMO_ROUNDS).map((r) => loadRoundData(source, r)));
      expect(Object.values(counts(before)).every((n) => n > 0)).toBe(true); // every table has rows

      const file = join(dir, 'all.pejling-backup');
      // Small pages, so that every table (composite and text keys too) spans several.
      const backup = await backupDatabase(source, file, { batchSize: 7 });
      expect(backup.header.migrations).toEqual(MIGRATION_NAMES);
      expect(backup.header.source.dialect).toBe(context.backend);
      expect(Object.fromEntries(backup.header.tables.map((t) => [t.name, t.rows]))).toEqual(counts(before));
      expect(await readdir(dir)).toEqual(['all.pejling-backup']); // no temp files left

      const into = await target(to);
      const restored = await restoreDatabase(into.config, file);
      expect(restored.header.rows).toBe(backup.header.rows);
      expect(restored.migrationsAfter).toEqual([]);

      await withDb(into.config, async (db) => {
        expect(await readMigrationHistory(db)).toEqual(MIGRATION_NAMES);
        // Byte for byte what the driver returns: JSON text, timestamps, blobs, floats.
        expect(await dumpAll(db)).toEqual(before);
        for (const r of rounds) expect(await loadRoundData(db, r.round.name)).toEqual(r);

        // The same data written back out is the same file content, whatever the backend.
        const again = await backupDatabase(db, join(dir, 'again.pejling-backup'));
        expect(again.header.dataSha256).toBe(backup.header.dataSha256);
        expect(again.header.tables).toEqual(backup.header.tables);

        // New rows continue after the restored ids (and after ids deleted before the backup).
        const audit = await lastId(db, 'audit_log');
        expect((await appendAudit(db, { actor: 'test', action: 'after.restore' })).id).toBe(audit + 1);
        const orgs = await lastId(db, 'organisations');
        expect((await ensureOrganisation(db, { name: 'Ny Kommune', sector: 'kommune' })).id).toBe(orgs + 1);
        const admin = (await findUserByEmail(db, 'admin@demo.pejling.dk'))!;
        const session = await insertSession(db, {
          idHash: 'f'.repeat(64),
          userId: admin.id,
          now: NOW,
          expiresAt: LATER,
        });
        expect(session).toBe(deletedSessionId + 1);
        const round = (await getRoundByName(db, DEMO_ROUNDS.current))!;
        const result = await importRound(db, {
          roundName: round.name,
          instrument: {
            id: round.instrument.id,
            version: round.instrument.version,
            definitionText: (
              await db.kysely.selectFrom('instruments').select('definition').executeTakeFirstOrThrow()
            ).definition,
          },
          organisations: [{ name: 'Ny Kommune', sector: 'kommune', respondents: [{ id: 'x', answers: {} }] }],
        });
        expect(result.respondentsCreated).toBe(1);
      });
    });
  }

  it('reads one snapshot while the application keeps writing', async ({ skip }) => {
    if (context.backend !== 'postgres') skip('SQLite has one connection, which the backup holds');
    const db = getDb();
    await importRound(db, smallRound(20));
    const orgsBefore = await lastId(db, 'organisations');
    let wrote = false;
    const file = join(dir, 'snapshot.pejling-backup');
    const backup = await backupDatabase(db, file, {
      batchSize: 5,
      onProgress: async () => {
        if (wrote) return;
        wrote = true;
        // Another pool connection, committed at once.
        await ensureOrganisation(db, { name: 'Kommet under backup', sector: 'stat' });
        await appendAudit(db, { actor: 'test', action: 'during.backup' });
      },
    });
    expect(wrote).toBe(true);
    const orgs = backup.header.tables.find((t) => t.name === 'organisations')!;
    expect(orgs.rows).toBe(orgsBefore);
    expect(backup.header.tables.find((t) => t.name === 'audit_log')!.rows).toBe(0);
    const into = await target('sqlite');
    await restoreDatabase(into.config, file); // counts and checksum agree with the lines
  });

  it('refuses to overwrite a file unless told, and leaves nothing behind when it fails', async ({ skip }) => {
    const db = getDb();
    await importRound(db, smallRound(3));
    const file = join(dir, 'x.pejling-backup');
    await writeFile(file, 'precious');
    await expect(backupDatabase(db, file)).rejects.toThrow(/exists; choose another file name/);
    expect(await readFile(file, 'utf8')).toBe('precious');
    await backupDatabase(db, file, { overwrite: true });
    expect((await readFile(file)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

    if (context.backend !== 'postgres') skip('SQLite stores NaN as NULL');
    // A value JSON cannot hold makes the backup fail half-way: no file, no temp files.
    const org = await ensureOrganisation(db, { name: 'Aarhus Kommune', sector: 'kommune' });
    const round = (await getRoundByName(db, '2026'))!;
    await sql`insert into competency_targets values (${org.id}, ${round.id}, 'leadership', 'NaN', 'x', ${NOW})`.execute(
      db.kysely,
    );
    const failing = join(dir, 'fails.pejling-backup');
    await expect(backupDatabase(db, failing)).rejects.toThrow(/competency_targets/);
    expect((await readdir(dir)).sort()).toEqual(['x.pejling-backup']);
  });
});

function smallRound(organisations: number, roundName = '2026') {
  return {
    roundName,
    instrument: INSTRUMENT,
    organisations: Array.from({ length: organisations }, (_, o) => ({
      name: `Organisation ${o}`,
      sector: 'kommune' as const,
      respondents: [
        { id: 'r1', answers: answers(o) },
        { id: 'r2', answers: answers(o + 1) },
      ],
    })),
  };
}

/** Reads a backup's lines, lets `edit` change them, and writes them back as one gzip member. */
async function rewrite(
  from: string,
  to: string,
  edit: (header: BackupHeader, data: string[]) => void,
  options: { fixChecksum?: boolean } = {},
): Promise<void> {
  const [first, ...data] = gunzipSync(await readFile(from))
    .toString('utf8')
    .split('\n');
  expect(data.pop()).toBe('');
  const header = JSON.parse(first!) as BackupHeader;
  edit(header, data);
  if (options.fixChecksum)
    header.dataSha256 = createHash('sha256')
      .update(data.map((l) => `${l}\n`).join(''))
      .digest('hex');
  await writeFile(to, gzipSync([JSON.stringify(header), ...data, ''].join('\n')));
}

describeEachBackend('restore refuses', (getDb, context) => {
  let file: string;
  beforeEach(async () => {
    const db = getDb();
    await importRound(db, smallRound(4));
    await appendAudit(db, { actor: 'test', action: 'seed', details: { n: 1 } });
    file = join(dir, 'small.pejling-backup');
    await backupDatabase(db, file);
  });

  /** Nothing at all: no rows, not even the schema the restore had started to build. */
  async function expectUntouched(config: StorageConfig) {
    await withDb(
      config,
      async (db) => {
        expect(await readMigrationHistory(db)).toEqual([]);
        expect(await readCatalog(db)).toEqual([]);
      },
      false,
    );
  }

  it('a target that holds rows', async () => {
    const into = await target(context.backend);
    await withDb(into.config, (db) => ensureOrganisation(db, { name: 'Egen', sector: 'stat' }));
    const err = await restoreDatabase(into.config, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupRefusedError);
    expect((err as Error).message).toMatch(/is not empty \(table organisations has rows\)/);
    await withDb(into.config, async (db) => {
      const dump = await dumpAll(db);
      expect(dump.organisations).toMatchObject([{ name: 'Egen' }]);
      expect(Object.values(counts(dump)).reduce((a, b) => a + b)).toBe(1);
    });
  });

  it('nothing when a damaged line is found at the very end (checksum), into a fresh or migrated target', async () => {
    const bad = join(dir, 'late.pejling-backup');
    await rewrite(file, bad, (_, data) => {
      const last = data.length - 1;
      expect(data[last]).toContain('"t":"submissions"');
      data[last] = data[last]!.replace(/"submitted_at":"2/, '"submitted_at":"1');
    });
    const fresh = await target(context.backend);
    const err = await restoreDatabase(fresh.config, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupDamagedError);
    expect((err as Error).message).toMatch(/is damaged: its data \(lines 2–\d+\) does not match the SHA-256/);
    await expectUntouched(fresh.config);

    const migrated = await target(context.backend);
    await withDb(migrated.config, async () => {});
    await expect(restoreDatabase(migrated.config, bad)).rejects.toThrow(BackupDamagedError);
    await withDb(migrated.config, async (db) => {
      expect(await readMigrationHistory(db)).toEqual(MIGRATION_NAMES);
      expect(Object.values(counts(await dumpAll(db))).every((n) => n === 0)).toBe(true);
    });
  });

  it('nothing when rows do not fit (a duplicated row with a matching checksum)', async () => {
    const bad = join(dir, 'dup.pejling-backup');
    let line = 0;
    await rewrite(
      file,
      bad,
      (header, data) => {
        line = data.findIndex((l) => l.startsWith('{"t":"organisations"'));
        data.splice(line, 0, data[line]!);
        header.tables.find((t) => t.name === 'organisations')!.rows += 1;
        header.rows += 1;
      },
      { fixChecksum: true },
    );
    const into = await target(context.backend);
    const err = await restoreDatabase(into.config, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupDamagedError);
    expect((err as Error).message).toMatch(/lines \d+–\d+ \(table organisations\) do not fit this database/);
    await expectUntouched(into.config);
  });

  it.each([
    ['a line that is not JSON', (_: BackupHeader, d: string[]) => (d[3] = '{"t":"rou'), /line 5: not JSON/],
    [
      'a missing row',
      (_: BackupHeader, d: string[]) =>
        d.splice(
          d.findIndex((l) => l.includes('"t":"respondents"')),
          1,
        ),
      /line \d+: table respondents has 7 rows, its header says 8/,
    ],
    [
      'rows out of table order',
      (_: BackupHeader, d: string[]) => d.push(d[0]!),
      /line \d+: rows of table audit_log out of order/,
    ],
    [
      'a row with other columns',
      (_: BackupHeader, d: string[]) => (d[0] = d[0]!.replace('"actor":', '"actress":')),
      /line 2: the columns of this audit_log row differ from its header/,
    ],
  ])('a file with %s', async (_, edit, message) => {
    const bad = join(dir, 'bad.pejling-backup');
    await rewrite(file, bad, edit);
    const into = await target(context.backend);
    const err = await restoreDatabase(into.config, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupDamagedError);
    expect((err as Error).message).toMatch(message);
    await expectUntouched(into.config);
  });

  it('a cut-off file, and a file that is not a backup', async () => {
    const bytes = await readFile(file);
    const cut = join(dir, 'cut.pejling-backup');
    await writeFile(cut, bytes.subarray(0, bytes.length - 30));
    const into = await target(context.backend);
    await expect(restoreDatabase(into.config, cut)).rejects.toThrow(/is damaged: .*cut off/);
    const text = join(dir, 'text.pejling-backup');
    await writeFile(text, 'organisation,sector\n');
    await expect(restoreDatabase(into.config, text)).rejects.toThrow(/is damaged: it is not gzip data/);
    const other = join(dir, 'other.jsonl.gz');
    await writeFile(other, gzipSync('{"hello":1}\n'));
    await expect(restoreDatabase(into.config, other)).rejects.toThrow(/line 1: this is not a Pejling backup/);
    await expectUntouched(into.config);
  });

  it('a backup from another migration history or a newer Pejling', async () => {
    const into = await target(context.backend);
    const other = join(dir, 'other.pejling-backup');
    await rewrite(file, other, (h) => (h.migrations[1] = '0002-something-else'));
    await expect(restoreDatabase(into.config, other)).rejects.toThrow(
      /another migration history: migration 2 is 0002-something-else there and 0002-api-tokens here/,
    );
    const newer = join(dir, 'newer.pejling-backup');
    await rewrite(file, newer, (h) => h.migrations.push('9999-future'));
    const err = await restoreDatabase(into.config, newer).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupRefusedError);
    expect((err as Error).message).toMatch(/written by a newer Pejling: .* 9999-future/);
    const format = join(dir, 'format.pejling-backup');
    await rewrite(file, format, (h) => (h.formatVersion = 2));
    await expect(restoreDatabase(into.config, format)).rejects.toThrow(
      /format version 2, written by a newer/,
    );
    await expectUntouched(into.config);
  });
});

describeEachBackend('restore, generically', (getDb, context) => {
  it('loads every migration from the file its name promises', async () => {
    for (const name of MIGRATION_NAMES) expect(typeof (await loadMigration(name)).up).toBe('function');
  });

  it('restores an older backup into the schema it came from, then migrates it', async () => {
    const older = await target(context.backend);
    const schema = older.config.backend === 'postgres' ? older.config.schema : undefined;
    const upTo = MIGRATION_NAMES[2]!; // 0003-org-plans
    const file = join(dir, 'old.pejling-backup');
    await withDb(
      older.config,
      async (db) => {
        await db.transaction((tx) => migrateToWithin(tx, schema, upTo));
        await importRound(db, smallRound(2, 'old'));
        const backup = await backupDatabase(db, file);
        expect(backup.header.migrations).toEqual(MIGRATION_NAMES.slice(0, 3));
        expect(backup.header.tables.map((t) => t.name)).not.toContain('sessions');
      },
      false,
    );
    const into = await target(BACKENDS.find((b) => b !== context.backend) ?? context.backend);
    const restored = await restoreDatabase(into.config, file);
    expect(restored.migrationsAfter).toEqual(MIGRATION_NAMES.slice(3));
    await withDb(into.config, async (db) => {
      expect(db.migrationsApplied).toEqual([]);
      expect((await loadRoundData(db, 'old')).organisations).toHaveLength(2);
    });
    // A target already migrated past the backup is refused (its later migrations would be skipped).
    const ahead = await target(context.backend);
    await withDb(ahead.config, async () => {});
    await expect(restoreDatabase(ahead.config, file)).rejects.toThrow(/already migrated past the backup/);
  });

  it('backs up and restores a table no migration knows, in foreign-key order, with every kind of value', async () => {
    const source = getDb();
    await createProbeTable(source);
    await importRound(source, smallRound(3));
    const orgs = await source.kysely.selectFrom('organisations').select('id').orderBy('id').execute();
    const rows = [
      ['b', 2, '{"x":[1,2]}', NOW, true, 0.1, Buffer.from([0, 1, 255])],
      ['a', 1, 'null', null, false, -3, null],
      ['å', 1, null, LATER, null, 1e21, Buffer.alloc(0)],
      ['B', 3, '[]', NOW, true, 2, Buffer.from('x')],
      ['a', 2, '"text"', NOW, false, 0, null],
    ] as const;
    for (const [key, n, json, at, flag, real, blob] of rows) {
      await raw(source)
        .insertInto('backup_probe')
        .values({
          key,
          n,
          organisation_id: orgs[n - 1]!.id,
          doc: json,
          at,
          flag: flag === null ? null : source.dialect === 'sqlite' ? Number(flag) : flag,
          real,
          blob,
        })
        .execute();
    }
    const file = join(dir, 'probe.pejling-backup');
    const backup = await backupDatabase(source, file, { batchSize: 2 });
    const names = backup.header.tables.map((t) => t.name);
    expect(names.indexOf('backup_probe')).toBeGreaterThan(names.indexOf('organisations'));
    expect(backup.header.tables.find((t) => t.name === 'backup_probe')!.columns).toEqual([
      { name: 'key', kind: 'text' },
      { name: 'n', kind: 'integer' },
      { name: 'organisation_id', kind: 'integer' },
      { name: 'doc', kind: 'json' },
      { name: 'at', kind: 'timestamp' },
      { name: 'flag', kind: 'boolean' },
      { name: 'real', kind: 'real' },
      { name: 'blob', kind: 'blob' },
    ]);
    const lines = gunzipSync(await readFile(file))
      .toString('utf8')
      .split('\n')
      .filter((l) => l.startsWith('{"t":"backup_probe"'))
      .map((l) => JSON.parse(l) as { r: Record<string, unknown>; jsonNull?: string[] });
    // Code point order of the key, the same on both backends: 'B' < 'a' < 'b' < 'å'.
    expect(lines.map((l) => [l.r.key, l.r.n])).toEqual([
      ['B', 3],
      ['a', 1],
      ['a', 2],
      ['b', 2],
      ['å', 1],
    ]);
    expect(lines[1]).toMatchObject({ r: { doc: null, flag: false, at: null }, jsonNull: ['doc'] });
    expect(lines[3]!.r).toMatchObject({ doc: { x: [1, 2] }, flag: true, at: NOW, blob: 'AAH/' });
    expect(lines[4]!.r).toMatchObject({ doc: null, flag: null, real: 1e21 });
    expect(lines[4]!.jsonNull).toBeUndefined();

    for (const to of BACKENDS) {
      const into = await target(to);
      // The target has the table too (as the same migration would have made it), and no rows.
      await withDb(into.config, (db) => createProbeTable(db));
      await restoreDatabase(into.config, file);
      await withDb(into.config, async (db) => {
        const again = await backupDatabase(db, join(dir, `probe-${to}.pejling-backup`));
        expect(again.header.dataSha256).toBe(backup.header.dataSha256);
        const doc = await raw(db).selectFrom('backup_probe').select(['key', 'n', 'doc']).execute();
        expect(doc.find((r) => r.key === 'a' && r.n === 1)!.doc).toBe('null');
        expect(doc.find((r) => r.key === 'å')!.doc).toBe(null);
      });
    }
  });
});

/** A table as a future migration might add it: composite text key, a reference, every column kind. */
async function createProbeTable(db: Db): Promise<void> {
  const t = columnTypes(db.dialect);
  const pg = db.dialect === 'postgres';
  await (db.kysely as unknown as Kysely<unknown>).schema
    .createTable('backup_probe')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .$call(t.ref('organisation_id', 'organisations', { notNull: true }))
    .$call(t.json('doc'))
    .$call(t.timestamp('at'))
    .addColumn('flag', 'boolean')
    .addColumn('real', 'double precision')
    .addColumn('blob', pg ? 'bytea' : 'blob')
    .addPrimaryKeyConstraint('backup_probe_pk', ['key', 'n'])
    .execute();
}

describe('the backup file', () => {
  it('is gzip: a header line, then one line per row', async () => {
    const into = await target(BACKENDS[0]!);
    const file = join(dir, 'look.pejling-backup');
    await withDb(into.config, async (db) => {
      await importRound(db, smallRound(1));
      await backupDatabase(db, file);
    });
    const [header, ...rest] = gunzipSync(await readFile(file))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    expect(JSON.parse(header!)).toMatchObject({
      format: 'pejling-backup',
      formatVersion: 1,
      app: { name: 'pejling' },
      migrations: MIGRATION_NAMES,
      rows: rest.length,
    });
    expect(rest.find((l) => l.startsWith('{"t":"rounds"'))).toMatch(
      /^\{"t":"rounds","r":\{"closes_at":null,"created_at":"\d{4}-.*Z","id":1,.*"languages":\["da","en"\],.*"title":\{"da":"2026"\}\}\}$/,
    );
  });
});
