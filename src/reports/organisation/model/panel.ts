/**
 * The panel part of an organisation's report (the organisation panel `it-i-praksis` and any
 * instrument with a priority list counted over respondents): its leaders' priority list beside
 * its peers' lists, its profile (technologies, barriers, approaches) beside its peers' shares,
 * and the advice the instrument declares for its own values. Peers are its sector as the
 * release shows it, else the whole round; their numbers come only from the release.
 */
import { choiceShares } from '../../../core/figures/organisation-row.ts';
import { ownPriorities } from '../../../core/figures/own-priorities.ts';
import { profileAdvice } from '../../../core/advice/profile-advice.ts';
import type { Json } from '../../../core/figures/assemble.ts';
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import { publicationFigures } from '../../../core/release/read.ts';
import { refLabel } from '../../../i18n/explain.ts';
import { localize } from '../../../i18n/i18n.ts';
import { optionLabel } from '../../figures/labels.ts';
import type { ReportInput } from './types.ts';

export interface PanelPriorityRow {
  readonly option: string;
  readonly label: string;
  /** The organisation's own lists: all its leaders, then each group with enough respondents. */
  readonly own: Readonly<Record<string, { readonly share: number; readonly place: number } | null>>;
  /** The peers' place per respondent group (null: not shown). */
  readonly peers: Readonly<Record<string, number | null>>;
}

export interface PanelSection {
  /** The peer group (`sector:kommune` or `all`), null when the release shows none. */
  readonly peerGroup: string | null;
  /** Own numbers are held back below the round's respondent minimum. */
  readonly hidden: boolean;
  readonly respondentMin: number;
  readonly priorities: {
    readonly figure: string;
    readonly title: string;
    /** Own columns: `all`, then group ids; with their respondents who ranked. */
    readonly ownColumns: readonly {
      readonly id: string;
      readonly label: string;
      readonly respondents: number;
    }[];
    readonly peerColumns: readonly { readonly id: string; readonly label: string }[];
    /** In the order of the organisation's own list. */
    readonly rows: readonly PanelPriorityRow[];
  } | null;
  readonly profile: readonly {
    readonly item: string;
    readonly label: string;
    readonly answered: number;
    readonly rows: readonly {
      readonly option: string;
      readonly label: string;
      readonly own: number;
      readonly peers: number | null;
    }[];
  }[];
  readonly advice: readonly { readonly id: string; readonly title: string; readonly text: string }[];
}

type Obj = { readonly [key: string]: Json };
const obj = (x: Json | undefined): Obj => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : {});
const num = (x: Json | undefined): number | null => (typeof x === 'number' ? x : null);

export function panelSection(input: ReportInput, allLabel: string): PanelSection | null {
  const { instrument, lang } = input;
  const ranking = instrument.figures.find((f) => f.ranking !== undefined && f.per === 'respondent');
  if (!ranking && instrument.def.profileAdvice.length === 0) return null;
  const respondents = input.version.data.respondents;
  const min = input.round.respondentMin;
  const hidden = respondents.length < min;

  const sector = input.peers.find((p) => p.state.kind === 'sector' && p.state.publication?.sector);
  const peerGroup = sector ? sector.state.group : input.roundFigures ? 'all' : null;
  const peerFigures: Record<string, Json> | null = sector
    ? publicationFigures(instrument, sector.state.publication!)
    : input.roundFigures;

  let priorities: PanelSection['priorities'] = null;
  if (ranking && !hidden) {
    const groups = ranking.groups ?? [];
    const lists = [
      { id: 'all', label: allLabel, list: ownPriorities(instrument, ranking.ranking!, respondents) },
      ...groups.map((g) => ({
        id: g,
        label: groupName(instrument, g, lang),
        list: ownPriorities(instrument, ranking.ranking!, respondents, g),
      })),
    ].filter((l) => l.list !== null);
    const all = lists[0]?.id === 'all' ? lists[0].list! : null;
    // A group's own list is shown only when neither it nor what the other lists leave of the
    // organisation's leaders is fewer than the respondent minimum (else one leader's ranking
    // could be read off as the difference of two lists).
    const total = all?.respondents ?? 0;
    const ok = (n: number) => n === 0 || n >= min;
    let shownGroups = lists
      .slice(1)
      .filter((l) => l.list!.respondents >= min && ok(total - l.list!.respondents));
    const rest = (ls: typeof lists) => total - ls.reduce((n, l) => n + l.list!.respondents, 0);
    if (!ok(rest(shownGroups))) shownGroups = shownGroups.filter((l) => ok(rest([l]))).slice(0, 1);
    lists.splice(1, lists.length - 1, ...shownGroups);
    const data = obj(peerFigures?.[ranking.id]);
    const peerColumns = (groups.length > 0 ? groups : [null]).map((g) => ({
      id: g ?? 'all',
      label: g === null ? allLabel : groupName(instrument, g, lang),
    }));
    const rows = (all?.rows ?? []).map((r) => ({
      option: r.option,
      label: optionLabel(instrument, ranking.ranking!, r.option, lang),
      own: Object.fromEntries(
        lists.map((l) => {
          const row = l.list!.rows.find((x) => x.option === r.option)!;
          return [l.id, { share: row.share, place: row.place }];
        }),
      ),
      peers: Object.fromEntries(
        peerColumns.map((c) => [
          c.id,
          num(
            c.id === 'all' && groups.length === 0
              ? obj(data[r.option]).place
              : obj(obj(data[r.option])[c.id]).place,
          ),
        ]),
      ),
    }));
    if (all && all.respondents >= min) {
      rows.sort((a, b) => a.own.all!.place - b.own.all!.place);
      priorities = {
        figure: ranking.id,
        title: localize(ranking.title, lang) || ranking.id,
        ownColumns: lists.map((l) => ({ id: l.id, label: l.label, respondents: l.list!.respondents })),
        peerColumns,
        rows,
      };
    }
  }

  const sharesFigure = instrument.figures.find((f) => f.shares && f.per !== 'respondent');
  const own = hidden ? [] : choiceShares(instrument, respondents);
  const peerShares = obj(sharesFigure ? peerFigures?.[sharesFigure.id] : undefined);
  const profile = (sharesFigure?.shares ?? []).flatMap((item) => {
    const mine = own.find((c) => c.item === item);
    if (!mine || mine.answered === 0) return [];
    return [
      {
        item,
        label: refLabel(instrument, item, lang),
        answered: mine.answered,
        rows: mine.shares.map((s) => ({
          option: s.option,
          label: optionLabel(instrument, item, s.option, lang),
          own: s.share,
          peers: num(obj(peerShares[item])[s.option]),
        })),
      },
    ];
  });

  const advice = hidden
    ? []
    : profileAdvice(instrument, respondents).map((a) => ({
        id: a.advice.id,
        title: localize(a.advice.title, lang),
        text: localize(a.advice.text, lang),
      }));
  return { peerGroup, hidden, respondentMin: min, priorities, profile, advice };
}

const groupName = (instrument: Instrument, id: string, lang: Lang) =>
  localize(instrument.respondentGroups.find((g) => g.id === id)?.label, lang) || id;
