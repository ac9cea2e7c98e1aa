/**
 * Action plans and competency targets, and the queries the organisation report reads an
 * organisation's history with: on both backends, with the database's own checks as the last
 * line of defence.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import {
  createPlanItem,
  createRound,
  deletePlanItem,
  ensureOrganisation,
  importRound,
  InvalidInputError,
  listCompetencyTargets,
  listOrganisationRounds,
  listPlanItems,
  listRoundOrganisations,
  loadOrganisationRoundData,
  setCompetencyTargets,
  updatePlanItem,
  type Database,
} from '../../src/storage/index.ts';
import { describeEachBackend } from './backends.ts';
import { INSTRUMENT, seedRound } from './fixtures.ts';

describeEachBackend('action plans and targets', (getDb) => {
  async function twoOrganisations(db: Database) {
    const { round, organisation } = await seedRound(db);
    const other = await ensureOrganisation(db, { name: 'Ærø Kommune', sector: 'kommune' });
    return {
      mine: { organisationId: organisation.id, roundId: round.id },
      theirs: { organisationId: other.id, roundId: round.id },
    };
  }

  it('keeps each organisation’s plan to itself', async () => {
    const db = getDb();
    const { mine, theirs } = await twoOrganisations(db);
    const a = await createPlanItem(
      db,
      mine,
      { title: 'Ledelsesseminar', adviceKey: 'competency:leadership' },
      'anna@x.dk',
    );
    const b = await createPlanItem(
      db,
      mine,
      { title: 'Datastrategi', owner: 'Bo', dueDate: '2026-12-31', status: 'in_progress' },
      'anna@x.dk',
    );
    await createPlanItem(db, theirs, { title: 'Andres punkt' }, 'eva@x.dk');
    expect(a).toMatchObject({ status: 'planned', owner: null, dueDate: null, createdBy: 'anna@x.dk' });
    expect((await listPlanItems(db, mine)).map((p) => p.title)).toEqual(['Ledelsesseminar', 'Datastrategi']);

    const changed = await updatePlanItem(db, mine, b.id, { status: 'done', owner: null }, 'bo@x.dk');
    expect(changed).toMatchObject({
      status: 'done',
      owner: null,
      dueDate: '2026-12-31',
      updatedBy: 'bo@x.dk',
      createdBy: 'anna@x.dk',
    });
    expect(changed!.updatedAt >= b.updatedAt).toBe(true);

    // Another organisation's scope cannot reach the item, by update or by delete.
    expect(await updatePlanItem(db, theirs, b.id, { title: 'Kapret' }, 'eva@x.dk')).toBeUndefined();
    expect(await deletePlanItem(db, theirs, b.id)).toBe(false);
    expect(await deletePlanItem(db, mine, b.id)).toBe(true);
    expect((await listPlanItems(db, mine)).map((p) => p.id)).toEqual([a.id]);
  });

  it('refuses items that break the rules, in code and in the database', async () => {
    const db = getDb();
    const { mine } = await twoOrganisations(db);
    for (const bad of [
      { title: '' },
      { title: ' padded' },
      { title: 'x'.repeat(201) },
      { title: 'ok', dueDate: '2026-02-30' },
      { title: 'ok', adviceKey: 'stage:x' as never },
      { title: 'ok', status: 'someday' as never },
    ]) {
      await expect(createPlanItem(db, mine, bad, 'a@x.dk'), JSON.stringify(bad)).rejects.toThrow(
        InvalidInputError,
      );
    }
    // Straight to the table, past the code's checks.
    const insert = (column: 'due_date' | 'status' | 'advice_key', value: string) => {
      const row = {
        due_date: null as string | null,
        status: 'planned',
        advice_key: null as string | null,
        [column]: value,
      };
      return sql`insert into plan_items
          (organisation_id, round_id, title, status, due_date, advice_key, created_by, created_at, updated_by, updated_at)
          values (${mine.organisationId}, ${mine.roundId}, 'x', ${row.status}, ${row.due_date}, ${row.advice_key},
                  'a', '2026-01-01T00:00:00.000Z', 'a', '2026-01-01T00:00:00.000Z')`.execute(db.kysely);
    };
    await expect(insert('due_date', '2026-02-30')).rejects.toThrow();
    await expect(insert('due_date', 'tomorrow')).rejects.toThrow();
    await expect(insert('status', 'someday')).rejects.toThrow();
    await expect(insert('advice_key', 'stage:x')).rejects.toThrow();
    await insert('due_date', '2028-02-29');
  });

  it('merges targets: a number sets or replaces, null removes, the rest stay', async () => {
    const db = getDb();
    const { mine, theirs } = await twoOrganisations(db);
    await setCompetencyTargets(
      db,
      mine,
      [
        { competency: 'leadership', target: 3.7 },
        { competency: 'data', target: 4 },
      ],
      'a',
    );
    await setCompetencyTargets(db, theirs, [{ competency: 'data', target: 2 }], 'b');
    const after = await setCompetencyTargets(
      db,
      mine,
      [
        { competency: 'leadership', target: 4.1 },
        { competency: 'data', target: null },
        { competency: 'clarity', target: 3.3 },
      ],
      'a',
    );
    // Double precision on both backends: 4.1 comes back as 4.1, not 4.099999904632568.
    expect(after).toEqual([
      { competency: 'clarity', target: 3.3 },
      { competency: 'leadership', target: 4.1 },
    ]);
    expect(await listCompetencyTargets(db, theirs)).toEqual([{ competency: 'data', target: 2 }]);
    await expect(
      setCompetencyTargets(db, mine, [{ competency: 'x', target: Number.NaN }], 'a'),
    ).rejects.toThrow(InvalidInputError);
  });

  it('finds the rounds an organisation answered and only its own answers in one', async () => {
    const db = getDb();
    const answers = (n: number) => ({ 'why.q1': n });
    const org = (name: string, n: number) => ({
      name,
      sector: 'kommune' as const,
      respondents: [
        { id: 'r1', answers: answers(n) },
        { id: 'r2', answers: answers(n + 1) },
      ],
    });
    await importRound(db, {
      roundName: '2024',
      instrument: INSTRUMENT,
      organisations: [org('Beta Kommune', 1)],
    });
    await importRound(db, {
      roundName: '2025',
      instrument: INSTRUMENT,
      organisations: [org('Alfa Kommune', 1), org('Beta Kommune', 2)],
    });
    await importRound(db, {
      roundName: '2026',
      instrument: INSTRUMENT,
      organisations: [org('Alfa Kommune', 3)],
    });
    await createRound(db, { name: 'empty', instrument: { id: INSTRUMENT.id, version: INSTRUMENT.version } });
    const alfa = await ensureOrganisation(db, {
      name: 'Alfa Kommune',
      sector: 'kommune',
      type: 'kommune',
      sizeBand: 'large',
    });
    const rounds = await listOrganisationRounds(db, alfa.id);
    expect(rounds.map((r) => r.name)).toEqual(['2025', '2026']);
    expect(await loadOrganisationRoundData(db, rounds[0]!.id, alfa)).toEqual({
      name: 'Alfa Kommune',
      sector: 'kommune',
      respondents: [
        { id: 'r1', answers: answers(1) },
        { id: 'r2', answers: answers(2) },
      ],
    });
    const empty = rounds.find((r) => r.name === '2026')!;
    const beta = (await listRoundOrganisations(db, rounds[0]!.id)).map((o) => [o.name, o.type, o.sizeBand]);
    expect(beta).toEqual([
      ['Alfa Kommune', null, null],
      ['Beta Kommune', null, null],
    ]);
    expect(await loadOrganisationRoundData(db, empty.id, { ...alfa, id: -1 })).toBeNull();
  });
});
