/**
 * One organisation's own priority list, by the same rule as the round's (a share of the
 * respondents who ranked at least one option, then the lower mean rank, then the instrument's
 * order: assemble.ts `rankPlaces`), over its respondents in a group or all of them. For the
 * organisation's own report: it is about its own leaders and never published.
 */
import type { RespondentData } from '../exchange/types.ts';
import type { Instrument } from '../instrument/types.ts';
import { conditionHolds } from '../answers/conditions.ts';
import { rankPlaces } from './assemble.ts';

export interface OwnPriority {
  readonly option: string;
  readonly share: number;
  readonly meanRank: number | null;
  readonly place: number;
}

export interface OwnPriorities {
  /** Respondents (of the group) who ranked at least one option. */
  readonly respondents: number;
  /** In the instrument's order. */
  readonly rows: readonly OwnPriority[];
}

const isRank = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function ownPriorities(
  instrument: Instrument,
  rankingItem: string,
  respondents: readonly RespondentData[],
  group: string | null = null,
): OwnPriorities | null {
  const item = instrument.itemById.get(rankingItem);
  if (item?.def.type !== 'ranking') return null;
  const where = group === null ? null : instrument.respondentGroups.find((g) => g.id === group)?.where;
  if (group !== null && !where) return null;
  const members = respondents.filter((r) => !where || conditionHolds(where, r.answers));
  const options = item.def.options;
  const ranked = members.filter((r) => options.some((o) => isRank(r.answers[o.answer])));
  const stats = options.map((o) => {
    const ranks = ranked.map((r) => r.answers[o.answer]).filter(isRank);
    return {
      option: o.value,
      share: ranked.length === 0 ? 0 : ranks.length / ranked.length,
      meanRank: ranks.length === 0 ? null : ranks.reduce((a, b) => a + b, 0) / ranks.length,
    };
  });
  const places = rankPlaces(stats);
  return { respondents: ranked.length, rows: stats.map((s, i) => ({ ...s, place: places[i]! })) };
}
