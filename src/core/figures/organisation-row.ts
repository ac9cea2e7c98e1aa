/**
 * One organisation's row of the value layout, computed from its respondents' answers. This is
 * the only place an organisation's answers become numbers; everything over organisations
 * starts from these rows.
 */
import { conditionHolds } from '../answers/conditions.ts';
import { isMissing } from '../answers/values.ts';
import type { RespondentData } from '../exchange/types.ts';
import { flagValue } from '../flags/flags.ts';
import { slotNumber } from '../instrument/scored-choice.ts';
import type { Instrument } from '../instrument/types.ts';
import { evaluateMeasures, type Values } from '../scoring/measures.ts';
import { placeStage } from '../stages/place.ts';
import { valueLayout } from './layout.ts';

export interface OrganisationRow {
  readonly respondents: number;
  /** Stage id, or null when not even the first stage's requirements hold (or no stages). */
  readonly stage: string | null;
  /** Every value of the layout, in order; NaN where there is none. */
  readonly values: Float64Array;
}

/** Means of every numeric answer over the respondents who gave it, then every measure. */
export function meanValues(instrument: Instrument, respondents: readonly RespondentData[]): Values {
  const ids = valueLayout(instrument).numeric;
  const slots = ids.map((id) => instrument.slotById.get(id));
  const sums = new Float64Array(ids.length);
  const counts = new Uint32Array(ids.length);
  for (const r of respondents) {
    for (let k = 0; k < ids.length; k++) {
      const v = slotNumber(slots[k], r.answers[ids[k]!]);
      if (v !== null) {
        sums[k]! += v;
        counts[k]!++;
      }
    }
  }
  return evaluateMeasures(instrument, (_id, k) => (counts[k]! === 0 ? null : sums[k]! / counts[k]!));
}

/** How many respondents gave each numeric answer. */
export function answeredCounts(
  instrument: Instrument,
  respondents: readonly RespondentData[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of valueLayout(instrument).numeric) {
    let n = 0;
    const slot = instrument.slotById.get(id);
    for (const r of respondents) if (slotNumber(slot, r.answers[id]) !== null) n++;
    out[id] = n;
  }
  return out;
}

const chose = (value: unknown, option: string) =>
  value === option || (Array.isArray(value) && value.includes(option));
const ranked = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

export function organisationRow(
  instrument: Instrument,
  respondents: readonly RespondentData[],
): OrganisationRow {
  const layout = valueLayout(instrument);
  const values = new Float64Array(layout.ids.length).fill(Number.NaN);
  const means = meanValues(instrument, respondents);
  const groups = new Map(instrument.respondentGroups.map((g) => [g.id, g]));
  const membersOf = new Map<string, readonly RespondentData[]>();
  const members = (group: string): readonly RespondentData[] => {
    let m = membersOf.get(group);
    if (!m) {
      const def = groups.get(group);
      m = def ? respondents.filter((r) => conditionHolds(def.where, r.answers)) : respondents;
      membersOf.set(group, m);
    }
    return m;
  };
  const groupMeans = new Map<string, Values>();
  const count = (rs: readonly RespondentData[], test: (r: RespondentData) => boolean) => {
    let n = 0;
    for (const r of rs) if (test(r)) n++;
    return n;
  };
  const rankingAnswered = (rs: readonly RespondentData[], item: string) => {
    const slots = instrument.itemById.get(item)?.slots ?? [];
    return count(rs, (r) => slots.some((s) => ranked(r.answers[s.id])));
  };

  layout.stats.forEach((stat, i) => {
    let v: number | null = null;
    switch (stat.kind) {
      case 'mean':
      case 'measure':
        v = means[stat.id] ?? null;
        break;
      case 'flag':
        v = flagValue(instrument.def.flags[stat.index]!, respondents);
        break;
      case 'share': {
        const answered = count(respondents, (r) => !isMissing(r.answers[stat.slot]));
        v =
          answered === 0
            ? null
            : count(respondents, (r) => chose(r.answers[stat.slot], stat.option)) / answered;
        break;
      }
      case 'ranked': {
        const answered = rankingAnswered(respondents, stat.item);
        v = answered === 0 ? null : count(respondents, (r) => ranked(r.answers[stat.slot])) / answered;
        break;
      }
      case 'groupSize':
        v = members(stat.group).length;
        break;
      case 'groupMean': {
        let gm = groupMeans.get(stat.group);
        if (!gm) groupMeans.set(stat.group, (gm = meanValues(instrument, members(stat.group))));
        v = gm[stat.id] ?? null;
        break;
      }
      case 'answered': {
        const item = instrument.itemById.get(stat.item);
        v =
          item?.def.type === 'ranking'
            ? rankingAnswered(members(stat.group), stat.item)
            : count(members(stat.group), (r) => !isMissing(r.answers[stat.item]));
        break;
      }
      case 'chosen':
        v =
          stat.option === undefined
            ? count(members(stat.group), (r) => ranked(r.answers[stat.slot]))
            : count(members(stat.group), (r) => chose(r.answers[stat.slot], stat.option!));
        break;
      case 'rankSum': {
        let sum = 0;
        for (const r of members(stat.group)) {
          const x = r.answers[stat.slot];
          if (ranked(x)) sum += x as number;
        }
        v = sum;
        break;
      }
    }
    if (v !== null) values[i] = v;
  });
  return {
    respondents: respondents.length,
    stage: instrument.def.stages.length > 0 ? placeStage(instrument, means).stage : null,
    values,
  };
}

export interface ChoiceShares {
  readonly item: string;
  /** Respondents who answered the item. */
  readonly answered: number;
  /** Share (0–1) of them who chose each option, in the item's order. */
  readonly shares: readonly { readonly option: string; readonly share: number }[];
}

/** Within one organisation: every choice item's shares over the respondents who answered it. */
export function choiceShares(instrument: Instrument, respondents: readonly RespondentData[]): ChoiceShares[] {
  const out: ChoiceShares[] = [];
  for (const slot of instrument.slotById.values()) {
    if (slot.kind !== 'choice') continue;
    const given = respondents.filter((r) => !isMissing(r.answers[slot.id]));
    out.push({
      item: slot.id,
      answered: given.length,
      shares: slot.values.map((option) => ({
        option,
        share:
          given.length === 0
            ? 0
            : given.filter((r) => chose(r.answers[slot.id], option)).length / given.length,
      })),
    });
  }
  return out;
}
