/**
 * A database with two rounds of the same organisations (last year closed, this year open),
 * peer attributes for the groups, and staff of every kind: what the report's API and browser
 * tests stand on. `small` is quick to seed on both backends; the browser tests use the real demo.
 */
import { createApiToken } from '../../src/api/data/api-tokens.ts';
import { generateRound } from '../../src/demo/generate.ts';
import { loadBuiltinInstrumentSource } from '../../src/instruments/registry.ts';
import {
  assignRoundStaff,
  createUser,
  ensureOrganisation,
  getOrganisationByName,
  getRoundByName,
  importRound,
  setRoundStatus,
  type Db,
  type Organisation,
  type Round,
} from '../../src/storage/index.ts';

export interface ReportWorld {
  rounds: { previous: Round; current: Round };
  /** The organisation the tests look at, and another one. */
  mine: Organisation;
  other: Organisation;
  tokens: { admin: string; analyst: string; roundAnalyst: string; lead: string; otherLead: string };
  leadUserId: number;
}

export async function seedReportWorld(db: Db, organisations = 12): Promise<ReportWorld> {
  const { instrument, text } = await loadBuiltinInstrumentSource('dt-offentlig');
  const ref = { id: instrument.id, version: instrument.version, definitionText: text };
  const shape = { organisations, respondents: [3, 4] as [number, number], seed: 11 };
  const previous = generateRound(instrument, shape);
  const current = generateRound(instrument, { ...shape, answerSeed: 12, drift: 0.3 });
  await db.transaction(async (tx) => {
    for (const o of previous)
      await ensureOrganisation(tx, { name: o.name, sector: o.sector, type: o.type, sizeBand: o.sizeBand });
    await importRound(tx, { roundName: 'r-2025', instrument: ref, organisations: previous });
    await setRoundStatus(tx, 'r-2025', 'closed');
    await importRound(tx, { roundName: 'r-2026', instrument: ref, organisations: current });
  });
  const rounds = {
    previous: (await getRoundByName(db, 'r-2025'))!,
    current: (await getRoundByName(db, 'r-2026'))!,
  };
  const mine = (await getOrganisationByName(db, current[0]!.name))!;
  const other = (await getOrganisationByName(db, current[1]!.name))!;
  const token = async (email: string, role: 'admin' | 'analyst' | 'org_lead', organisationId?: number) => {
    const user = await createUser(db, { email, role, organisationId: organisationId ?? null });
    return { token: (await createApiToken(db, { email, role })).token, userId: user.id };
  };
  const admin = await token('admin@example.dk', 'admin');
  const analyst = await token('analyst@example.dk', 'analyst');
  const roundAnalyst = await token('round-analyst@example.dk', 'analyst');
  await assignRoundStaff(db, rounds.current.id, roundAnalyst.userId);
  const lead = await token('lead@example.dk', 'org_lead', mine.id);
  const otherLead = await token('other-lead@example.dk', 'org_lead', other.id);
  return {
    rounds,
    mine,
    other,
    tokens: {
      admin: admin.token,
      analyst: analyst.token,
      roundAnalyst: roundAnalyst.token,
      lead: lead.token,
      otherLead: otherLead.token,
    },
    leadUserId: lead.userId,
  };
}

export const pagePath = (round: string, organisation: string) =>
  `/reports/${encodeURIComponent(round)}/organisations/${encodeURIComponent(organisation)}`;

export const apiPath = (round: string, organisation: string) =>
  `/api/rounds/${encodeURIComponent(round)}/organisations/${encodeURIComponent(organisation)}`;
