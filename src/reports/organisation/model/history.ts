/** The organisation over time: its targets (distance now, met or not since last round) and its trend. */
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import { scoreOrganisation, type OrganisationScore } from '../../../core/scoring/organisation.ts';
import { targetStatus, type CompetencyTarget } from '../../../core/targets/targets.ts';
import { stageLabel } from '../../../i18n/explain.ts';
import { localize } from '../../../i18n/i18n.ts';
import { competencyScale, roundTitle } from './labels.ts';
import type {
  HistoryRound,
  RoundInfo,
  TargetRow,
  TargetsSection,
  TrendRound,
  TrendSection,
} from './types.ts';

export function targetsSection(
  instrument: Instrument,
  score: OrganisationScore,
  targets: readonly CompetencyTarget[],
  previous: { round: RoundInfo; targets: readonly CompetencyTarget[] } | null,
  lang: Lang,
): TargetsSection {
  const label = (id: string) => localize(instrument.def.competencies.find((c) => c.id === id)?.label, lang);
  const now = new Map(targetStatus(instrument, score.values, targets).map((s) => [s.competency, s]));
  const current: TargetRow[] = instrument.def.competencies.map((c) => {
    const s = now.get(c.id);
    return {
      competency: c.id,
      label: label(c.id),
      score: score.values[c.score] ?? null,
      target: s?.target ?? null,
      distance: s?.distance ?? null,
      met: s?.met ?? null,
    };
  });
  return {
    scale: competencyScale(instrument),
    current,
    previous:
      previous && previous.targets.length > 0
        ? {
            round: previous.round.name,
            roundTitle: roundTitle(previous.round, lang),
            rows: targetStatus(instrument, score.values, previous.targets).map((s) => ({
              ...s,
              label: label(s.competency),
            })),
          }
        : null,
  };
}

function trendRound(
  instrument: Instrument,
  reportInstrument: Instrument,
  round: RoundInfo,
  score: OrganisationScore,
  current: boolean,
  lang: Lang,
): TrendRound {
  // Matched by competency and domain id, so a later instrument version lines up with an earlier one.
  const value = (ref: string | undefined) => (ref === undefined ? null : (score.values[ref] ?? null));
  const stage = score.stage?.stage ?? null;
  return {
    name: round.name,
    title: roundTitle(round, lang),
    current,
    respondents: score.respondents,
    index: score.index,
    stage,
    stageLabel: stage === null ? null : stageLabel(instrument, stage, lang),
    competencies: Object.fromEntries(
      reportInstrument.def.competencies.map((c) => [
        c.id,
        value(instrument.def.competencies.find((x) => x.id === c.id)?.score),
      ]),
    ),
    domains: Object.fromEntries(
      reportInstrument.def.domains.map((d) => [
        d.id,
        value(instrument.def.domains.find((x) => x.id === d.id)?.effort),
      ]),
    ),
  };
}

export function trendSection(
  instrument: Instrument,
  round: RoundInfo,
  score: OrganisationScore,
  history: readonly HistoryRound[],
  lang: Lang,
): TrendSection {
  return {
    rounds: [
      ...history.map((h) =>
        trendRound(h.instrument, instrument, h.round, scoreOrganisation(h.instrument, h.data), false, lang),
      ),
      trendRound(instrument, instrument, round, score, true, lang),
    ],
    competencies: instrument.def.competencies.map((c) => ({ id: c.id, label: localize(c.label, lang) })),
    domains: instrument.def.domains.map((d) => ({ id: d.id, label: localize(d.label, lang) })),
  };
}
