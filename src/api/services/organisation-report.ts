/**
 * Gathers what an organisation's report is built from (its own answers, earlier rounds,
 * targets and plan in one consistent read; the round's peer groups prepared from the stored
 * organisation scores) and builds the report with the pure builder. Shared by the web page, the API and the CLI.
 */
import type { Lang } from '../../core/instrument/types.ts';
import { buildOrganisationReport } from '../../reports/organisation/model/build.ts';
import type {
  HistoryRound,
  OrganisationReport,
  ReportInput,
  RoundInfo,
  RoundOrganisation,
} from '../../reports/organisation/model/types.ts';
import {
  listCompetencyTargets,
  listOrganisationRounds,
  listPlanItems,
  loadOrganisationRoundData,
  type Db,
  type Organisation,
  type Round,
} from '../../storage/index.ts';
import { instrumentOf } from './instruments.ts';
import { roundPeers } from './peers.ts';

const roundInfo = (r: Round): RoundInfo => ({ name: r.name, title: r.title, status: r.status, kMin: r.kMin });

export async function loadReportInput(
  db: Db,
  round: Round,
  organisation: Organisation,
  lang: Lang,
  now = new Date(),
): Promise<ReportInput> {
  const instrument = await instrumentOf(db, round.instrument);
  // Outside the transaction: the prepared peers are shared by every report of the round.
  const peers = await roundPeers(db, round, instrument, organisation.name);
  return db.transaction(
    async (tx) => {
      const [own, rounds, targets, plan] = await Promise.all([
        loadOrganisationRoundData(tx, round.id, organisation),
        listOrganisationRounds(tx, organisation.id),
        listCompetencyTargets(tx, { organisationId: organisation.id, roundId: round.id }),
        listPlanItems(tx, { organisationId: organisation.id, roundId: round.id }),
      ]);
      const organisations: RoundOrganisation[] = own
        ? [{ ...own, type: organisation.type, sizeBand: organisation.sizeBand }]
        : [];

      // Earlier rounds of the same instrument, in the order the rounds were made.
      const at = rounds.findIndex((r) => r.id === round.id);
      const earlier = (at < 0 ? [] : rounds.slice(0, at)).filter(
        (r) => r.instrument.id === round.instrument.id,
      );
      const history: HistoryRound[] = [];
      for (const r of earlier) {
        const data = await loadOrganisationRoundData(tx, r.id, organisation);
        if (data)
          history.push({ round: roundInfo(r), instrument: await instrumentOf(tx, r.instrument), data });
      }
      const last = earlier[earlier.length - 1];
      const previousTargets = last
        ? {
            round: roundInfo(last),
            targets: await listCompetencyTargets(tx, { organisationId: organisation.id, roundId: last.id }),
          }
        : null;

      return {
        instrument,
        lang,
        generatedAt: now.toISOString(),
        round: roundInfo(round),
        organisation: organisation.name,
        organisations,
        peers,
        history,
        targets,
        previousTargets,
        plan,
      };
    },
    { isolation: 'repeatable read' },
  );
}

export async function organisationReport(
  db: Db,
  round: Round,
  organisation: Organisation,
  lang: Lang,
  now = new Date(),
): Promise<OrganisationReport> {
  return buildOrganisationReport(await loadReportInput(db, round, organisation, lang, now));
}
