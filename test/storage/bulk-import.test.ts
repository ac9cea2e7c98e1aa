/**
 * The import's fast paths (COPY on PostgreSQL, reserved ids, big prepared statements on
 * SQLite) keep the import's guarantees: a row the database refuses at the end of a large
 * import leaves nothing behind, and what is stored is exactly what the row-returning
 * (unnest) path stores, separators, escapes and NULLs included.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { OrganisationData } from '../../src/core/exchange/types.ts';
import type { AnswerValue } from '../../src/core/instrument/types.ts';
import { bulkInsert, reserveIds } from '../../src/storage/bulk-insert.ts';
import { importRound, loadRoundData, type Db } from '../../src/storage/index.ts';
import { describeEachBackend } from './backends.ts';
import { INSTRUMENT, answers } from './fixtures.ts';

/** 1,000 organisations × 5 respondents; the very last respondent's answers carry `last`. */
function large(last: Record<string, AnswerValue> = {}): OrganisationData[] {
  return Array.from({ length: 1_000 }, (_, o) => ({
    name: `Organisation ${o}`,
    sector: (['stat', 'region', 'kommune', 'andet'] as const)[o % 4]!,
    respondents: Array.from({ length: 5 }, (_, r) => ({
      id: `r${r}`,
      answers: { ...answers(o * 5 + r), ...(o === 999 && r === 4 ? last : {}) },
    })),
  }));
}

async function counts(db: Db) {
  const n = async (table: 'organisations' | 'respondents' | 'submissions' | 'rounds') =>
    Number(
      (
        await db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    rounds: await n('rounds'),
    organisations: await n('organisations'),
    respondents: await n('respondents'),
    submissions: await n('submissions'),
  };
}

/** A trigger that refuses any submission whose answers mention "poison". */
async function poisonSubmissions(db: Db): Promise<void> {
  if (db.dialect === 'sqlite') {
    await sql`create trigger poison before insert on submissions when new.answers like '%poison%'
      begin select raise(abort, 'poisoned row'); end`.execute(db.kysely);
  } else {
    await sql`create function poison() returns trigger language plpgsql as $$
      begin
        if new.answers::text like '%poison%' then raise exception 'poisoned row'; end if;
        return new;
      end $$`.execute(db.kysely);
    await sql`create trigger poison before insert on submissions for each row execute function poison()`.execute(
      db.kysely,
    );
  }
}

const TRICKY = [
  'tab\there',
  'line\nbreak',
  'carriage\rreturn',
  'back\\slash',
  '\\N',
  '"quoted", with comma',
  'æøå ÆØÅ – “curly” ✓ 😀',
  '',
  ' leading and trailing ',
];

describeEachBackend('bulk import paths', (getDb) => {
  it('leaves nothing behind when the database refuses the last of 5,000 rows', async () => {
    const db = getDb();
    await importRound(db, { roundName: 'earlier', instrument: INSTRUMENT, organisations: large() });
    const before = await counts(db);
    await poisonSubmissions(db);

    await expect(
      importRound(db, {
        roundName: 'big',
        instrument: INSTRUMENT,
        organisations: large({ 'text.q4': 'poison' }).map((o) => ({ ...o, name: `${o.name} (big)` })),
      }),
    ).rejects.toThrow(/poisoned row/);
    expect(await counts(db)).toEqual(before);

    // The connection that carried the failed COPY is back in a usable state: the same
    // import without the poisoned row goes through, all 5,000 rows of it.
    const clean = large().map((o) => ({ ...o, name: `${o.name} (big)` }));
    const result = await importRound(db, { roundName: 'big', instrument: INSTRUMENT, organisations: clean });
    expect(result.submissionsCreated).toBe(5_000);
    expect(await counts(db)).toEqual({
      rounds: before.rounds + 1,
      organisations: before.organisations + 1_000,
      respondents: before.respondents + 5_000,
      submissions: before.submissions + 5_000,
    });
  });

  it('stores the same rows through COPY as through the row-returning path', async () => {
    const db = getDb();
    const stored = await db.transaction(async (tx) => {
      const columns = [
        { name: 'name', pgType: 'text' },
        { name: 'sector', pgType: 'text' },
        { name: 'type', pgType: 'text' },
        { name: 'created_at', pgType: 'timestamptz' },
      ] as const;
      const rows = (prefix: string) =>
        TRICKY.map((name, i) => [
          `${prefix}${name}`,
          'kommune',
          i % 2 ? null : name,
          '2026-12-02T10:00:00.123Z',
        ]);
      // With RETURNING: one unnest statement on PostgreSQL. Without: COPY.
      await bulkInsert(tx, 'organisations', columns, rows('returning:'), ['id']);
      await bulkInsert(tx, 'organisations', columns, rows('copy:'));
      const read = await tx.kysely
        .selectFrom('organisations')
        .select(['name', 'sector', 'type', 'created_at'])
        .orderBy('id')
        .execute();
      return read;
    });
    const returning = stored.filter((r) => r.name.startsWith('returning:'));
    const copied = stored.filter((r) => r.name.startsWith('copy:'));
    expect(copied.map((r) => ({ ...r, name: r.name.slice('copy:'.length) }))).toEqual(
      returning.map((r) => ({ ...r, name: r.name.slice('returning:'.length) })),
    );
    expect(copied.map((r) => r.name.slice('copy:'.length))).toEqual(TRICKY);
    expect(copied.map((r) => r.type)).toEqual(TRICKY.map((name, i) => (i % 2 ? null : name)));
  });

  it('imports answers with separators and escapes exactly as given', async () => {
    const db = getDb();
    const organisations: OrganisationData[] = TRICKY.map((text, i) => ({
      name: `Org ${i}`,
      sector: 'stat',
      respondents: [
        { id: `id\t${i}\\`, answers: { ...answers(i), 'text.q4': text, 'what.q3': [text, 'b'] } },
      ],
    }));
    await importRound(db, { roundName: 'tricky', instrument: INSTRUMENT, organisations });
    const loaded = await loadRoundData(db, 'tricky');
    const byName = (list: readonly OrganisationData[]) =>
      [...list]
        .map((o) => ({ name: o.name, sector: o.sector, respondents: o.respondents }))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(byName(loaded.organisations)).toEqual(byName(organisations));
  });

  it('reserves fresh ids that no earlier row has, ascending', async () => {
    const db = getDb();
    await importRound(db, { roundName: 'ids', instrument: INSTRUMENT, organisations: large().slice(0, 3) });
    const max = Number(
      (
        await db.kysely
          .selectFrom('respondents')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirstOrThrow()
      ).m,
    );
    const ids = await db.transaction((tx) => reserveIds(tx, 'respondents', 100));
    expect(ids).toHaveLength(100);
    expect(ids[0]!).toBeGreaterThan(max);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(100);
  });
});
