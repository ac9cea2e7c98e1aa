/**
 * The open data set of a round: aggregated, k-anonymous tables, pure (no I/O). Every row says
 * how many organisations are behind it (`organisations`, always ≥ k); there is no free text,
 * only identifiers of the instrument and numbers. Groups: the whole round, each sector, the
 * best-practice group and the rest. See docs/rounds.md for the rules.
 */
import { checkK } from '../core/benchmark/benchmark.ts';
import { quantile } from '../core/benchmark/quantiles.ts';
import { SECTORS, type OrganisationData } from '../core/exchange/types.ts';
import type { SectorNode } from '../core/instrument/schema.ts';
import type { Instrument } from '../core/instrument/types.ts';
import { scoreOrganisation, type OrganisationScore } from '../core/scoring/organisation.ts';
import { mean, roundHalfUp } from '../core/util/stats.ts';
import { sectorDivergence, isSuppressed } from '../reports/sector/model.ts';
import { protectPartition, type Cell } from './suppress.ts';

export type CellValue = string | number | null;

export interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: CellValue[][];
}

export interface OpenData {
  readonly round: string;
  readonly k: number;
  readonly tables: readonly Table[];
}

interface Group {
  readonly id: string;
  readonly members: readonly OrganisationScore[];
  /** Groups that together make up the round: a group's figures are protected with its partners. */
  readonly partition: 'all' | 'sector' | 'best';
}

type Leaf =
  | { kind: 'mean'; figure: string; ref: string }
  | { kind: 'distribution'; figure: string; ref: string }
  | { kind: 'stages'; figure: string };

const DECIMALS = 4;
const round4 = (v: number) => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS;

function leaves(node: SectorNode | Record<string, SectorNode>, path: string[]): Leaf[] {
  const figure = path.join('.');
  if (typeof node === 'string') return [{ kind: 'mean', figure, ref: node }];
  if ('distribution' in node && typeof node.distribution === 'string')
    return [{ kind: 'distribution', figure, ref: node.distribution }];
  if ('stageCounts' in node && node.stageCounts === true) return [{ kind: 'stages', figure }];
  return Object.entries(node as Record<string, SectorNode>).flatMap(([key, child]) =>
    leaves(child, [...path, key]),
  );
}

function groupsOf(instrument: Instrument, scores: readonly OrganisationScore[]): Group[] {
  const groups: Group[] = [{ id: 'all', members: scores, partition: 'all' }];
  for (const sector of SECTORS) {
    const members = scores.filter((s) => s.sector === sector);
    if (members.length > 0) groups.push({ id: `sector:${sector}`, members, partition: 'sector' });
  }
  const config = instrument.def.benchmark?.bestPractice;
  if (config) {
    const values = scores.map((s) => s.values[config.ref] ?? null).filter((v): v is number => v !== null);
    const threshold = quantile(
      [...values].sort((a, b) => a - b),
      1 - config.topShare,
    );
    if (threshold !== null) {
      const isBest = (s: OrganisationScore) => (s.values[config.ref] ?? -Infinity) >= threshold;
      groups.push({ id: 'best-practice', members: scores.filter(isBest), partition: 'best' });
      groups.push({ id: 'rest', members: scores.filter((s) => !isBest(s)), partition: 'best' });
    }
  }
  return groups;
}

/** One figure's cells for every group (and category), protected within and across partitions. */
function protect(
  cells: Map<string, Cell>,
  groups: readonly Group[],
  categories: readonly string[],
  k: number,
): void {
  const key = (group: string, category: string) => `${group}\u0000${category}`;
  for (let changed = true; changed;) {
    changed = false;
    for (const partition of ['all', 'sector', 'best'] as const) {
      const members = groups.filter((g) => g.partition === partition);
      for (const category of categories) {
        const partitionCells = members.map((g) => cells.get(key(g.id, category))!);
        if (protectPartition(partitionCells, k)) changed = true;
      }
    }
    // Categories of a distribution partition their group.
    if (categories.length > 1) {
      for (const g of groups) {
        if (
          protectPartition(
            categories.map((c) => cells.get(key(g.id, c))!),
            k,
          )
        )
          changed = true;
      }
    }
  }
}

