import { expect, it } from 'vitest';
import type { OrganisationData } from '../../src/core/exchange/types.ts';
import {
  ImportError,
  type Db,
  importRound,
  loadRoundData,
  setRoundStatus,
  submitResponse,
} from '../../src/storage/index.ts';
import { describeEachBackend } from './backends.ts';
import { INSTRUMENT, answers } from './fixtures.ts';

function organisations(count: number, perOrg: number, seed = 0): OrganisationData[] {
  return Array.from({ length: count }, (_, o) => ({
    name: `Organisation ${String(o).padStart(4, '0')}`,
    sector: (['stat', 'region', 'kommune', 'andet'] as const)[o % 4]!,
    respondents: Array.from({ length: perOrg }, (_, r) => ({
      id: `r${r}`,
      answers: answers(o * 31 + r + seed),
    })),
  }));
}

async function counts(db: Db) {
  const count = async (table: 'organisations' | 'respondents' | 'submissions' | 'rounds' | 'instruments') =>
    Number(
      (
        await db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    instruments: await count('instruments'),
    rounds: await count('rounds'),
    organisations: await count('organisations'),
    respondents: await count('respondents'),
    submissions: await count('submissions'),
  };
}

const input = (organisationData: OrganisationData[], roundName = '2026') => ({
  roundName,
  instrument: INSTRUMENT,
  organisations: organisationData,
});

describeEachBackend('importRound', (getDb) => {
  it('creates the round, organisations, respondents and submissions', async () => {
    const db = getDb();
    const data = organisations(30, 7);
    const result = await importRound(db, input(data));
    const { roundId, changedOrganisations, ...counted } = result;
    expect(counted).toEqual({
      roundCreated: true,
      organisationsCreated: 30,
      respondentsCreated: 210,
      submissionsCreated: 210,
      submissionsSuperseded: 0,
      unchanged: 0,
    });
    expect(roundId).toBe((await loadRoundData(db, '2026')).round.id);
    expect([...changedOrganisations.keys()].sort()).toEqual(data.map((o) => o.name).sort());
    const loaded = await loadRoundData(db, '2026');
    expect(loaded.round).toMatchObject({ name: '2026', status: 'open', instrument: { id: INSTRUMENT.id } });
    expect(loaded.organisations).toEqual(data);
  });

  it('changes nothing when the same data is imported again', async () => {
    const db = getDb();
    const data = organisations(20, 3);
    await importRound(db, input(data));
    const before = await counts(db);
    const result = await importRound(db, input(organisations(20, 3)));
    const { roundId: _id, ...counted } = result;
    expect(counted).toEqual({
      roundCreated: false,
      organisationsCreated: 0,
      respondentsCreated: 0,
      submissionsCreated: 0,
      submissionsSuperseded: 0,
      unchanged: 60,
      changedOrganisations: new Map(),
    });
    expect(await counts(db)).toEqual(before);
  });

  it('supersedes changed answers and adds new respondents', async () => {
    const db = getDb();
    const data = organisations(5, 2);
    await importRound(db, input(data));
    const changed: OrganisationData[] = data.map((o, i) => ({
      ...o,
      respondents:
        i === 1
          ? [{ id: 'r0', answers: answers(999) }, ...o.respondents.slice(1)]
          : i === 2
            ? [...o.respondents, { id: 'new', answers: answers(1000) }]
            : o.respondents,
    }));
    const result = await importRound(db, input(changed));
    expect(result).toMatchObject({
      respondentsCreated: 1,
      submissionsCreated: 2,
      submissionsSuperseded: 1,
      unchanged: 9,
    });
    const history = await db.kysely
      .selectFrom('submissions')
      .select(['answers', 'superseded_at'])
      .where('superseded_at', 'is not', null)
      .execute();
    expect(history).toHaveLength(1);
    expect(JSON.parse(history[0]!.answers)).toEqual(data[1]!.respondents[0]!.answers);
    expect((await loadRoundData(db, '2026')).organisations).toEqual(
      changed.map((o) => ({ ...o, respondents: [...o.respondents].sort((a, b) => (a.id < b.id ? -1 : 1)) })),
    );
  });

  it('writes nothing when it fails half-way', async () => {
    const db = getDb();
    await importRound(db, input(organisations(3, 2), 'earlier'));
    const before = await counts(db);
    await expect(
      importRound(db, input(organisations(50, 4)), (p) => {
        if (p.phase === 'submissions') throw new Error('injected failure');
      }),
    ).rejects.toThrow('injected failure');
    expect(await counts(db)).toEqual(before);

    const bad = organisations(10, 2);
    bad[9] = { ...bad[9]!, respondents: [bad[9]!.respondents[0]!, { id: 'r1', answers: { q: Number.NaN } }] };
    await expect(importRound(db, input(bad))).rejects.toThrow(/NaN/);
    expect(await counts(db)).toEqual(before);
  });

  it('rejects contradictions without writing', async () => {
    const db = getDb();
    await importRound(db, input(organisations(2, 1)));
    const before = await counts(db);

    const dup = organisations(2, 1);
    await expect(importRound(db, input([...dup, dup[0]!], 'other'))).rejects.toBeInstanceOf(ImportError);

    const sectorChanged = organisations(2, 1);
    sectorChanged[0] = { ...sectorChanged[0]!, sector: 'andet' };
    await expect(importRound(db, input(sectorChanged, 'other'))).rejects.toThrow(/stored with sector stat/);

    await expect(
      importRound(db, { ...input(organisations(2, 1)), instrument: { ...INSTRUMENT, version: '2.0.0' } }),
    ).rejects.toThrow(/uses instrument/);
    expect(await counts(db)).toEqual(before);
  });

  it('accepts an unchanged re-import into a closed round but no changes', async () => {
    const db = getDb();
    await importRound(db, input(organisations(2, 2)));
    await setRoundStatus(db, '2026', 'closed');
    expect((await importRound(db, input(organisations(2, 2)))).unchanged).toBe(4);
    await expect(importRound(db, input(organisations(2, 2, 7)))).rejects.toThrow(/closed/);
  });

  it('loads the current submission of each respondent in code point order', async () => {
    const db = getDb();
    // Byte order, not any locale: upper case before lower case, Æ after z, 𝔸 (U+1D538) after U+FFxx.
    const names = ['æblerød', 'Zealand', 'aarhus', 'Ærø', '𝔸-org', '\uff21-org', 'B'];
    const data: OrganisationData[] = names.map((name) => ({
      name,
      sector: 'kommune',
      respondents: ['b', 'B', '10', '9', 'ä'].map((id) => ({ id, answers: { n: 1 } })),
    }));
    await importRound(db, input(data));
    const { respondent } = await db.kysely
      .selectFrom('respondents')
      .select('id as respondent')
      .where('external_id', '=', 'B')
      .limit(1)
      .executeTakeFirstOrThrow();
    await submitResponse(db, respondent, { n: 2 });

    const loaded = await loadRoundData(db, '2026');
    expect(loaded.organisations.map((o) => o.name)).toEqual([
      'B',
      'Zealand',
      'aarhus',
      'Ærø',
      'æblerød',
      '\uff21-org',
      '𝔸-org',
    ]);
    for (const org of loaded.organisations)
      expect(org.respondents.map((r) => r.id)).toEqual(['10', '9', 'B', 'b', 'ä']);
    const all = loaded.organisations.flatMap((o) => o.respondents);
    expect(all.filter((r) => r.answers['n'] === 2)).toHaveLength(1);
  });
});
