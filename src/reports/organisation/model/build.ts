/**
 * Builds the organisation report from pure inputs: the organisation's released version (its
 * own answers as released), its peer groups in the release, the round's figures, earlier
 * rounds, targets and plan. No I/O: the service gathers the inputs, the views (HTML, PDF,
 * XLSX, JSON) only present the result.
 */
import { analyseOrganisation } from '../../../core/analyse.ts';
import { planIsEditable } from '../../../core/plans/plan.ts';
import { localize } from '../../../i18n/i18n.ts';
import { reportT } from '../../../i18n/report.ts';
import { adviceEntries, comparisonSections, planEntries, practicesSection } from './advice.ts';
import { comparePeers, rankingSection } from './benchmark.ts';
import { roundTitle, sectorLabel, sizeBandLabel, typeLabel } from './labels.ts';
import { targetsSection, trendSection } from './history.ts';
import { boardSummary } from './board.ts';
import { scoreOrganisation } from '../../../core/scoring/organisation.ts';
import { answersSection } from './own-answers.ts';
import { panelSection } from './panel.ts';
import { markPlanInPortfolio, portfolioSection } from './portfolio.ts';
import { referenceSection } from './references.ts';
import { domainsSection, profileSection, summarySection } from './summary.ts';
import { REPORT_FORMAT, type OrganisationReport, type ReportInput } from './types.ts';

export function buildOrganisationReport(input: ReportInput): OrganisationReport {
  const { instrument, lang, round, version } = input;
  const t = reportT(lang);
  const org = version.data;
  const analysis = analyseOrganisation(
    instrument,
    org,
    Object.fromEntries(Object.entries(version.comparisons).map(([id, v]) => [id, v.rows])),
  );
  const { score } = analysis;
  const comparison = comparePeers(
    instrument,
    input.release,
    input.peers,
    { sector: input.organisation.sector, sizeBand: input.organisation.sizeBand, values: score.values },
    round.kMin,
    lang,
  );
  const notes: string[] = [];
  if (org.respondents.length < round.respondentMin)
    notes.push(t('release.fewRespondents', { count: org.respondents.length, min: round.respondentMin }));
  if (version.waiting > 0)
    notes.push(t('release.waiting', { count: version.waiting, min: round.respondentMin }));
  if (input.peers.some((p) => p.state.publication && p.state.publication.release !== input.release.number))
    notes.push(t('release.keptGroups', { k: round.kMin }));

  const domains = domainsSection(instrument, score, analysis.advice, lang);
  const advice = adviceEntries(instrument, analysis.advice, input.plan, lang, input.related);
  const portfolio = input.portfolio ?? null;
  const last = input.history.at(-1);
  const lastScore = last ? scoreOrganisation(last.instrument, last.data) : null;
  const board = boardSummary({
    instrument,
    lang,
    respondentMin: round.respondentMin,
    data: org,
    index: score.index,
    values: score.values,
    stage: score.stage?.stage ?? null,
    benchmark: comparison.section,
    domains,
    advice,
    plan: input.plan,
    participation: input.participation ?? null,
    previous:
      last && lastScore
        ? {
            round: last.round,
            title: roundTitle(last.round, lang),
            instrument: last.instrument,
            data: last.data,
            values: lastScore.values,
            index: lastScore.index,
          }
        : null,
  });

  const panel = panelSection(input, t('panel.allLeaders'));
  return {
    format: REPORT_FORMAT,
    ...(panel ? { panel } : {}),
    lang,
    generatedAt: input.generatedAt,
    instrument: {
      id: instrument.id,
      version: instrument.version,
      title: localize(instrument.def.title, lang),
      source: localize(instrument.def.source, lang),
    },
    round: {
      name: round.name,
      title: roundTitle(round, lang),
      status: round.status,
      kMin: round.kMin,
      respondentMin: round.respondentMin,
    },
    release: {
      ...input.release,
      version: {
        release: version.release,
        at: version.at,
        respondents: org.respondents.length,
        waiting: version.waiting,
      },
      notes,
    },
    organisation: {
      name: input.organisation.name,
      sector: input.organisation.sector,
      sectorLabel: sectorLabel(input.organisation.sector, lang),
      type: input.organisation.type,
      typeLabel: typeLabel(input.organisation.type, lang),
      sizeBand: input.organisation.sizeBand,
      sizeBandLabel: sizeBandLabel(input.organisation.sizeBand, lang),
    },
    summary: { ...summarySection(instrument, score, lang), board },
    profile: profileSection(instrument, score, comparison, input.targets, lang),
    ranking: rankingSection(instrument, score.values, score.ranking, comparison, lang),
    domains,
    benchmark: comparison.section,
    comparisons: comparisonSections(
      instrument,
      analysis.comparisons,
      version.comparisons,
      round.respondentMin,
      lang,
    ),
    answers: answersSection(instrument, org, round.respondentMin, lang),
    references: referenceSection(instrument, score, input.roundFigures, round.kMin, lang),
    advice,
    practices: practicesSection(instrument, analysis.advice, lang),
    plan: markPlanInPortfolio(planEntries(instrument, input.plan, input.generatedAt, lang), portfolio),
    planEditable: planIsEditable(round.status),
    portfolio: portfolio ? portfolioSection(board.gaps, advice, portfolio, lang) : null,
    targets: targetsSection(instrument, score, input.targets, input.previousTargets, lang),
    trend: trendSection(instrument, round, score, input.history, lang),
  };
}