export function buildOpenData(
  instrument: Instrument,
  round: string,
  k: number,
  organisations: readonly OrganisationData[],
): OpenData {
  checkK(k);
  const scores = organisations.map((o) => scoreOrganisation(instrument, o));
  const groups = groupsOf(instrument, scores);
  const key = (group: string, category: string) => `${group}\u0000${category}`;

  // Group sizes are themselves protected, as a one-category figure.
  const sizeCells = new Map(groups.map((g) => [key(g.id, ''), { count: g.members.length, hidden: false }]));
  protect(sizeCells, groups, [''], k);
  const visibleGroup = (g: Group) => !sizeCells.get(key(g.id, ''))!.hidden;

  const groupRows: CellValue[][] = groups.filter(visibleGroup).map((g) => [round, g.id, g.members.length]);
  const figureRows: CellValue[][] = [];
  const distributionRows: CellValue[][] = [];

  for (const leaf of leaves((instrument.def.sectorFigures ?? {}) as Record<string, SectorNode>, [])) {
    if (leaf.kind === 'mean') {
      const cells = new Map<string, Cell>();
      const means = new Map<string, number | null>();
      for (const g of groups) {
        const values = g.members
          .map((s) => s.values[leaf.ref] ?? null)
          .filter((v): v is number => v !== null);
        cells.set(key(g.id, ''), { count: values.length, hidden: !visibleGroup(g) });
        means.set(g.id, mean(values));
      }
      protect(cells, groups, [''], k);
      for (const g of groups) {
        const cell = cells.get(key(g.id, ''))!;
        const value = means.get(g.id);
        if (!cell.hidden && value != null)
          figureRows.push([round, g.id, leaf.figure, round4(value), cell.count]);
      }
      continue;
    }
    const categories = categoriesOf(instrument, leaf);
    const counts = new Map<string, number>();
    for (const g of groups) {
      for (const c of categories) counts.set(key(g.id, c), 0);
      for (const s of g.members) {
        const category = categoryOf(s, leaf);
        if (category !== null && categories.includes(category))
          counts.set(key(g.id, category), counts.get(key(g.id, category))! + 1);
      }
    }
    const cells = new Map<string, Cell>();
    for (const g of groups)
      for (const c of categories)
        cells.set(key(g.id, c), { count: counts.get(key(g.id, c))!, hidden: !visibleGroup(g) });
    protect(cells, groups, categories, k);
    for (const g of groups) {
      for (const c of categories) {
        const cell = cells.get(key(g.id, c))!;
        if (!cell.hidden) distributionRows.push([round, g.id, leaf.figure, c, cell.count]);
      }
    }
  }

  const divergenceRows: CellValue[][] = [];
  const divergence = sectorDivergence(instrument, organisations, k);
  if (divergence && !isSuppressed(divergence)) {
    for (const row of divergence.rows) {
      if (row.business === null || row.it === null || row.difference === null) continue;
      divergenceRows.push([
        round,
        row.id,
        row.kind,
        round4(row.business),
        round4(row.it),
        round4(row.difference),
        divergence.organisations,
      ]);
    }
  }

  return {
    round,
    k,
    tables: [
      { name: 'groups', columns: ['round', 'group', 'organisations'], rows: groupRows },
      { name: 'figures', columns: ['round', 'group', 'figure', 'value', 'organisations'], rows: figureRows },
      {
        name: 'distributions',
        columns: ['round', 'group', 'figure', 'category', 'organisations'],
        rows: distributionRows,
      },
      {
        name: 'divergence',
        columns: ['round', 'figure', 'kind', 'business', 'it', 'difference', 'organisations'],
        rows: divergenceRows,
      },
    ],
  };
}

function categoriesOf(instrument: Instrument, leaf: Exclude<Leaf, { kind: 'mean' }>): string[] {
  if (leaf.kind === 'stages') return instrument.def.stages.map((s) => s.id);
  const slot = instrument.slotById.get(leaf.ref);
  if (slot?.kind === 'scale') {
    const out: string[] = [];
    for (let p = slot.scale.min; p <= slot.scale.max; p++) out.push(String(p));
    return out;
  }
  return [];
}

function categoryOf(score: OrganisationScore, leaf: Exclude<Leaf, { kind: 'mean' }>): string | null {
  if (leaf.kind === 'stages') return score.stage?.stage ?? null;
  const v = score.values[leaf.ref];
  return v === null || v === undefined ? null : String(roundHalfUp(v));
}
