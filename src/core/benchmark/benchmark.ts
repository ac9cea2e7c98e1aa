/**
 * Benchmarks an organisation against its round's fixed peer groups, under disclosure
 * control: no figure is ever computed from fewer than k organisations (k ≥ 3, default 5).
 * A round is prepared once (sorted values per group and value); each organisation's
 * benchmark is then a few binary searches.
 */
import type { Instrument } from '../instrument/types.ts';
import { peerGroups, type BenchmarkOrganisation, type GroupKind, type PeerGroup } from './groups.ts';
import { percentileRank, quantile } from './quantiles.ts';

export const MIN_K = 3;
export const DEFAULT_K = 5;

export type GroupFigure =
  | {
      status: 'ok';
      n: number;
      q1: number;
      median: number;
      q3: number;
      value: number | null;
      percentile: number | null;
    }
  | { status: 'too-few'; n: number };

export interface GroupBenchmark {
  groupId: string;
  kind: GroupKind;
  /** Organisations in the group (a count is always safe to show). */
  size: number;
  /** Whether this organisation is itself a member (it is not, for a best-practice group it misses). */
  member: boolean;
  figures: Record<string, GroupFigure>;
}

export interface PreparedRound {
  k: number;
  refs: readonly string[];
  orgs: readonly BenchmarkOrganisation[];
  groups: readonly PeerGroup[];
  /** For each group id and ref: the members' values, ascending. */
  sorted: ReadonlyMap<string, ReadonlyMap<string, Float64Array>>;
  indexByName: ReadonlyMap<string, number>;
}

export function checkK(k: number): number {
  if (!Number.isInteger(k) || k < MIN_K)
    throw new RangeError(`k must be an integer of at least ${MIN_K} (got ${k})`);
  return k;
}

export interface PrepareOptions {
  /**
   * Values compared beside the instrument's `benchmark.refs`, e.g. the competencies' mean
   * ranks for a report's "ranking next to the peers' ranking". They get the same groups and
   * the same disclosure control.
   */
  readonly extraRefs?: readonly string[];
}

export function prepareRound(
  instrument: Instrument,
  orgs: readonly BenchmarkOrganisation[],
  k = DEFAULT_K,
  options: PrepareOptions = {},
): PreparedRound {
  const config = instrument.def.benchmark;
  if (!config) throw new Error(`${instrument.id} declares no benchmark`);
  checkK(k);
  const refs = [...new Set([...config.refs, ...(options.extraRefs ?? [])])];
  const groups = peerGroups(orgs, {
    similarGroupSize: Math.max(k, config.similarGroupSize),
    bestPractice: config.bestPractice,
  });
  const sorted = new Map<string, Map<string, Float64Array>>();
  for (const g of groups) {
    const perRef = new Map<string, Float64Array>();
    for (const ref of refs) {
      // Typed arrays sort numerically and several times faster than number[].
      const values = new Float64Array(g.members.length);
      let n = 0;
      for (const i of g.members) {
        const v = orgs[i]!.values[ref];
        if (v !== null && v !== undefined) values[n++] = v;
      }
      perRef.set(ref, values.subarray(0, n).sort());
    }
    sorted.set(g.id, perRef);
  }
  return {
    k,
    refs,
    orgs,
    groups,
    sorted,
    indexByName: new Map(orgs.map((o, i) => [o.name, i])),
  };
}

/** Figures for one group and value, or "too few" below k. */
export function groupFigure(values: ArrayLike<number>, k: number, own: number | null): GroupFigure {
  if (values.length < k) return { status: 'too-few', n: values.length };
  return {
    status: 'ok',
    n: values.length,
    q1: quantile(values, 0.25)!,
    median: quantile(values, 0.5)!,
    q3: quantile(values, 0.75)!,
    value: own,
    percentile: own === null ? null : percentileRank(values, own),
  };
}

/** The organisation's benchmark: one entry per peer group it is compared with. */
export function benchmarkOrganisation(round: PreparedRound, name: string): GroupBenchmark[] | null {
  const index = round.indexByName.get(name);
  if (index === undefined) return null;
  const org = round.orgs[index]!;
  const result: GroupBenchmark[] = [];
  for (const g of round.groups) {
    const member = g.members.includes(index);
    // The organisation's own groups, and the best-practice group whether or not it is in it.
    if (!member && g.kind !== 'best') continue;
    const figures: Record<string, GroupFigure> = {};
    const groupTooSmall = g.members.length < round.k;
    for (const ref of round.refs) {
      const values = round.sorted.get(g.id)!.get(ref)!;
      figures[ref] = groupTooSmall
        ? { status: 'too-few', n: values.length }
        : groupFigure(values, round.k, org.values[ref] ?? null);
    }
    result.push({ groupId: g.id, kind: g.kind, size: g.members.length, member, figures });
  }
  return result;
}
