/**
 * Organisations' attributes in one round (migration 0009): read for the organisations page,
 * the exchange export and the release (peer groups), written by the page, the CLI and
 * imports. A round without a row for an organisation falls back to the organisation's global
 * type and size band (rounds made before attributes were kept per round).
 */
import type { Sector } from '../../core/exchange/types.ts';
import type { OrganisationAttributes } from '../../core/organisations/attributes.ts';
import type { Db } from '../database.ts';
import { canonicalJson, parseJson } from '../json.ts';
import { chunks, codePointOrder, rowsPerStatement } from '../sql-helpers.ts';
import { nowIso } from '../time.ts';
import { roundOrganisationsKysely } from './schema.ts';

export interface RoundOrganisationAttributes {
  readonly organisationId: number;
  readonly name: string;
  readonly sector: Sector;
  readonly attributes: OrganisationAttributes;
  readonly sizeBand: string | null;
  /** Whether the round has attributes of its own for it (else the global ones are shown). */
  readonly own: boolean;
}

export interface RoundAttributesInput {
  readonly organisationId: number;
  readonly attributes: OrganisationAttributes;
  readonly sizeBand: string | null;
}

/**
 * The round's organisations (with respondents, or with attributes of the round), by name;
 * `ownOnly`: only those with attributes of the round (what an export writes; no scan of the
 * round's respondents).
 */
export async function listRoundAttributes(
  db: Db,
  roundId: number,
  options: { ownOnly?: boolean } = {},
): Promise<RoundOrganisationAttributes[]> {
  const k = roundOrganisationsKysely(db);
  const rows = await k
    .selectFrom('organisations as o')
    .leftJoin('round_organisations as ro', (j) =>
      j.onRef('ro.organisation_id', '=', 'o.id').on('ro.round_id', '=', roundId),
    )
    .select([
      'o.id',
      'o.name',
      'o.sector',
      'o.type as global_type',
      'o.size_band as global_band',
      'ro.organisation_id as own',
      'ro.type',
      'ro.size',
      'ro.size_band',
      'ro.region',
      'ro.attributes',
    ])
    .where((eb) =>
      options.ownOnly
        ? eb('ro.organisation_id', 'is not', null)
        : eb.or([
            eb.exists(
              eb
                .selectFrom('respondents as r')
                .select('r.id')
                .whereRef('r.organisation_id', '=', 'o.id')
                .where('r.round_id', '=', roundId),
            ),
            eb('ro.organisation_id', 'is not', null),
          ]),
    )
    .orderBy(codePointOrder(db, 'o.name'))
    .execute();
  return rows.map((r) => {
    const own = r.own !== null;
    return {
      organisationId: Number(r.id),
      name: r.name,
      sector: r.sector as Sector,
      own,
      sizeBand: own ? r.size_band : r.global_band,
      attributes: own
        ? {
            type: r.type,
            size: r.size === null ? null : Number(r.size),
            region: r.region,
            extra: parseJson<Record<string, string>>(r.attributes ?? '{}'),
          }
        : { type: r.global_type, size: null, region: null, extra: {} },
    };
  });
}

/** Sets the organisations' attributes in the round (whole rows: what is not given is none). */
export async function setRoundAttributes(
  db: Db,
  roundId: number,
  rows: readonly RoundAttributesInput[],
): Promise<void> {
  const now = nowIso();
  for (const batch of chunks(rows, rowsPerStatement(8, 1_000))) {
    if (batch.length === 0) continue;
    await roundOrganisationsKysely(db)
      .insertInto('round_organisations')
      .values(
        batch.map((r) => ({
          round_id: roundId,
          organisation_id: r.organisationId,
          type: r.attributes.type,
          size: r.attributes.size,
          size_band: r.sizeBand,
          region: r.attributes.region,
          attributes: canonicalJson(r.attributes.extra),
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['round_id', 'organisation_id']).doUpdateSet((eb) => ({
          type: eb.ref('excluded.type'),
          size: eb.ref('excluded.size'),
          size_band: eb.ref('excluded.size_band'),
          region: eb.ref('excluded.region'),
          attributes: eb.ref('excluded.attributes'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/**
 * A key that changes whenever the round's attributes or comparison sets change (count and
 * latest write of each), so that the background makes a release for a change of peers alone.
 */
export async function roundAttributesRevision(db: Db, roundId: number): Promise<string> {
  const k = roundOrganisationsKysely(db);
  const [a, c] = await Promise.all([
    k
      .selectFrom('round_organisations')
      .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max('updated_at').as('latest')])
      .where('round_id', '=', roundId)
      .executeTakeFirstOrThrow(),
    k
      .selectFrom('round_comparison_sets')
      .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max('updated_at').as('latest')])
      .where('round_id', '=', roundId)
      .executeTakeFirstOrThrow(),
  ]);
  return `${a.n}:${String(a.latest ?? '')}:${c.n}:${String(c.latest ?? '')}`;
}
