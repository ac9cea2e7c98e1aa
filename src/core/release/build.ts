/**
 * Builds a release from the organisations' versions and the earlier releases. Pure: storage
 * gathers the inputs and keeps the result. The rules, in order (docs/disclosure.md):
 *
 * 1. A group is refreshed only when it has at least k organisations and its members differ by
 *    at least k organisations (joined, left or changed) from every publication of any group
 *    anyone has seen — earlier releases included. Otherwise it keeps what it showed before.
 * 2. Group sizes are audited as counts: no size of a hidden group, and no hidden part of a
 *    partition below k, may be worked out from the sizes shown.
 * 3. The sector report's figures: additive ones (means, shares, sums) pass the set audit per
 *    set of contributing organisations; counts (distributions, stages) pass the count audit
 *    with complementary suppression; sums the dominance rule; quantiles the 3k rule.
 * 4. Peer figures (quartiles of the benchmarked values) follow the 3k rule.
 */
import { auditCounts, auditSizes } from '../disclosure/count-audit.ts';
import { dominated, shownQuantiles } from '../disclosure/leaf-rules.ts';
import { differingUnits, type Membership } from '../disclosure/overlap.ts';
import type { DisclosurePolicy } from '../disclosure/policy.ts';
import { acceptAdditive } from '../disclosure/set-audit.ts';
import type { ShownLeaf } from '../figures/assemble.ts';
import { evaluateLeaf } from '../figures/evaluate.ts';
import { figurePlans, rangeOf, type LeafPlan } from '../figures/plan.ts';
import { organisationRow } from '../figures/organisation-row.ts';
import { UnitTable } from '../figures/table.ts';
import type { RespondentData } from '../exchange/types.ts';
import type { Instrument } from '../instrument/types.ts';
import {
  GROUP_KINDS,
  groupDefinitions,
  membersOf,
  PEER_KINDS,
  SECTOR_KINDS,
  type GroupDefinition,
  type GroupKind,
} from './groups.ts';
import type { GroupReason, GroupState, OrganisationVersion, Publication, ReleaseContent } from './types.ts';

export interface BuildReleaseInput {
  readonly instrument: Instrument;
  readonly policy: DisclosurePolicy;
  readonly number: number;
  readonly at: string;
  readonly final: boolean;
  /** Every version of the round's organisations; this release's new ones have `release = number`. */
  readonly versions: readonly OrganisationVersion[];
  /** The earlier releases, oldest first. */
  readonly previous: readonly ReleaseContent[];
}

/** The values a peer comparison shows quartiles of: the index, the benchmarked values, the ranks. */
export function peerRefs(instrument: Instrument): string[] {
  const index = instrument.def.index;
  const ranks = instrument.def.competencies.map((c) => c.rank);
  return [...new Set([...(index ? [index] : []), ...(instrument.def.benchmark?.refs ?? []), ...ranks])];
}

/** The versions current at release `number`, one row per organisation with answers. */
export function currentRows(versions: readonly OrganisationVersion[], number: number): Int32Array {
  const latest = new Map<number, number>();
  versions.forEach((v, i) => {
    if (v.release > number) return;
    const at = latest.get(v.organisation);
    const best = at === undefined ? undefined : versions[at]!;
    if (!best || v.release > best.release || (v.release === best.release && v.id > best.id))
      latest.set(v.organisation, i);
  });
  const rows = [...latest.values()].filter((i) => versions[i]!.respondents > 0).sort((a, b) => a - b);
  return Int32Array.from(rows);
}

export function unitTable(instrument: Instrument, versions: readonly OrganisationVersion[]): UnitTable {
  return new UnitTable(
    instrument,
    versions.map((v) => ({
      unit: v.organisation,
      version: v.id,
      respondents: v.respondents,
      stage: v.stage,
      values: v.values,
      attributes: v.attributes,
    })),
  );
}

const priority = (kind: GroupKind) => GROUP_KINDS.indexOf(kind);

/** Kinds whose membership follows from answers (not from public attributes). */
const ANSWER_DEFINED: readonly GroupKind[] = ['best', 'rest'];

/**
 * The membership a group had when what it shows was last set: walking back from the latest
 * release while the group showed the same (the same publication, or nothing), the earliest
 * such release's membership. Null when the group is new.
 */
