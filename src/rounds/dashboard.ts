/** Response rates of a round, per sector and per organisation: counts only, never answers. */
import { organisationCounts, type OrganisationCount } from '../api/data/rounds.ts';
import type { Db, Round } from '../storage/index.ts';

export interface Counts {
  readonly organisations: number;
  /** Organisations with at least one submission. */
  readonly organisationsAnswered: number;
  readonly respondents: number;
  readonly submitted: number;
}

export interface Dashboard {
  readonly round: string;
  readonly status: Round['status'];
  readonly total: Counts;
  readonly bySector: readonly ({ sector: string } & Counts)[];
  readonly byOrganisation: readonly OrganisationCount[];
  readonly at: string;
}

const sum = (rows: readonly OrganisationCount[]): Counts => ({
  organisations: rows.length,
  organisationsAnswered: rows.filter((r) => r.submitted > 0).length,
  respondents: rows.reduce((n, r) => n + r.respondents, 0),
  submitted: rows.reduce((n, r) => n + r.submitted, 0),
});

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

/** Share answered, 0–1; null with nobody invited. */
export const rate = (c: Counts): number | null => (c.respondents === 0 ? null : c.submitted / c.respondents);
