/** Shared pieces of the API tests: an app on a fresh database, staff tokens, invitations, answers. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { onTestFinished } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { createApiToken } from '../../src/api/data/api-tokens.ts';
import type { LoggerSettings } from '../../src/api/logging.ts';
import type { Answers } from '../../src/core/instrument/types.ts';
import { loadBuiltinInstrumentSource } from '../../src/instruments/registry.ts';
import {
  createRound,
  createUser,
  ensureOrganisation,
  inviteRespondent,
  storeInstrumentVersion,
  type Db,
  type Round,
  type RoundStatus,
} from '../../src/storage/index.ts';

export interface Api {
  app: FastifyInstance;
  /** Bearer tokens of an admin, an analyst and an org lead. */
  tokens: { admin: string; analyst: string; orgLead: string };
  /** A request as `role` (or anonymous). */
  call(role: keyof Api['tokens'] | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Makes the analyst one who runs this round (analysts reach only the rounds they run). */
  assignAnalyst(round: string): Promise<void>;
}

export async function startApi(
  db: Db,
  logger?: LoggerSettings,
  /** More of the app before it starts, e.g. the web survey's routes. */
  extend?: (app: FastifyInstance) => unknown,
): Promise<Api> {
  const app = buildApp({ db, ...(logger ? { logger } : {}) });
  await extend?.(app);
  await app.ready();
  onTestFinished(() => app.close());
  const admin = (await createApiToken(db, { email: 'admin@example.dk', role: 'admin' })).token;
  const analyst = (await createApiToken(db, { email: 'analyst@example.dk', role: 'analyst' })).token;
  const lead = await db.transaction(async (tx) => {
    const org = await ensureOrganisation(tx, { name: 'Lead Kommune', sector: 'kommune' });
    await createUser(tx, { email: 'lead@example.dk', role: 'org_lead', organisationId: org.id });
    return (await createApiToken(tx, { email: 'lead@example.dk', role: 'org_lead' })).token;
  });
  const tokens = { admin, analyst, orgLead: lead };
  const assignAnalyst = async (round: string) => {
    const { assignRoundStaff, findUserByEmail, requireRoundByName } =
      await import('../../src/storage/index.ts');
    const user = await findUserByEmail(db, 'analyst@example.dk');
    await assignRoundStaff(db, (await requireRoundByName(db, round)).id, user!.id);
  };
  return {
    app,
    tokens,
    assignAnalyst,
    call: (role, options) =>
      app.inject({
        ...options,
        headers: { ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}), ...options.headers },
      }),
  };
}

export async function dtOffentligSource() {
  const { instrument, text } = await loadBuiltinInstrumentSource('dt-offentlig');
  return { instrument, ref: { id: instrument.id, version: instrument.version, definitionText: text } };
}

/** A dt-offentlig round with `n` invited respondents; returns their tokens. */
export async function roundWithInvitations(
  db: Db,
  name: string,
  n: number,
  status: RoundStatus = 'open',
): Promise<{ round: Round; tokens: string[] }> {
  const { ref } = await dtOffentligSource();
  await storeInstrumentVersion(db, ref);
  const round = await createRound(db, { name, instrument: { id: ref.id, version: ref.version }, status });
  const org = await ensureOrganisation(db, { name: `Org ${name}`, sector: 'kommune' });
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const { token } = await inviteRespondent(db, {
      roundId: round.id,
      organisationId: org.id,
      externalId: `r${i}`,
    });
    tokens.push(token);
  }
  return { round, tokens };
}

/** A complete, valid dt-offentlig answer set, varied by `seed`. */
export function completeAnswers(seed = 0): Answers {
  const ranks = ['leadership', 'clarity', 'methods', 'data', 'partnership', 'diversity', 'decisions'];
  const answers: Record<string, Answers[string]> = {
    'profile.role': ['topleder', 'forretning', 'it', 'andet'][seed % 4]!,
    'why.importance': (seed % 5) + 1,
    'how.methods.q1': ((seed + 2) % 5) + 1,
    'reflection.comment': `kommentar ${seed}`,
  };
  ranks.forEach((c, i) => (answers[`how.${c}.rank`] = ((i + seed) % 7) + 1));
  return answers;
}

export const json = (body: unknown) => ({
  payload: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});
