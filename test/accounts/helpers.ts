/** A running app with one user per role, sessions made directly (no password hashing), and a round. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { onTestFinished } from 'vitest';
import { sessionPolicy } from '../../src/accounts/policy.ts';
import { startSession } from '../../src/accounts/sessions.ts';
import { buildApp } from '../../src/api/app.ts';
import {
  assignRoundStaff,
  createUser,
  ensureOrganisation,
  inviteRespondent,
  type Db,
  type Round,
  type User,
} from '../../src/storage/index.ts';
import { roundWithInvitations } from '../api/helpers.ts';

export type Role = 'admin' | 'analyst' | 'org_lead';

export interface World {
  readonly app: FastifyInstance;
  readonly db: Db;
  readonly users: Record<Role, User>;
  readonly round: Round;
  /** Organisation A (the org lead's); organisation B (the respondent's). */
  readonly organisations: { a: string; b: string };
  /** An invitation token of a respondent of organisation B. */
  readonly respondentToken: string;
  /** A fresh session of the user: cookie header value and CSRF token. */
  session(role: Role): Promise<{ cookie: string; csrf: string; id: string }>;
  /** A request with the user's cookie (and its CSRF token on state-changing methods). */
  as(role: Role, options: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function startWorld(db: Db): Promise<World> {
  const app = buildApp({ db });
  await app.ready();
  onTestFinished(() => app.close());
  const { round } = await roundWithInvitations(db, 'r1', 1);
  const a = await ensureOrganisation(db, { name: `Org r1`, sector: 'kommune' });
  const b = await ensureOrganisation(db, { name: 'Org B', sector: 'region' });
  const users = {
    admin: await createUser(db, { email: 'admin@example.dk', role: 'admin' }),
    analyst: await createUser(db, { email: 'analyst@example.dk', role: 'analyst' }),
    org_lead: await createUser(db, { email: 'lead@example.dk', role: 'org_lead', organisationId: a.id }),
  };
  await assignRoundStaff(db, round.id, users.analyst.id);
  const { token } = await inviteRespondent(db, { roundId: round.id, organisationId: b.id, externalId: 'b1' });
  const session = async (role: Role) => {
    const s = await startSession(db, users[role].id, sessionPolicy());
    return { cookie: `pejling_session=${s.id}`, csrf: s.csrfToken, id: s.id };
  };
  return {
    app,
    db,
    users,
    round,
    organisations: { a: a.name, b: b.name },
    respondentToken: token,
    session,
    async as(role, options) {
      const s = await session(role);
      const unsafe = !['GET', 'HEAD'].includes((options.method ?? 'GET').toUpperCase());
      return app.inject({
        ...options,
        headers: { cookie: s.cookie, ...(unsafe ? { 'x-csrf-token': s.csrf } : {}), ...options.headers },
      });
    },
  };
}
