/**
 * One organisation's instruments together: for each instrument it took part in, the latest
 * round the caller may see (the organisation report's own access rules decide, round by round:
 * src/api/services/organisation-scope.ts) and the organisation's released result there. Only
 * the organisation's released version is read — never its live answers, never another
 * organisation's — and reading it counts as a view of the version, as the report does.
 */
import type { FastifyRequest } from 'fastify';
import { buildChecklists, type ChecklistResult } from '../../core/checklists/build.ts';
import type { Instrument } from '../../core/instrument/types.ts';
import { resultHeadline } from '../../core/overview/headline.ts';
import type { OrganisationResult } from '../../core/overview/related.ts';
import {
  getOrganisationByName,
  listOrganisationRounds,
  listVersionsOfOrganisation,
  markVersionViewed,
  type Db,
  type Organisation,
  type Round,
} from '../../storage/index.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { instrumentOf } from './instruments.ts';
import { versionAt, versionData } from './organisation-report.ts';
import { reportScope } from './organisation-scope.ts';
import { latestRelease } from './releases.ts';

export interface OverviewEntry extends OrganisationResult {
  readonly roundStatus: Round['status'];
}

export interface OrganisationOverview {
  readonly organisation: Organisation;
  /** One entry per instrument, in the order the instruments were first taken part in. */
  readonly entries: readonly OverviewEntry[];
}

/**
 * The rounds of the organisation the caller may open a report of (a null request: the command
 * line, with the database's own rights, sees all), the latest per instrument.
 */
async function latestVisibleRounds(
  db: Db,
  request: FastifyRequest | null,
  organisation: Organisation,
): Promise<Round[]> {
  const latest = new Map<string, Round>();
  // Oldest first: a later round of the same instrument replaces an earlier one.
  for (const round of await listOrganisationRounds(db, organisation.id)) {
    if (request) {
      try {
        await reportScope(db, request, round.name, organisation.name);
      } catch (err) {
        if (err instanceof HttpProblem && err.status === 404) continue;
        throw err;
      }
    }
    latest.set(round.instrument.id, round);
  }
  return [...latest.values()];
}

async function resultOf(db: Db, organisation: Organisation, round: Round): Promise<OverviewEntry> {
  const instrument = await instrumentOf(db, round.instrument);
  const base = {
    instrument,
    round: round.name,
    roundTitle: round.title,
    roundStatus: round.status,
  };
  const release = await latestRelease(db, round);
  const version = release
    ? versionAt(await listVersionsOfOrganisation(db, round.id, organisation.id), release.number)
    : null;
  if (!release || !version) return { ...base, releasedAt: null, headline: null };
  await markVersionViewed(db, version.id);
  const data = await versionData(db, organisation, version);
  const at = release.number === version.releaseNumber ? release.content.at : version.createdAt;
  return { ...base, releasedAt: at, headline: resultHeadline(instrument, data) };
}

/** The overview of `organisationName` as the caller may see it; 404 when there is nothing. */
export async function organisationOverview(
  db: Db,
  request: FastifyRequest | null,
  organisationName: string,
): Promise<OrganisationOverview> {
  const organisation = await getOrganisationByName(db, organisationName);
  if (!organisation) throw notFound('There is no such organisation.');
  const rounds = await latestVisibleRounds(db, request, organisation);
  // A lead of another organisation, or an analyst who runs none of its rounds, sees nothing:
  // the same answer as an organisation that does not exist.
  if (rounds.length === 0 && request?.staff?.role !== 'admin')
    throw notFound('There is no such organisation.');
  const entries: OverviewEntry[] = [];
  for (const round of rounds) entries.push(await resultOf(db, organisation, round));
  return { organisation, entries };
}

/**
 * The organisation's results in other instruments, for the advice of a report in `round`
 * (src/core/overview/related.ts picks the ones that follow an advice item up). Only when the
 * round's instrument gives advice, so other reports pay nothing for it.
 */
export async function relatedResultsFor(
  db: Db,
  request: FastifyRequest | null,
  round: Round,
  organisation: Organisation,
): Promise<OrganisationResult[]> {
  const instrument = await instrumentOf(db, round.instrument);
  if (!instrument.def.advice) return [];
  const out: OrganisationResult[] = [];
  for (const r of await latestVisibleRounds(db, request, organisation)) {
    if (r.instrument.id === instrument.id) continue;
    const other = await instrumentOf(db, r.instrument);
    if (!other.def.relatedAdvice.some((x) => x.instrument === instrument.id)) continue;
    out.push(await resultOf(db, organisation, r));
  }
  return out;
}

export interface OrganisationChecklists {
  readonly organisation: Organisation;
  readonly round: Round;
  readonly instrument: Instrument;
  /** Null when the round has no released result of the organisation yet. */
  readonly checklists: readonly ChecklistResult[] | null;
}

/**
 * The organisation's checklists of `instrumentId` (the security triangle's follow-up list) from
 * its latest round of it that the caller may see, built from its released version only: its
 * own answers, owners and evidence — never another organisation's. 404 when there is none.
 */
export async function organisationChecklists(
  db: Db,
  request: FastifyRequest,
  organisationName: string,
  instrumentId: string,
): Promise<OrganisationChecklists> {
  const organisation = await getOrganisationByName(db, organisationName);
  const round = organisation
    ? (await latestVisibleRounds(db, request, organisation)).find((r) => r.instrument.id === instrumentId)
    : undefined;
  if (!organisation || !round) throw notFound('There is no such checklist.');
  const instrument = await instrumentOf(db, round.instrument);
  if (instrument.def.checklists.length === 0) throw notFound('There is no such checklist.');
  const release = await latestRelease(db, round);
  const version = release
    ? versionAt(await listVersionsOfOrganisation(db, round.id, organisation.id), release.number)
    : null;
  if (!version) return { organisation, round, instrument, checklists: null };
  await markVersionViewed(db, version.id);
  const data = await versionData(db, organisation, version);
  return { organisation, round, instrument, checklists: buildChecklists(instrument, data.respondents) };
}
