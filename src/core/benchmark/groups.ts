/**
 * The fixed peer groups of a round. Every organisation belongs to exactly one group of each
 * kind, and groups of a kind never overlap, so no figure can be isolated by comparing two
 * groups. Kinds: the whole round, its sector, its size band, its "most similar"
 * organisations (nearest on sector, type and size, merged until big enough), and the
 * best-practice group (the top share by the maturity index).
 */
import type { Sector } from '../exchange/types.ts';
import type { Values } from '../scoring/measures.ts';
import { quantile } from './quantiles.ts';

export const GROUP_KINDS = ['all', 'sector', 'size', 'similar', 'best'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export interface BenchmarkOrganisation {
  name: string;
  sector: Sector;
  type: string | null;
  sizeBand: string | null;
  values: Values;
}

export interface PeerGroup {
  /** Stable id, e.g. `sector:kommune`, `similar:kommune/kommune/small+kommune/kommune/medium`. */
  id: string;
  kind: GroupKind;
  /** Indexes into the round's organisations. */
  members: number[];
}

const SIZE_ORDER = ['small', 'medium', 'large'];

interface Cell {
  sector: Sector;
  type: string;
  size: string;
}
const cellKey = (c: Cell) => `${c.sector}/${c.type}/${c.size}`;

function distance(a: Cell, b: Cell): number {
  const sa = SIZE_ORDER.indexOf(a.size);
  const sb = SIZE_ORDER.indexOf(b.size);
  const size = a.size === b.size ? 0 : sa >= 0 && sb >= 0 ? Math.abs(sa - sb) : 1;
  return (a.sector === b.sector ? 0 : 4) + (a.type === b.type ? 0 : 2) + size;
}

/**
 * Agglomerative: start from cells of equal (sector, type, size band); while a cluster is
 * below `minSize`, merge the closest such pair (a small cluster into its nearest cluster;
 * ties: the smaller cluster moves, into the larger one, then by key, so the result is stable).
 */
export function similarClusters(orgs: readonly BenchmarkOrganisation[], minSize: number): PeerGroup[] {
  type Cluster = { cells: Cell[]; members: number[]; key: string };
  const byKey = new Map<string, Cluster>();
  orgs.forEach((o, i) => {
    const cell: Cell = { sector: o.sector, type: o.type ?? '?', size: o.sizeBand ?? '?' };
    const key = cellKey(cell);
    const c = byKey.get(key);
    if (c) c.members.push(i);
    else byKey.set(key, { cells: [cell], members: [i], key });
  });
  const list = [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  const between = (a: Cluster, b: Cluster) =>
    Math.min(...a.cells.flatMap((x) => b.cells.map((y) => distance(x, y))));
  while (list.length > 1) {
    let move: { from: Cluster; to: Cluster; d: number } | null = null;
    for (const from of list) {
      if (from.members.length >= minSize) continue;
      for (const to of list) {
        if (to === from) continue;
        const d = between(from, to);
        const better =
          move === null ||
          d < move.d ||
          (d === move.d &&
            (from.members.length < move.from.members.length ||
              (from.members.length === move.from.members.length &&
                (to.members.length > move.to.members.length ||
                  (to.members.length === move.to.members.length &&
                    (from.key + to.key).localeCompare(move.from.key + move.to.key) < 0)))));
        if (better) move = { from, to, d };
      }
    }
    if (!move) break;
    move.to.cells.push(...move.from.cells);
    move.to.members.push(...move.from.members);
    list.splice(list.indexOf(move.from), 1);
  }
  return list.map((c) => ({
    id: `similar:${c.cells.map(cellKey).sort().join('+')}`,
    kind: 'similar' as const,
    members: [...c.members].sort((a, b) => a - b),
  }));
}

export interface GroupOptions {
  similarGroupSize: number;
  bestPractice: { ref: string; topShare: number };
}

export function peerGroups(orgs: readonly BenchmarkOrganisation[], options: GroupOptions): PeerGroup[] {
  const groups: PeerGroup[] = [{ id: 'all', kind: 'all', members: orgs.map((_, i) => i) }];
  const by = (kind: GroupKind, keyOf: (o: BenchmarkOrganisation) => string | null) => {
    const map = new Map<string, number[]>();
    orgs.forEach((o, i) => {
      const key = keyOf(o);
      if (key === null) return;
      const members = map.get(key);
      if (members) members.push(i);
      else map.set(key, [i]);
    });
    for (const [key, members] of [...map].sort(([a], [b]) => a.localeCompare(b))) {
      groups.push({ id: `${kind}:${key}`, kind, members });
    }
  };
  by('sector', (o) => o.sector);
  by('size', (o) => o.sizeBand);
  groups.push(...similarClusters(orgs, options.similarGroupSize));

  const ref = options.bestPractice.ref;
  const values = orgs.map((o) => o.values[ref] ?? null).filter((v): v is number => v !== null);
  const threshold = quantile(
    [...values].sort((a, b) => a - b),
    1 - options.bestPractice.topShare,
  );
  if (threshold !== null) {
    const members = orgs.flatMap((o, i) => ((o.values[ref] ?? -Infinity) >= threshold ? [i] : []));
    groups.push({ id: 'best', kind: 'best', members });
  }
  return groups;
}