function anchorOf(
  previous: readonly ReleaseContent[],
  group: string,
  membersAt: (release: number, predicate: GroupState['predicate']) => Membership,
): Membership | null {
  const shows = (s: GroupState | undefined) =>
    s?.publication ? `${s.publication.group}@${s.publication.release}` : 'none';
  let anchor: { release: number; state: GroupState } | null = null;
  for (let i = previous.length - 1; i >= 0; i--) {
    const state = previous[i]!.groups.find((g) => g.group === group);
    if (!state) break;
    if (anchor && shows(state) !== shows(anchor.state)) break;
    anchor = { release: previous[i]!.number, state };
  }
  return anchor ? membersAt(anchor.release, anchor.state.predicate) : null;
}

export function buildRelease(input: BuildReleaseInput): ReleaseContent {
  const { instrument, policy } = input;
  const k = policy.k;
  const table = unitTable(instrument, input.versions);
  const unitOf = Int32Array.from(input.versions, (v) => v.organisation);
  const rowsAt = new Map<number, Int32Array>();
  const rowsOfRelease = (r: number) => {
    let rows = rowsAt.get(r);
    if (!rows) rowsAt.set(r, (rows = currentRows(input.versions, r)));
    return rows;
  };
  const now = rowsOfRelease(input.number);
  const membership = (rows: Int32Array): Membership => {
    const pairs = [...rows].map((r) => ({ unit: unitOf[r]!, version: input.versions[r]!.id }));
    pairs.sort((a, b) => a.unit - b.unit);
    return {
      units: Int32Array.from(pairs, (p) => p.unit),
      versions: Float64Array.from(pairs, (p) => p.version),
    };
  };

  // Everything anyone has seen: each publication of every earlier release, once.
  const visible = new Map<string, { pub: Publication; rows: Int32Array; members: Membership }>();
  for (const release of input.previous)
    for (const state of release.groups) {
      const pub = state.publication;
      if (!pub) continue;
      const key = `${pub.group}@${pub.release}`;
      if (visible.has(key)) continue;
      const rows = membersOf(table, rowsOfRelease(pub.release), pub.predicate);
      visible.set(key, { pub, rows, members: membership(rows) });
    }
  const latestOf = (group: string) =>
    [...visible.values()]
      .filter((v) => v.pub.group === group)
      .sort((a, b) => b.pub.release - a.pub.release)[0];

  const bench = instrument.def.benchmark;
  const defs = groupDefinitions(table, now, {
    similarGroupSize: Math.max(k, bench?.similarGroupSize ?? k),
    bestPractice: bench?.bestPractice ?? null,
  }).filter((d) => bench || d.kind === 'all' || d.kind === 'sector');
  defs.sort((a, b) => priority(a.kind) - priority(b.kind));

  interface Candidate {
    def: GroupDefinition;
    rows: Int32Array;
    members: Membership;
    previous: ReturnType<typeof latestOf>;
  }
  const states = new Map<string, GroupState>();
  const accepted: Candidate[] = [];
  const small: Candidate[] = [];
  const all: Candidate[] = [];
  const keep = (c: Candidate, reason: GroupReason) => {
    const prev = c.previous;
    states.set(c.def.id, {
      group: c.def.id,
      kind: c.def.kind,
      predicate: c.def.predicate,
      status: prev ? 'kept' : 'not-shown',
      reason,
      publication: prev?.pub ?? null,
      members: c.rows.length,
      pending: prev ? differingUnits(c.members, prev.members) : c.rows.length,
    });
  };

  // 1. Refresh rule and overlaps.
  for (const def of defs) {
    const rows = membersOf(table, now, def.predicate);
    const c: Candidate = { def, rows, members: membership(rows), previous: latestOf(def.id) };
    all.push(c);
    // Best practice and the rest are defined by answers: that one of them appears, changes or
    // goes must itself be caused by at least k organisations, or it says something about the
    // few that changed (that a newcomer's index is in the top quarter).
    if (ANSWER_DEFINED.includes(def.kind)) {
      const anchor = anchorOf(input.previous, def.id, (r, p) =>
        membership(membersOf(table, rowsOfRelease(r), p)),
      );
      const d = anchor ? differingUnits(c.members, anchor, k) : k;
      if (d > 0 && d < k) {
        keep(c, 'few-changes');
        continue;
      }
    }
    if (c.previous && differingUnits(c.members, c.previous.members, 1) === 0) {
      states.set(def.id, {
        group: def.id,
        kind: def.kind,
        predicate: def.predicate,
        status: 'unchanged',
        publication: c.previous.pub,
        members: rows.length,
        pending: 0,
      });
      continue;
    }
    if (rows.length < k) {
      if (rows.length > 0) small.push(c);
      keep(c, 'too-few');
      continue;
    }
    const seen = [...visible.values(), ...accepted];
    const clash = seen.find((v) => {
      const d = differingUnits(c.members, v.members, k);
      return d > 0 && d < k;
    });
    if (clash) {
      const same = 'pub' in clash ? clash.pub.group === def.id : false;
      keep(c, same ? 'few-changes' : 'overlap');
      continue;
    }
    accepted.push(c);
  }

  // 2. Sizes.
  const groupRows: Int32Array[] = [...[...visible.values()].map((v) => v.rows)];
  const visibleIdx = groupRows.map((_, i) => i);
  const indexOf = new Map<Candidate, number>();
  for (const c of [...accepted, ...small]) {
    indexOf.set(c, groupRows.length);
    groupRows.push(c.rows);
  }
  const currentIndex = (c: Candidate): number | undefined => {
    if (indexOf.has(c)) return indexOf.get(c);
    const state = states.get(c.def.id);
    if (state?.status === 'unchanged') {
      const key = `${state.publication!.group}@${state.publication!.release}`;
      return [...visible.keys()].indexOf(key);
    }
    indexOf.set(c, groupRows.length);
    groupRows.push(c.rows);
    return groupRows.length - 1;
  };
  const partitions = partitionsOf(all, currentIndex);
  const sized = auditSizes({
    unitOf,
    groups: groupRows,
    visible: visibleIdx,
    candidates: accepted.map((c) => indexOf.get(c)!),
    small: small.map((c) => indexOf.get(c)!),
    partitions,
    threshold: k,
  });
  const published = accepted.filter((c) => sized.has(indexOf.get(c)!));
  for (const c of accepted) if (!sized.has(indexOf.get(c)!)) keep(c, 'complementary');

  // 3. and 4. The figures of every published group.
  const sectorFigures = sectorFamily(input, table, unitOf, [...visible.values()], published, small);
  for (const c of published) {
    const pub: Publication = {
      group: c.def.id,
      kind: c.def.kind,
      release: input.number,
      predicate: c.def.predicate,
      size: c.rows.length,
      respondents: [...c.rows].reduce((n, r) => n + input.versions[r]!.respondents, 0),
      peer: PEER_KINDS.includes(c.def.kind) && bench ? peerFigures(input, table, c.rows) : null,
      sector: SECTOR_KINDS.includes(c.def.kind) ? (sectorFigures.get(c) ?? null) : null,
    };
    states.set(c.def.id, {
      group: c.def.id,
      kind: c.def.kind,
      predicate: c.def.predicate,
      status: 'published',
      publication: pub,
      members: c.rows.length,
      pending: 0,
    });
  }
  return {
    number: input.number,
    at: input.at,
    policy,
    final: input.final,
    groups: defs.map((d) => states.get(d.id)!),
  };
}

