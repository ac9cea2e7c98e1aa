/**
 * Round changes the storage layer does not offer yet: editing dates, k and title together
 * with the status, and the per-organisation counts of a round.
 */
import {
  appendAudit,
  InvalidInputError,
  NotFoundError,
  type Db,
  type Round,
  type RoundStatus,
} from '../../storage/index.ts';
import { canonicalJson } from '../../storage/json.ts';
import { toRound } from '../../storage/rows.ts';
import { codePointOrder } from '../../storage/sql-helpers.ts';
import { toTimestamp } from '../../storage/time.ts';
import type { Text } from '../../core/instrument/schema.ts';
import { conflict } from '../problem.ts';

export interface RoundPatch {
  readonly status?: RoundStatus;
  readonly title?: Text;
  readonly opensAt?: string | null;
  readonly closesAt?: string | null;
  readonly kMin?: number;
}

/** A round only moves forward: draft → open → closed. Reopening would let answers change after results. */
const NEXT: Readonly<Record<RoundStatus, readonly RoundStatus[]>> = {
  draft: ['draft', 'open'],
  open: ['open', 'closed'],
  closed: ['closed'],
};

export const MIN_K = 3;

export async function updateRound(db: Db, name: string, patch: RoundPatch, actor: string): Promise<Round> {
  return db.transaction(async (tx) => {
    const current = await tx.kysely
      .selectFrom('rounds')
      .selectAll()
      .where('name', '=', name)
      .$if(tx.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!current) throw new NotFoundError('round', name);
    if (patch.status && !NEXT[current.status].includes(patch.status)) {
      throw conflict(
        'invalid-transition',
        `Round ${name} is ${current.status}; it cannot become ${patch.status}.`,
      );
    }
    const opensAt =
      patch.opensAt === undefined ? current.opens_at : patch.opensAt && toTimestamp(patch.opensAt, 'opensAt');
    const closesAt =
      patch.closesAt === undefined
        ? current.closes_at
        : patch.closesAt && toTimestamp(patch.closesAt, 'closesAt');
    if (opensAt && closesAt && opensAt >= closesAt)
      throw new InvalidInputError('closesAt must be after opensAt');
    if (patch.kMin !== undefined && (!Number.isInteger(patch.kMin) || patch.kMin < MIN_K)) {
      throw new InvalidInputError(`kMin must be an integer ≥ ${MIN_K}`);
    }
    const row = await tx.kysely
      .updateTable('rounds')
      .set({
        status: patch.status ?? current.status,
        opens_at: opensAt,
        closes_at: closesAt,
        k_min: patch.kMin ?? current.k_min,
        title: patch.title ? canonicalJson(patch.title) : current.title,
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'round.update',
      subject: `round:${name}`,
      details: { ...patch },
    });
    return toRound(row);
  });
}

export interface OrganisationCount {
  readonly name: string;
  readonly sector: string;
  /** Invited or imported respondents of the round. */
  readonly respondents: number;
  /** Of those, how many have a current submission. */
  readonly submitted: number;
}

export async function organisationCounts(db: Db, roundId: number): Promise<OrganisationCount[]> {
  const rows = await db.kysely
    .selectFrom('respondents as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .leftJoin('submissions as s', (join) =>
      join.onRef('s.respondent_id', '=', 'r.id').on('s.superseded_at', 'is', null),
    )
    .select([
      'o.name',
      'o.sector',
      (eb) => eb.fn.count<number>('r.id').as('respondents'),
      (eb) => eb.fn.count<number>('s.id').as('submitted'),
    ])
    .where('r.round_id', '=', roundId)
    .groupBy(['o.id', 'o.name', 'o.sector'])
    .orderBy(codePointOrder(db, 'o.name'))
    .execute();
  return rows.map((r) => ({
    name: r.name,
    sector: r.sector,
    respondents: Number(r.respondents),
    submitted: Number(r.submitted),
  }));
}
