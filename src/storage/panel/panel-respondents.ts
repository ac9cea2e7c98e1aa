/**
 * A round's panel of individuals (citizen panel): respondents without an organisation, each
 * with a survey weight. A panel provider delivers the whole panel as one file, so an import
 * *replaces* the round's panel: the old respondents go and the file's come, in one transaction
 * (all or nothing). Checking the file is the caller's (src/core/panel/exchange.ts); the
 * database's CHECK on the weight is the last line of defence.
 */
import type { PanelRespondent } from '../../core/panel/schema.ts';
import { bulkInsert } from '../bulk-insert.ts';
import type { Db } from '../database.ts';
import { canonicalJson, parseJson } from '../json.ts';
import { nowIso } from '../time.ts';
import { panelKysely } from './schema.ts';

export interface ReplacePanelResult {
  /** Respondents the round held before. */
  readonly removed: number;
  readonly inserted: number;
  /** The file held exactly the stored panel (same ids, weights and answers): nothing was written. */
  readonly unchanged: boolean;
}

const key = (r: PanelRespondent) => `${r.id}\u0000${r.weight}\u0000${canonicalJson(r.answers)}`;

/** Replaces the round's panel with these respondents (one transaction). */
export async function replacePanelRespondents(
  db: Db,
  roundId: number,
  respondents: readonly PanelRespondent[],
): Promise<ReplacePanelResult> {
  return db.transaction(async (tx) => {
    const before = await listPanelRespondents(tx, roundId);
    const same =
      before.length === respondents.length &&
      (() => {
        const stored = new Set(before.map(key));
        return respondents.every((r) => stored.has(key(r)));
      })();
    if (same) return { removed: 0, inserted: 0, unchanged: true };
    await panelKysely(tx).deleteFrom('panel_respondents').where('round_id', '=', roundId).execute();
    const now = nowIso();
    await bulkInsert(
      tx,
      'panel_respondents',
      [
        { name: 'round_id', pgType: 'bigint' },
        { name: 'external_id', pgType: 'text' },
        { name: 'weight', pgType: 'double precision' },
        { name: 'answers', pgType: 'text', pgCast: 'json' },
        { name: 'created_at', pgType: 'timestamptz' },
      ],
      respondents.map((r) => [roundId, r.id, r.weight, canonicalJson(r.answers), now]),
    );
    return { removed: before.length, inserted: respondents.length, unchanged: false };
  });
}

/** The round's panel, in respondent id order (the same on both backends). */
export async function listPanelRespondents(db: Db, roundId: number): Promise<PanelRespondent[]> {
  const rows = await panelKysely(db)
    .selectFrom('panel_respondents')
    .select(['external_id', 'weight', 'answers'])
    .where('round_id', '=', roundId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.external_id, weight: Number(r.weight), answers: parseJson(r.answers) }));
}

export async function countPanelRespondents(db: Db, roundId: number): Promise<number> {
  const row = await panelKysely(db)
    .selectFrom('panel_respondents')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The round's own minimum breakdown cell; null: the instrument's. */
export async function getPanelMinCell(db: Db, roundId: number): Promise<number | null> {
  const row = await panelKysely(db)
    .selectFrom('panel_settings')
    .select('min_cell')
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  return row ? Number(row.min_cell) : null;
}

/** Sets the round's minimum breakdown cell (the database refuses anything below 5). */
export async function setPanelMinCell(
  db: Db,
  roundId: number,
  minCell: number,
  actor: string,
): Promise<void> {
  const now = nowIso();
  await panelKysely(db)
    .insertInto('panel_settings')
    .values({ round_id: roundId, min_cell: minCell, updated_by: actor, updated_at: now })
    .onConflict((oc) =>
      oc.column('round_id').doUpdateSet({ min_cell: minCell, updated_by: actor, updated_at: now }),
    )
    .execute();
}