/** The partitions of the current release: each kind's groups (and best with rest) add up to all. */
function partitionsOf<C extends { def: GroupDefinition }>(
  all: readonly C[],
  indexOf: (c: C) => number | undefined,
): { whole: number; parts: number[] }[] {
  const whole = all.find((c) => c.def.kind === 'all');
  if (!whole) return [];
  const w = indexOf(whole);
  if (w === undefined) return [];
  const out: { whole: number; parts: number[] }[] = [];
  const kinds: GroupKind[][] = [['sector'], ['size'], ['similar'], ['best', 'rest']];
  for (const kinds_ of kinds) {
    const parts = all.filter((c) => kinds_.includes(c.def.kind)).map(indexOf);
    if (parts.length > 0 && parts.every((p) => p !== undefined))
      out.push({ whole: w, parts: parts as number[] });
  }
  return out;
}

function peerFigures(
  input: BuildReleaseInput,
  table: UnitTable,
  rows: Int32Array,
): Record<string, ShownLeaf> {
  const out: Record<string, ShownLeaf> = {};
  for (const ref of peerRefs(input.instrument)) {
    const raw = evaluateLeaf(table, rows, {
      kind: 'quantiles',
      path: [ref],
      ref,
      scale: rangeOf(input.instrument, ref),
    });
    if (raw.kind === 'quantiles') out[ref] = shownQuantiles(raw.sorted, input.policy, raw.plan.scale);
  }
  return out;
}

