import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { appendAudit, listAudit } from '../../src/storage/index.ts';
import { describeEachBackend } from './backends.ts';

describeEachBackend('audit log', (getDb, { backend }) => {
  it('appends entries and returns them newest first', async () => {
    const db = getDb();
    await appendAudit(db, { actor: 'admin@example.dk', action: 'round.create', subject: 'round:2026' });
    await appendAudit(db, {
      actor: 'system',
      action: 'round.import',
      subject: 'round:2026',
      details: { rows: 3 },
    });
    const entries = await listAudit(db);
    expect(entries.map((e) => e.action)).toEqual(['round.import', 'round.create']);
    expect(entries[0]).toMatchObject({ actor: 'system', details: { rows: 3 } });
  });

  it('rejects UPDATE and DELETE', async () => {
    const db = getDb();
    const entry = await appendAudit(db, { actor: 'a', action: 'x.y' });
    await expect(
      db.kysely.updateTable('audit_log').set({ actor: 'someone else' }).where('id', '=', entry.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.kysely.deleteFrom('audit_log').where('id', '=', entry.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.kysely.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    if (backend === 'postgres')
      await expect(sql`truncate audit_log`.execute(db.kysely)).rejects.toThrow(/append-only/);
    expect(await listAudit(db)).toEqual([entry]);
  });

  it('rolls an entry back with the transaction it belongs to', async () => {
    const db = getDb();
    await expect(
      db.transaction(async (tx) => {
        await appendAudit(tx, { actor: 'a', action: 'x.y' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await listAudit(db)).toEqual([]);
  });
});
