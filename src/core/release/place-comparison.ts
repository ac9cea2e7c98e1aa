/**
 * Where groups disagree on a priority list (the seed's "customer service is the CEOs' 3rd
 * priority and the CIOs' 12th"): for every ranking figure, each option's place in one group
 * beside its place in another, and the gap, the largest disagreements first. Three kinds:
 *
 * - `groups`: the figure's two respondent groups across the round (gap = first − second, the
 *   figure's own `placeGap`);
 * - `best-rest`: best-practice organisations against the rest, per respondent group (gap =
 *   best − rest);
 * - `sectors`: every sector the release shows side by side, per respondent group (gap = the
 *   spread, highest place − lowest place).
 *
 * Only the priority lists (ranking figures counted `per: respondent`, as the panels' are):
 * an organisation-level ranking (dt-offentlig's competencies) is compared by its own figures.
 *
 * Places are read from the publications as shown (src/core/release/read.ts): a place exists
 * only where its share is shown, so nothing here discloses more than the figures do.
 */
import type { Json } from '../figures/assemble.ts';
import type { FigureDef } from '../instrument/schema.ts';
import type { Instrument } from '../instrument/types.ts';
import { publicationFigures } from './read.ts';
import type { ReleaseContent } from './types.ts';

export type PlaceComparisonKind = 'groups' | 'best-rest' | 'sectors';

export interface PlaceRow {
  readonly option: string;
  /** The option's place in each column's list (null: not shown there). */
  readonly places: Readonly<Record<string, number | null>>;
  /** Two columns: first − second; more: highest − lowest place. Null unless every column has a place. */
  readonly gap: number | null;
}

export interface PlaceComparison {
  readonly figure: string;
  readonly kind: PlaceComparisonKind;
  /** The respondent group the places are of (null for `groups`, whose columns are the groups). */
  readonly respondentGroup: string | null;
  /** Respondent groups (`groups`) or release groups (`best`, `rest`, `sector:kommune`). */
  readonly columns: readonly string[];
  /** Largest gap first; rows without a gap last; ties in the instrument's order. */
  readonly rows: readonly PlaceRow[];
}

type Obj = { readonly [key: string]: Json };
const obj = (x: Json | undefined): Obj => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : {});
const num = (x: Json | undefined): number | null => (typeof x === 'number' ? x : null);

/** Every place comparison the release allows, for every ranking figure of the instrument. */
export function placeComparisons(instrument: Instrument, content: ReleaseContent): PlaceComparison[] {
  const shown = new Map<string, Record<string, Json>>();
  for (const g of content.groups)
    if (g.publication?.sector) shown.set(g.group, publicationFigures(instrument, g.publication));
  const sectors = [...shown.keys()].filter((g) => g.startsWith('sector:')).sort();
  const out: PlaceComparison[] = [];
  for (const figure of instrument.figures) {
    const item = figure.ranking === undefined ? undefined : instrument.itemById.get(figure.ranking);
    if (item?.def.type !== 'ranking' || figure.per !== 'respondent') continue;
    const options = item.def.options.map((o) => o.value);
    const placeIn = (group: string, respondentGroup: string | null) => (option: string) => {
      const node = obj(obj(shown.get(group)?.[figure.id])[option]);
      return num(respondentGroup === null ? node.place : obj(node[respondentGroup]).place);
    };
    const groups = figure.groups ?? null;
    const all = shown.has('all');
    if (groups?.length === 2 && all)
      out.push(build(figure, 'groups', null, groups, options, (column) => placeIn('all', column)));
    for (const g of groups ?? [null]) {
      if (shown.has('best') && shown.has('rest'))
        out.push(build(figure, 'best-rest', g, ['best', 'rest'], options, (c) => placeIn(c, g)));
      if (sectors.length >= 2) out.push(build(figure, 'sectors', g, sectors, options, (c) => placeIn(c, g)));
    }
  }
  return out;
}

function build(
  figure: FigureDef,
  kind: PlaceComparisonKind,
  respondentGroup: string | null,
  columns: readonly string[],
  options: readonly string[],
  placeOf: (column: string) => (option: string) => number | null,
): PlaceComparison {
  const readers = columns.map((c) => [c, placeOf(c)] as const);
  const rows = options.map((option, i) => {
    const places = Object.fromEntries(readers.map(([c, read]) => [c, read(option)]));
    const values = columns.map((c) => places[c]!);
    const complete = values.every((v) => v !== null) ? (values as number[]) : null;
    const gap =
      complete === null
        ? null
        : complete.length === 2
          ? complete[0]! - complete[1]!
          : Math.max(...complete) - Math.min(...complete);
    return { row: { option, places, gap }, i };
  });
  rows.sort(
    (a, b) =>
      (a.row.gap === null ? 1 : 0) - (b.row.gap === null ? 1 : 0) ||
      Math.abs(b.row.gap ?? 0) - Math.abs(a.row.gap ?? 0) ||
      a.i - b.i,
  );
  return { figure: figure.id, kind, respondentGroup, columns, rows: rows.map((r) => r.row) };
}

/** The comparisons as the figures' JSON carries them (`placeComparisons`). */
export function placeComparisonsJson(comparisons: readonly PlaceComparison[]): Json {
  return comparisons.map((c) => ({
    figure: c.figure,
    kind: c.kind,
    respondentGroup: c.respondentGroup,
    columns: [...c.columns],
    rows: c.rows.map((r) => ({ option: r.option, places: { ...r.places }, gap: r.gap })),
  }));
}
