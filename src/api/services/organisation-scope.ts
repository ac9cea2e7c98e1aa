/**
 * Who may see and change which organisation's report. Administrators: every organisation;
 * analysts: the organisations of the rounds they run (read only); an organisation's lead:
 * their own organisation only. Anything a caller may not see is "not found", with the same
 * words as an organisation that does not exist, so a guess learns nothing.
 */
import type { FastifyRequest } from 'fastify';
import {
  getOrganisationById,
  getOrganisationByName,
  getRoundByName,
  getUserById,
  isRoundStaff,
  listRounds,
  organisationHasAnswers,
  type Db,
  type Organisation,
  type Round,
} from '../../storage/index.ts';
import { notFound } from '../problem.ts';

export interface ReportScope {
  readonly round: Round;
  readonly organisation: Organisation;
}

const nothingHere = () => notFound('There is no such report.');

/**
 * The round and organisation of a report the caller may see, and that exists: the
 * organisation has answers in the round. Throws 404 otherwise.
 */
export async function reportScope(
  db: Db,
  request: FastifyRequest,
  roundName: string,
  organisationName: string,
): Promise<ReportScope> {
  const staff = request.staff;
  if (!staff) throw new Error('reportScope() on a route without a staff access declaration');
  const organisation = await getOrganisationByName(db, organisationName);
  if (!organisation) throw nothingHere();
  if (staff.role === 'org_lead') {
    // Decided before anything about the round is looked at.
    const user = await getUserById(db, staff.userId);
    if (!user || user.organisationId !== organisation.id) throw nothingHere();
  }
  const round = await getRoundByName(db, roundName);
  if (!round) throw nothingHere();
  if (staff.role === 'analyst' && !(await isRoundStaff(db, round.id, staff.userId))) throw nothingHere();
  if (!(await hasAnswers(db, round, organisation))) throw nothingHere();
  return { round, organisation };
}

/** For the command line, which acts with the database's own rights: the report, if it exists. */
export async function findReportScope(
  db: Db,
  roundName: string,
  organisationName: string,
): Promise<ReportScope | null> {
  const [round, organisation] = await Promise.all([
    getRoundByName(db, roundName),
    getOrganisationByName(db, organisationName),
  ]);
  if (!round || !organisation || !(await hasAnswers(db, round, organisation))) return null;
  return { round, organisation };
}

async function hasAnswers(db: Db, round: Round, organisation: Organisation): Promise<boolean> {
  return organisationHasAnswers(db, round.id, organisation.id);
}

/**
 * The reports an organisation's lead may open: every round their organisation has answers in,
 * newest first. Rounds are few (one a year, a handful of instruments), so each is checked.
 */
export async function reportsOfLead(
  db: Db,
  userId: number,
): Promise<{ organisation: Organisation; rounds: Round[] } | null> {
  const user = await getUserById(db, userId);
  if (!user || user.role !== 'org_lead' || user.organisationId === null) return null;
  const organisation = await getOrganisationById(db, user.organisationId);
  if (!organisation) return null;
  const rounds: Round[] = [];
  for (const round of await listRounds(db)) if (await hasAnswers(db, round, organisation)) rounds.push(round);
  rounds.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { organisation, rounds };
}
