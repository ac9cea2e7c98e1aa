/**
 * Who the staff caller is, with what the access declaration alone cannot decide: which
 * rounds an analyst runs. Administrators reach every round; analysts the rounds they are
 * assigned to; nobody else any.
 */
import type { FastifyRequest } from 'fastify';
import { isRoundStaff, requireRoundByName, type Db, type Round } from '../../storage/index.ts';
import { HttpProblem } from '../problem.ts';

export function staffOf(request: FastifyRequest) {
  const staff = request.staff;
  if (!staff) throw new Error('staffOf() on a route without a staff access declaration');
  return staff;
}

export async function canRunRound(db: Db, request: FastifyRequest, round: Round): Promise<boolean> {
  const staff = staffOf(request);
  if (staff.role === 'admin') return true;
  return staff.role === 'analyst' && (await isRoundStaff(db, round.id, staff.userId));
}

/** The round, if the caller may run it; 403 otherwise (404 when it does not exist). */
export async function roundForStaff(db: Db, request: FastifyRequest, name: string): Promise<Round> {
  const round = await requireRoundByName(db, name);
  if (!(await canRunRound(db, request, round))) {
    throw new HttpProblem(403, 'forbidden', 'Forbidden', `You do not run round ${name}.`);
  }
  return round;
}
