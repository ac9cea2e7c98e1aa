/** Response rates of a round, per sector and per organisation: counts only, never answers. */
import { organisationCounts, type OrganisationCount } from '../data/rounds.ts';
import { sumResponses, type ResponseCounts } from '../../core/figures/responses.ts';
import type { Db, Round } from '../../storage/index.ts';

export type Counts = ResponseCounts;

export interface Dashboard {
  readonly round: string;
  readonly status: Round['status'];
  readonly total: Counts;
  readonly bySector: readonly ({ sector: string } & Counts)[];
  readonly byOrganisation: readonly OrganisationCount[];
  readonly at: string;
}

const sum = sumResponses;

export async function roundDashboard(db: Db, round: Round): Promise<Dashboard> {
  const rows = await organisationCounts(db, round.id);
  const sectors = [...new Set(rows.map((r) => r.sector))].sort();
  return {
    round: round.name,
    status: round.status,
    total: sum(rows),
    bySector: sectors.map((sector) => ({ sector, ...sum(rows.filter((r) => r.sector === sector)) })),
    byOrganisation: rows,
    at: new Date().toISOString(),
  };
}

export { responseRate as rate } from '../../core/figures/responses.ts';
