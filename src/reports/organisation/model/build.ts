/**
 * Builds the organisation report from pure inputs (the round's data, the organisation's
 * earlier rounds, its targets and plan): the core's analysis, the peer benchmark under
 * disclosure control, and every text in the report's language. No I/O: `load.ts` gathers the
 * inputs, the views (HTML, PDF, XLSX, JSON) only present the result.
 */
import { analyseOrganisation } from '../../../core/analyse.ts';
import type { BenchmarkOrganisation } from '../../../core/benchmark/groups.ts';
import { scoreOrganisation } from '../../../core/scoring/organisation.ts';
import { localize } from '../../../i18n/i18n.ts';
import { adviceEntries, divergenceSection, planEntries } from './advice.ts';
import { comparePeers, preparePeers, rankingSection } from './benchmark.ts';
import { roundTitle, sectorLabel, sizeBandLabel, typeLabel } from './labels.ts';
import { targetsSection, trendSection } from './history.ts';
import { domainsSection, profileSection, summarySection } from './summary.ts';
import { REPORT_FORMAT, type OrganisationReport, type ReportInput } from './types.ts';

export class UnknownOrganisationError extends Error {
  constructor(readonly organisation: string) {
    super(`${organisation} has no answers in this round`);
  }
}

export function buildOrganisationReport(input: ReportInput): OrganisationReport {
  const { instrument, lang, round } = input;
  const org = input.organisations.find((o) => o.name === input.organisation);
  if (!org) throw new UnknownOrganisationError(input.organisation);

  const analysis = analyseOrganisation(instrument, org);
  const { score } = analysis;
  const own: BenchmarkOrganisation = {
    name: org.name,
    sector: org.sector,
    type: org.type,
    sizeBand: org.sizeBand,
    values: score.values,
  };
  const prepared =
    input.peers !== undefined
      ? input.peers
      : preparePeers(
          instrument,
          input.organisations.map((o) =>
            o === org ? own : { ...o, values: scoreOrganisation(instrument, o).values },
          ),
          round.kMin,
        );
  const comparison = comparePeers(instrument, prepared, own, round.kMin, lang);

  return {
    format: REPORT_FORMAT,
    lang,
    generatedAt: input.generatedAt,
    instrument: {
      id: instrument.id,
      version: instrument.version,
      title: localize(instrument.def.title, lang),
      source: localize(instrument.def.source, lang),
    },
    round: { name: round.name, title: roundTitle(round, lang), status: round.status, kMin: round.kMin },
    organisation: {
      name: org.name,
      sector: org.sector,
      sectorLabel: sectorLabel(org.sector, lang),
      type: org.type,
      typeLabel: typeLabel(org.type, lang),
      sizeBand: org.sizeBand,
      sizeBandLabel: sizeBandLabel(org.sizeBand, lang),
    },
    summary: summarySection(instrument, score, lang),
    profile: profileSection(instrument, score, comparison, input.targets, lang),
    ranking: rankingSection(instrument, score.values, score.ranking, comparison, lang),
    domains: domainsSection(instrument, score, analysis.advice, lang),
    benchmark: comparison.section,
    divergence: divergenceSection(instrument, analysis.divergence, lang),
    advice: adviceEntries(instrument, analysis.advice, input.plan, lang),
    plan: planEntries(instrument, input.plan, lang),
    targets: targetsSection(instrument, score, input.targets, input.previousTargets, lang),
    trend: trendSection(instrument, round, score, input.history, lang),
  };
}
