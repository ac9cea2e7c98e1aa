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
import { disclosurePolicy, PolicyError } from '../../core/disclosure/policy.ts';
import type { Text } from '../../core/instrument/schema.ts';
import { conflict } from '../problem.ts';
import { makeRelease } from '../services/releases.ts';

export interface RoundPatch {
  readonly status?: RoundStatus;
  readonly title?: Text;
  readonly opensAt?: string | null;
  readonly closesAt?: string | null;
  readonly kMin?: number;
  readonly respondentMin?: number;
}

/**
 * A round moves forward: draft → open → closed. Reopening a closed round lets answers change
 * after the final figures were published, so only an administrator may, and only when asking
 * for it by name (`reopen`); it is audited as such.
 */
const NEXT: Readonly<Record<RoundStatus, readonly RoundStatus[]>> = {
  draft: ['draft', 'open'],
  open: ['open', 'closed'],
  closed: ['closed'],
};

export interface UpdateRoundOptions {
  /** Allows closed → open (an administrator's explicit reopening). */
  readonly reopen?: boolean;
}

/**
 * Changes a round. Closing it makes its final release at once, so that the figures everyone
 * sees from then on are the final ones (and say so); a new k or respondent minimum makes a
 * release under the new policy.
 */
export async function updateRound(
  db: Db,
  name: string,
  patch: RoundPatch,
  actor: string,
  options: UpdateRoundOptions = {},
): Promise<Round> {
  let closed = false;
  let policyChanged = false;
  const round = await db.transaction(async (tx) => {
    const current = await tx.kysely
      .selectFrom('rounds')
      .selectAll()
      .where('name', '=', name)
      .$if(tx.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!current) throw new NotFoundError('round', name);
    const reopening = options.reopen === true && current.status === 'closed' && patch.status === 'open';
    if (patch.status && !reopening && !NEXT[current.status].includes(patch.status)) {
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
    try {
      disclosurePolicy({
        k: patch.kMin ?? current.k_min,
        respondentMin: patch.respondentMin ?? current.respondent_min,
      });
    } catch (err) {
      if (err instanceof PolicyError) throw new InvalidInputError(err.message, { cause: err });
      throw err;
    }
    const row = await tx.kysely
      .updateTable('rounds')
      .set({
        status: patch.status ?? current.status,
        opens_at: opensAt,
        closes_at: closesAt,
        k_min: patch.kMin ?? current.k_min,
        respondent_min: patch.respondentMin ?? current.respondent_min,
        title: patch.title ? canonicalJson(patch.title) : current.title,
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: reopening ? 'round.reopen' : 'round.update',
      subject: `round:${name}`,
      details: { ...patch },
    });
    closed = current.status !== 'closed' && row.status === 'closed';
    policyChanged = current.k_min !== row.k_min || current.respondent_min !== row.respondent_min;
    return toRound(row);
  });
  // A new policy applies from the next release on: make it now, so what is shown follows it.
  if (closed) await makeRelease(db, round, 'close');
  else if (policyChanged) await makeRelease(db, round, 'auto');
  return round;
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
