/** What the API and the staff pages share about invitees: the round's role codes, the filters. */
import { roleItemOf, type RoleItem } from '../../core/instrument/role-item.ts';
import { SECTORS, type Sector } from '../../core/exchange/types.ts';
import {
  INVITEE_STATUSES,
  type Db,
  type InviteeFilter,
  type InviteeStatus,
  type Round,
} from '../../storage/index.ts';
import { instrumentOf } from './instruments.ts';

/** The codes a role must be one of, or null when the instrument asks no role (any text goes). */
export async function roleCodesOf(db: Db, round: Round): Promise<readonly string[] | null> {
  return (await roleItemOfRound(db, round))?.codes ?? null;
}

export async function roleItemOfRound(db: Db, round: Round): Promise<RoleItem | null> {
  return roleItemOf(await instrumentOf(db, round.instrument));
}

/** The filters from a query string; anything unknown is no filter rather than an error. */
export function inviteeFilterOf(query: Readonly<Record<string, unknown>>): {
  filter: InviteeFilter;
  page: number;
} {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 200) : '');
  const status = text(query.status);
  const sector = text(query.sector);
  const organisation = text(query.organisation);
  const email = text(query.email);
  // A string from a form's query, or a number when the API's schema has coerced it already.
  const page = typeof query.page === 'number' ? query.page : Number(text(query.page) || '1');
  return {
    filter: {
      ...(INVITEE_STATUSES.includes(status as InviteeStatus) ? { status: status as InviteeStatus } : {}),
      ...((SECTORS as readonly string[]).includes(sector) ? { sector: sector as Sector } : {}),
      ...(organisation ? { organisation } : {}),
      ...(email ? { email } : {}),
    },
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  };
}
