/**
 * The groups of organisations a release publishes figures for, and the rule that says who is
 * in each (a predicate, stored with the publication so that its members can be found again
 * from the versions it was computed over).
 *
 * Kinds: the whole round; each sector; each size band of a sector; each "most similar" cluster
 * (nearest on sector, type and size band, merged until big enough); the best-practice group
 * (the top share by a value) and, for the sector report, the rest; and each organisation's
 * official comparison set (the organisation and the organisations listed for it). Groups of
 * one kind never overlap, except comparison sets, so a kind partitions the round (best
 * practice and the rest together do too; size bands only the organisations that have one).
 * Comparison sets overlap by nature: the release's overlap rule (build.ts) keeps any two
 * shown sets at least k organisations apart, like every other pair of groups.
 */
import type { UnitTable } from '../figures/table.ts';
import { quantile } from '../figures/quantiles.ts';

export const GROUP_KINDS = ['all', 'sector', 'best', 'rest', 'size', 'similar', 'comparison'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** Which figures a kind gets: peer comparisons (quartiles) and/or the sector report. */
export const PEER_KINDS: readonly GroupKind[] = ['all', 'sector', 'size', 'similar', 'comparison', 'best'];
export const SECTOR_KINDS: readonly GroupKind[] = ['all', 'sector', 'best', 'rest'];

export type GroupPredicate =
  | { readonly all: true }
  /** A size band is named with its sector (`kommune/small`): limits differ by sector. */
  | { readonly attribute: 'sector' | 'sizeBand'; readonly equals: string }
  | { readonly cells: readonly string[] }
  /** An organisation's official comparison set: the organisation (`owner`) and its listed peers. */
  | { readonly owner: number; readonly units: readonly number[] }
  /**
   * Defined by answers: the top `share` of the round's organisations by `ref` (or the rest).
   * The threshold is not stored: it is worked out again from the versions the group is taken
   * from, so that no release carries a number that may be one organisation's own value.
   */
  | { readonly ref: string; readonly top: number }
  | { readonly ref: string; readonly rest: number };

export interface GroupDefinition {
  /**
   * Stable id: `all`, `sector:kommune`, `size:kommune/small`, `similar:kommune/kommune/small+…`
   * (`none` for an attribute an organisation lacks), `best`, `rest`, `comparison:<organisation id>`.
   */
  readonly id: string;
  readonly kind: GroupKind;
  readonly predicate: GroupPredicate;
}

/** An organisation's official comparison set (e.g. KL's comparison municipalities). */
export interface ComparisonSet {
  readonly organisation: number;
  /** The organisations listed for it (itself is added). */
  readonly members: readonly number[];
}

export interface GroupOptions {
  readonly similarGroupSize: number;
  readonly bestPractice: { readonly ref: string; readonly topShare: number } | null;
  readonly comparisonSets?: readonly ComparisonSet[];
  /** A size band's place among its sector's bands (smallest 0, unknown -1): "nearest" size. */
  readonly bandOrder?: (sector: string, band: string) => number;
}

/** What a cell says for an attribute an organisation lacks. */
export const NONE = 'none';
// Releases made before the placeholder was `none` stored `?`: they must keep their members.
const normaliseCell = (cell: string) => cell.replaceAll('/?', `/${NONE}`);

const cellOf = (t: UnitTable, row: number) => {
  const a = t.rows[row]!.attributes;
  return `${a.sector}/${a.type ?? NONE}/${a.sizeBand ?? NONE}`;
};

const sizeKeyOf = (a: UnitTable['rows'][number]['attributes']) =>
  a.sizeBand === null ? null : `${a.sector}/${a.sizeBand}`;

/** Predicates on an organisation's public attributes (as opposed to its answers). */
export type AttributePredicate = Exclude<
  GroupPredicate,
  { readonly top: number } | { readonly rest: number }
>;

export const byAttributes = (p: GroupPredicate): p is AttributePredicate => !('top' in p || 'rest' in p);

/** Whether a row of the table belongs to a group defined by attributes. */
export function inGroup(table: UnitTable, row: number, p: AttributePredicate): boolean {
  if ('all' in p) return true;
  if ('attribute' in p) {
    const a = table.rows[row]!.attributes;
    if (p.attribute === 'sector') return a.sector === p.equals;
    // Releases made before bands were per sector name the band alone.
    return p.equals.includes('/') ? sizeKeyOf(a) === p.equals : a.sizeBand === p.equals;
  }
  if ('units' in p) return p.units.includes(table.rows[row]!.unit);
  const cell = cellOf(table, row);
  return p.cells.some((c) => normaliseCell(c) === cell);
}

/** The value from which an organisation is in the top `share` of `rows` by `ref`; null without values. */
export function topThreshold(
  table: UnitTable,
  rows: ArrayLike<number>,
  ref: string,
  share: number,
): number | null {
  const c = table.column(ref);
  const values: number[] = [];
  for (let i = 0; i < rows.length; i++) if (!Number.isNaN(c[rows[i]!]!)) values.push(c[rows[i]!]!);
  return quantile(
    values.sort((a, b) => a - b),
    1 - share,
  );
}

/** The rows of `rows` (the versions current at one release) that are in the group. */
export function membersOf(table: UnitTable, rows: ArrayLike<number>, p: GroupPredicate): Int32Array {
  const out: number[] = [];
  if (byAttributes(p)) {
    for (let i = 0; i < rows.length; i++) if (inGroup(table, rows[i]!, p)) out.push(rows[i]!);
    return Int32Array.from(out);
  }
  const top = 'top' in p;
  const threshold = topThreshold(table, rows, p.ref, top ? p.top : p.rest);
  const c = table.column(p.ref);
  for (let i = 0; i < rows.length; i++) {
    const v = c[rows[i]!]!;
    const above = threshold !== null && !Number.isNaN(v) && v >= threshold;
    if (above === top) out.push(rows[i]!);
  }
  return Int32Array.from(out);
}

/** Every group the release's organisations (`rows`) fall into, in priority order. */
export function groupDefinitions(
  table: UnitTable,
  rows: ArrayLike<number>,
  options: GroupOptions,
): GroupDefinition[] {
  const groups: GroupDefinition[] = [{ id: 'all', kind: 'all', predicate: { all: true } }];
  const distinct = (get: (row: number) => string | null) => {
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const v = get(rows[i]!);
      if (v !== null) seen.add(v);
    }
    return [...seen].sort();
  };
  for (const s of distinct((r) => table.rows[r]!.attributes.sector))
    groups.push({ id: `sector:${s}`, kind: 'sector', predicate: { attribute: 'sector', equals: s } });
  if (options.bestPractice) {
    const { ref, topShare } = options.bestPractice;
    if (topThreshold(table, rows, ref, topShare) !== null) {
      groups.push({ id: 'best', kind: 'best', predicate: { ref, top: topShare } });
      groups.push({ id: 'rest', kind: 'rest', predicate: { ref, rest: topShare } });
    }
  }
  for (const b of distinct((r) => sizeKeyOf(table.rows[r]!.attributes)))
    groups.push({ id: `size:${b}`, kind: 'size', predicate: { attribute: 'sizeBand', equals: b } });
  for (const cells of similarClusters(table, rows, options.similarGroupSize, options.bandOrder))
    groups.push({ id: `similar:${cells.join('+')}`, kind: 'similar', predicate: { cells } });
  for (const set of [...(options.comparisonSets ?? [])].sort((a, b) => a.organisation - b.organisation)) {
    const units = [...new Set([set.organisation, ...set.members])].sort((a, b) => a - b);
    groups.push({
      id: `comparison:${set.organisation}`,
      kind: 'comparison',
      predicate: { owner: set.organisation, units },
    });
  }
  return groups;
}