interface VisibleGroup {
  readonly pub: Publication;
  readonly rows: Int32Array;
}

/** The sector report's leaves for every published sector-kind group, after the audits. */
function sectorFamily<C extends { def: GroupDefinition; rows: Int32Array }>(
  input: BuildReleaseInput,
  table: UnitTable,
  unitOf: Int32Array,
  visible: readonly VisibleGroup[],
  published: readonly C[],
  small: readonly C[],
): Map<C, Record<string, ShownLeaf[]>> {
  const { instrument, policy } = input;
  const k = policy.k;
  const candidates = published.filter((c) => SECTOR_KINDS.includes(c.def.kind));
  const history = visible.filter((v) => v.pub.sector !== null);
  const smallSector = small.filter((c) => SECTOR_KINDS.includes(c.def.kind));
  const out = new Map<C, Record<string, ShownLeaf[]>>(candidates.map((c) => [c, {}]));

  for (const plan of figurePlans(instrument)) {
    const shown = new Map<C, ShownLeaf[]>(candidates.map((c) => [c, []]));
    plan.leaves.forEach((leaf, j) => {
      const raws = candidates.map((c) => evaluateLeaf(table, c.rows, leaf));
      if (leaf.kind === 'distribution' || leaf.kind === 'stages') {
        const shownCats = countsAudit(
          input,
          table,
          unitOf,
          leaf,
          plan.figure.id,
          j,
          history,
          candidates,
          smallSector,
        );
        candidates.forEach((c, i) => {
          const raw = raws[i]!;
          if (raw.kind !== 'counts') return;
          const cats = shownCats.get(i) ?? new Set<number>();
          shown.get(c)!.push({
            kind: 'counts',
            n: raw.contributors.length,
            counts: [...raw.counts].map((v, cat) => (cats.has(cat) ? v : null)),
          });
        });
        return;
      }
      if (leaf.kind === 'quantiles') {
        candidates.forEach((c, i) => {
          const raw = raws[i]!;
          if (raw.kind === 'quantiles')
            shown.get(c)!.push(shownQuantiles(raw.sorted, policy, raw.plan.scale));
        });
        return;
      }
      // Additive leaves: primary rule, dominance, then the set audit over who contributes.
      const ok = candidates.map((_, i) => {
        const raw = raws[i]!;
        if (raw.kind === 'quantiles' || raw.kind === 'counts') return false;
        if (raw.value === null || raw.contributors.length < k) return false;
        return !(
          raw.parts &&
          (leaf.kind === 'sum' || leaf.kind === 'ratio' || leaf.kind === 'pooled') &&
          dominated(raw.parts)
        );
      });
      const seen = history.filter((v) => {
        const s = v.pub.sector?.[plan.figure.id]?.[j];
        return s?.kind === 'value' && s.value !== null;
      });
      const contributorsOf = (rows: Int32Array) => evaluateLeaf(table, rows, leaf).contributors;
      const family = {
        unitOf,
        groups: [...seen.map((v) => contributorsOf(v.rows)), ...raws.map((r) => r.contributors)],
      };
      const order = candidates.map((_, i) => i).filter((i) => ok[i]);
      const acceptedIdx = new Set(
        acceptAdditive(
          family,
          seen.map((_, i) => i),
          order.map((i) => seen.length + i),
          k,
        ).map((g) => g - seen.length),
      );
      candidates.forEach((c, i) => {
        const raw = raws[i]!;
        if (raw.kind === 'quantiles' || raw.kind === 'counts') return;
        shown
          .get(c)!
          .push({ kind: 'value', value: acceptedIdx.has(i) ? raw.value : null, n: raw.contributors.length });
      });
    });
    for (const c of candidates) out.get(c)![plan.figure.id] = shown.get(c)!;
  }
  return out;
}

