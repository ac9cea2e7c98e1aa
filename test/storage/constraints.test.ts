import { expect, it } from 'vitest';
import {
  AlreadyExistsError,
  InstrumentConflictError,
  InvalidInputError,
  createOrganisation,
  createRound,
  createUser,
  ensureOrganisation,
  getRoundByName,
  storeInstrumentVersion,
} from '../../src/storage/index.ts';
import { describeEachBackend } from './backends.ts';
import { INSTRUMENT } from './fixtures.ts';

const instrument = { id: INSTRUMENT.id, version: INSTRUMENT.version };

describeEachBackend('constraints', (getDb) => {
  it('stores an instrument version once, and refuses other content under the same version', async () => {
    const db = getDb();
    expect((await storeInstrumentVersion(db, INSTRUMENT)).created).toBe(true);
    expect((await storeInstrumentVersion(db, INSTRUMENT)).created).toBe(false);
    await expect(
      storeInstrumentVersion(db, { ...INSTRUMENT, definitionText: 'changed' }),
    ).rejects.toBeInstanceOf(InstrumentConflictError);
    expect(
      (await storeInstrumentVersion(db, { ...INSTRUMENT, version: '1.0.1', definitionText: 'changed' }))
        .created,
    ).toBe(true);
  });

  it('keeps k_min at 3 or more, in the code and in the database', async () => {
    const db = getDb();
    await storeInstrumentVersion(db, INSTRUMENT);
    await expect(createRound(db, { name: 'r', instrument, kMin: 2 })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    const round = await createRound(db, { name: 'r', instrument, kMin: 3 });
    expect(round.kMin).toBe(3);
    expect((await createRound(db, { name: 'r2', instrument })).kMin).toBe(5);
    await expect(
      db.kysely.updateTable('rounds').set({ k_min: 2 }).where('id', '=', round.id).execute(),
    ).rejects.toThrow();
    expect((await getRoundByName(db, 'r'))?.kMin).toBe(3);
  });

  it('rejects an unknown round status and a window that closes before it opens', async () => {
    const db = getDb();
    await storeInstrumentVersion(db, INSTRUMENT);
    const round = await createRound(db, { name: 'r', instrument });
    await expect(
      db.kysely
        .updateTable('rounds')
        .set({ status: 'paused' as 'open' })
        .where('id', '=', round.id)
        .execute(),
    ).rejects.toThrow();
    await expect(
      createRound(db, {
        name: 'x',
        instrument,
        opensAt: '2026-02-01T00:00:00Z',
        closesAt: '2026-01-01T00:00:00Z',
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('keeps round, organisation and user names unique', async () => {
    const db = getDb();
    await storeInstrumentVersion(db, INSTRUMENT);
    await createRound(db, { name: '2026', instrument });
    await expect(createRound(db, { name: '2026', instrument })).rejects.toBeInstanceOf(AlreadyExistsError);

    const org = await createOrganisation(db, { name: 'Region Nord', sector: 'region' });
    await expect(createOrganisation(db, { name: 'Region Nord', sector: 'region' })).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
    expect((await ensureOrganisation(db, { name: 'Region Nord', sector: 'region' })).id).toBe(org.id);

    await createUser(db, { email: 'Ana@example.dk', role: 'admin' });
    await expect(createUser(db, { email: 'ana@EXAMPLE.dk', role: 'analyst' })).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
  });

  it('rejects unknown sectors and an org lead without organisation', async () => {
    const db = getDb();
    await expect(createOrganisation(db, { name: 'X', sector: 'firma' as 'stat' })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(
      db.kysely
        .insertInto('organisations')
        .values({ name: 'X', sector: 'firma', created_at: new Date().toISOString() })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db.kysely
        .insertInto('users')
        .values({ email: 'lead@example.dk', role: 'org_lead', created_at: new Date().toISOString() })
        .execute(),
    ).rejects.toThrow();
  });

  it('returns timestamps as ISO-8601 UTC strings on every backend', async () => {
    const db = getDb();
    await storeInstrumentVersion(db, INSTRUMENT);
    const round = await createRound(db, {
      name: 'r',
      instrument,
      opensAt: new Date('2026-03-01T08:00:00+01:00'),
      closesAt: '2026-04-01T00:00:00.123Z',
    });
    const stored = await getRoundByName(db, 'r');
    expect(stored?.opensAt).toBe('2026-03-01T07:00:00.000Z');
    expect(stored?.closesAt).toBe('2026-04-01T00:00:00.123Z');
    expect(stored?.createdAt).toBe(round.createdAt);
    expect(round.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