const SIZE_ORDER = ['small', 'medium', 'large'];
const defaultBandOrder = (_sector: string, band: string) => SIZE_ORDER.indexOf(band);

interface Cell {
  sector: string;
  type: string;
  size: string;
}

function distance(a: Cell, b: Cell, order: (sector: string, band: string) => number): number {
  const sa = order(a.sector, a.size);
  const sb = order(b.sector, b.size);
  const size = a.size === b.size ? 0 : sa >= 0 && sb >= 0 ? Math.abs(sa - sb) : 1;
  return (a.sector === b.sector ? 0 : 4) + (a.type === b.type ? 0 : 2) + size;
}

/**
 * Agglomerative: start from cells of equal (sector, type, size band); while a cluster is
 * below `minSize`, merge the closest such pair (a small cluster into its nearest cluster;
 * ties: the smaller cluster moves, into the larger one, then by key, so the result is stable).
 * Returns each cluster's cells, sorted.
 */
export function similarClusters(
  table: UnitTable,
  rows: ArrayLike<number>,
  minSize: number,
  order: (sector: string, band: string) => number = defaultBandOrder,
): string[][] {
  type Cluster = { cells: Cell[]; size: number; key: string };
  const byKey = new Map<string, Cluster>();
  for (let i = 0; i < rows.length; i++) {
    const a = table.rows[rows[i]!]!.attributes;
    const cell: Cell = { sector: a.sector, type: a.type ?? NONE, size: a.sizeBand ?? NONE };
    const key = `${cell.sector}/${cell.type}/${cell.size}`;
    const c = byKey.get(key);
    if (c) c.size++;
    else byKey.set(key, { cells: [cell], size: 1, key });
  }
  const list = [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  const between = (a: Cluster, b: Cluster) =>
    Math.min(...a.cells.flatMap((x) => b.cells.map((y) => distance(x, y, order))));
  while (list.length > 1) {
    let move: { from: Cluster; to: Cluster; d: number } | null = null;
    for (const from of list) {
      if (from.size >= minSize) continue;
      for (const to of list) {
        if (to === from) continue;
        const d = between(from, to);
        const better =
          move === null ||
          d < move.d ||
          (d === move.d &&
            (from.size < move.from.size ||
              (from.size === move.from.size &&
                (to.size > move.to.size ||
                  (to.size === move.to.size &&
                    (from.key + to.key).localeCompare(move.from.key + move.to.key) < 0)))));
        if (better) move = { from, to, d };
      }
    }
    if (!move) break;
    move.to.cells.push(...move.from.cells);
    move.to.size += move.from.size;
    list.splice(list.indexOf(move.from), 1);
  }
  return list.map((c) => c.cells.map((x) => `${x.sector}/${x.type}/${x.size}`).sort());
}