/** Complementary suppression of one distribution across the release's groups and history. */
function countsAudit<C extends { def: GroupDefinition; rows: Int32Array }>(
  input: BuildReleaseInput,
  table: UnitTable,
  unitOf: Int32Array,
  leaf: Extract<LeafPlan, { kind: 'distribution' | 'stages' }>,
  figure: string,
  leafIndex: number,
  history: readonly VisibleGroup[],
  candidates: readonly C[],
  small: readonly C[],
): Map<number, Set<number>> {
  const quiet = leaf.categories.length;
  const everyRow = Int32Array.from(table.rows.keys());
  const raw = evaluateLeaf(table, everyRow, leaf);
  const categoryOf =
    raw.kind === 'counts'
      ? Int32Array.from(raw.categoryOfMember, (c) => (c < 0 ? quiet : c))
      : new Int32Array(table.size).fill(quiet);
  const groups: Int32Array[] = [];
  const visibleCats = new Map<number, Set<number>>();
  history.forEach((v) => {
    const s = v.pub.sector?.[figure]?.[leafIndex];
    if (s?.kind !== 'counts') return;
    visibleCats.set(groups.length, new Set(s.counts.flatMap((x, i) => (x === null ? [] : [i]))));
    groups.push(v.rows);
  });
  const candidateIdx = candidates.map((c) => {
    groups.push(c.rows);
    return groups.length - 1;
  });
  const smallIdx = small.map((c) => {
    groups.push(c.rows);
    return groups.length - 1;
  });
  // The same group in several releases: each change of a cell is a count of its own.
  const byGroup = new Map<string, number[]>();
  history.forEach((v, i) => {
    if (!visibleCats.has(i)) return;
    byGroup.set(v.pub.group, [...(byGroup.get(v.pub.group) ?? []), i]);
  });
  candidates.forEach((c, i) => byGroup.set(c.def.id, [...(byGroup.get(c.def.id) ?? []), candidateIdx[i]!]));
  const versions = [...byGroup.values()].filter((v) => v.length > 1);
  const whole = candidates.findIndex((c) => c.def.kind === 'all');
  const partitions: { whole: number; parts: number[] }[] = [];
  if (whole >= 0) {
    for (const kinds of [['sector'], ['best', 'rest']] as GroupKind[][]) {
      const parts = [
        ...candidates.map((c, i) => ({ c, g: candidateIdx[i]! })),
        ...small.map((c, i) => ({ c, g: smallIdx[i]! })),
      ]
        .filter(({ c }) => kinds.includes(c.def.kind))
        .map(({ g }) => g);
      if (parts.length > 0) partitions.push({ whole: candidateIdx[whole]!, parts });
    }
  }
  const result = auditCounts({
    unitOf,
    categoryOf,
    categories: quiet + 1,
    quiet: new Set([quiet]),
    groups,
    visible: visibleCats,
    candidates: candidateIdx,
    small: smallIdx,
    versions,
    partitions,
    threshold: input.policy.k,
  });
  const out = new Map<number, Set<number>>();
  candidateIdx.forEach((g, i) => out.set(i, new Set(result.shown.get(g) ?? [])));
  return out;
}

/**
 * A single release of a set of organisations' answers with no history (an exchange file):
 * the figures anyone may be shown of it under the policy.
 */
export function releaseOfOrganisations(
  instrument: Instrument,
  organisations: readonly {
    readonly respondents: readonly RespondentData[];
    readonly sector: string;
    readonly type?: string | null;
    readonly sizeBand?: string | null;
  }[],
  policy: DisclosurePolicy,
  at: string,
): ReleaseContent {
  const versions: OrganisationVersion[] = organisations.map((o, i) => {
    const row = organisationRow(instrument, o.respondents);
    return {
      id: i + 1,
      organisation: i + 1,
      release: 1,
      respondents: row.respondents,
      stage: row.stage,
      values: row.values,
      attributes: { sector: o.sector, type: o.type ?? null, sizeBand: o.sizeBand ?? null },
    };
  });
  return buildRelease({ instrument, policy, number: 1, at, final: true, versions, previous: [] });
}
