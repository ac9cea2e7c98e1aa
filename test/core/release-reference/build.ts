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
import { auditCounts, auditSizes } from './count-audit.ts';
import { dominated, shownQuantiles } from '../../../src/core/disclosure/leaf-rules.ts';
import { differingUnits, type Membership } from '../../../src/core/disclosure/overlap.ts';
import type { DisclosurePolicy } from '../../../src/core/disclosure/policy.ts';
import { acceptAdditive } from './set-audit.ts';
import type { ShownLeaf } from '../../../src/core/figures/assemble.ts';
import { evaluateLeaf } from './evaluate.ts';
import { figurePlans, rangeOf, type LeafPlan } from '../../../src/core/figures/plan.ts';
import { quantileDecimalsOf } from '../../../src/core/figures/precision.ts';
import { organisationRow } from '../../../src/core/figures/organisation-row.ts';
import { UnitTable } from '../../../src/core/figures/table.ts';
import type { RespondentData } from '../../../src/core/exchange/types.ts';
import type { Instrument } from '../../../src/core/instrument/types.ts';
import {
  bandOrder,
  organisationRules,
  sizeBandOf,
  type OrganisationAttributes,
} from '../../../src/core/organisations/attributes.ts';
import {
  GROUP_KINDS,
  groupDefinitions,
  membersOf,
  PEER_KINDS,
  SECTOR_KINDS,
  type ComparisonSet,
  type GroupDefinition,
  type GroupKind,
} from '../../../src/core/release/groups.ts';
import type {
  GroupState,
  OrganisationVersion,
  Publication,
  ReleaseContent,
} from '../../../src/core/release/types.ts';

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
  /** Official comparison sets (a group each, under the same rules as every other group). */
  readonly comparisonSets?: readonly ComparisonSet[];
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
  const visible = new Map<string, VisibleGroup & { members: Membership }>();
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
  const rules = organisationRules(instrument);
  const defs = groupDefinitions(table, now, {
    similarGroupSize: Math.max(k, bench?.similarGroupSize ?? k),
    bestPractice: bench?.bestPractice ?? null,
    comparisonSets: input.comparisonSets ?? [],
    bandOrder: (sector, band) => {
      const i = bandOrder(rules, sector, band);
      return i >= 0 ? i : ['small', 'medium', 'large'].indexOf(band);
    },
  }).filter((d) => bench || d.kind === 'all' || d.kind === 'sector');
  defs.sort((a, b) => priority(a.kind) - priority(b.kind));

  const states = new Map<string, GroupState>();
  const unchanged = new Set<string>();
  const accepted: Candidate[] = [];
  const small: Candidate[] = [];
  const all: Candidate[] = [];
  const state = (c: Candidate, rest: Pick<GroupState, 'status' | 'reason' | 'publication'>) =>
    states.set(c.def.id, { group: c.def.id, kind: c.def.kind, predicate: c.def.predicate, ...rest });
  // A group that is not refreshed shows its earlier figures and says no more; one with none
  // says why, unless the reason would tell something about answers.
  const keep = (c: Candidate, reason: 'too-few' | 'few-changes' | 'overlap' | 'complementary') => {
    const prev = c.previous;
    if (prev) state(c, { status: 'kept', publication: prev.pub });
    else {
      const byAnswers = ANSWER_DEFINED.includes(c.def.kind) || reason === 'few-changes';
      state(c, { status: 'not-shown', reason: byAnswers ? 'withheld' : reason, publication: null });
    }
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
      unchanged.add(def.id);
      state(c, { status: 'kept', publication: c.previous.pub });
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
    if (unchanged.has(c.def.id)) {
      const pub = states.get(c.def.id)!.publication!;
      return [...visible.keys()].indexOf(`${pub.group}@${pub.release}`);
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

  // 3. Respondent totals add up like means: audited over the same sets.
  const respondentsOf = (rows: Int32Array) =>
    [...rows].reduce((n, r) => n + input.versions[r]!.respondents, 0);
  const counted = [...visible.values()].filter((v) => v.pub.respondents !== null);
  const withRespondents = new Set(
    acceptAdditive(
      { unitOf, groups: [...counted.map((v) => v.rows), ...published.map((c) => c.rows)] },
      counted.map((_, i) => i),
      published.map((_, i) => counted.length + i),
      k,
    ).map((g) => published[g - counted.length]!),
  );

  // 4. and 5. The figures of every published group.
  // Every current group whose count cells are not published: the attacker knows who is in
  // each (size bands and clusters included), so their small cells are protected too.
  const sectorHidden = all.filter(
    (c) => c.rows.length > 0 && !(published.includes(c) && SECTOR_KINDS.includes(c.def.kind)),
  );
  const sectorFigures = sectorFamily(input, table, unitOf, [...visible.values()], published, sectorHidden);
  for (const c of published) {
    const pub: Publication = {
      group: c.def.id,
      kind: c.def.kind,
      release: input.number,
      predicate: c.def.predicate,
      size: c.rows.length,
      respondents: withRespondents.has(c) ? respondentsOf(c.rows) : null,
      peer: PEER_KINDS.includes(c.def.kind) && bench ? peerFigures(input, table, c.rows) : null,
      sector: SECTOR_KINDS.includes(c.def.kind) ? (sectorFigures.get(c) ?? null) : null,
    };
    state(c, { status: 'published', publication: pub });
  }
  return {
    number: input.number,
    at: input.at,
    policy,
    final: input.final,
    groups: defs.map((d) => states.get(d.id)!),
  };
}

interface VisibleGroup {
  readonly pub: Publication;
  readonly rows: Int32Array;
}

interface Candidate {
  readonly def: GroupDefinition;
  readonly rows: Int32Array;
  readonly members: Membership;
  readonly previous: (VisibleGroup & { members: Membership }) | undefined;
}

/**
 * The partitions of the current release: each kind's groups (and best with rest) add up to
 * all. A kind whose groups leave organisations out (size bands, when some have no size) is no
 * partition of the whole, and is not audited as one.
 */
function partitionsOf<C extends { def: GroupDefinition; rows: Int32Array }>(
  all: readonly C[],
  indexOf: (c: C) => number | undefined,
  kinds: readonly (readonly GroupKind[])[] = [['sector'], ['size'], ['similar'], ['best', 'rest']],
): { whole: number; parts: number[] }[] {
  const whole = all.find((c) => c.def.kind === 'all');
  if (!whole) return [];
  const w = indexOf(whole);
  if (w === undefined) return [];
  const out: { whole: number; parts: number[] }[] = [];
  for (const kinds_ of kinds) {
    const of = all.filter((c) => kinds_.includes(c.def.kind));
    const covered = of.reduce((n, c) => n + c.rows.length, 0);
    const parts = of.map(indexOf);
    if (parts.length > 0 && covered === whole.rows.length && parts.every((p) => p !== undefined))
      out.push({ whole: w, parts: parts as number[] });
  }
  return out;
}

/**
 * Refs that a count table of the round is made of (a distribution): their quartiles are not
 * peer figures, since on a few whole points a median says how many lie on each side of it —
 * a count the count audit has not seen.
 */
function countedRefs(instrument: Instrument): Set<string> {
  const out = new Set<string>();
  for (const plan of figurePlans(instrument))
    for (const leaf of plan.leaves) if (leaf.kind === 'distribution') out.add(leaf.ref);
  return out;
}

function peerFigures(
  input: BuildReleaseInput,
  table: UnitTable,
  rows: Int32Array,
): Record<string, ShownLeaf> {
  const out: Record<string, ShownLeaf> = {};
  const counted = countedRefs(input.instrument);
  for (const ref of peerRefs(input.instrument)) {
    if (counted.has(ref)) continue;
    const raw = evaluateLeaf(table, rows, {
      kind: 'quantiles',
      path: [ref],
      ref,
      scale: rangeOf(input.instrument, ref),
    });
    if (raw.kind === 'quantiles')
      out[ref] = shownQuantiles(
        raw.sorted,
        input.policy,
        raw.plan.scale,
        quantileDecimalsOf(input.instrument, ref),
      );
  }
  return out;
}

/** What the count audits of one release need to know about its sector-kind groups. */
interface CountContext {
  readonly input: BuildReleaseInput;
  readonly unitOf: Int32Array;
  readonly history: readonly VisibleGroup[];
  readonly candidates: readonly Candidate[];
  readonly hidden: readonly Candidate[];
  /** Answer-count decisions by who did not answer (many leaves share their non-answerers). */
  readonly answeredCache: Map<string, boolean[]>;
}

/** The sector report's leaves for every published sector-kind group, after the audits. */
function sectorFamily(
  input: BuildReleaseInput,
  table: UnitTable,
  unitOf: Int32Array,
  visible: readonly VisibleGroup[],
  published: readonly Candidate[],
  sectorHidden: readonly Candidate[],
): Map<Candidate, Record<string, ShownLeaf[]>> {
  const { instrument, policy } = input;
  const k = policy.k;
  const candidates = published.filter((c) => SECTOR_KINDS.includes(c.def.kind));
  const history = visible.filter((v) => v.pub.sector !== null);
  const ctx: CountContext = {
    input,
    unitOf,
    history,
    candidates,
    hidden: sectorHidden,
    answeredCache: new Map(),
  };
  const out = new Map<Candidate, Record<string, ShownLeaf[]>>(candidates.map((c) => [c, {}]));
  const everyRow = Int32Array.from(table.rows.keys());

  for (const plan of figurePlans(instrument)) {
    const shown = new Map<Candidate, ShownLeaf[]>(candidates.map((c) => [c, []]));
    plan.leaves.forEach((leaf, j) => {
      const raws = candidates.map((c) => evaluateLeaf(table, c.rows, leaf));
      const shownAt = (v: VisibleGroup) => v.pub.sector?.[plan.figure.id]?.[j];
      if (leaf.kind === 'distribution' || leaf.kind === 'stages') {
        const quiet = leaf.categories.length;
        const raw = evaluateLeaf(table, everyRow, leaf);
        const categoryOf =
          raw.kind === 'counts'
            ? Int32Array.from(raw.categoryOfMember, (c) => (c < 0 ? quiet : c))
            : new Int32Array(table.size).fill(quiet);
        const decided = countsAudit(ctx, categoryOf, quiet + 1, (v) => {
          const s = shownAt(v);
          return s?.kind === 'counts'
            ? { cells: s.counts.flatMap((x, i) => (x === null ? [] : [i])), answered: s.n !== null }
            : null;
        });
        candidates.forEach((c, i) => {
          const raw = raws[i]!;
          if (raw.kind !== 'counts') return;
          const cats = decided.shown[i]!;
          shown.get(c)!.push({
            kind: 'counts',
            n: decided.answered[i] ? raw.contributors.length : null,
            counts: [...raw.counts].map((v, cat) => (cats.has(cat) ? v : null)),
          });
        });
        return;
      }
      const answered = answeredCounts(ctx, table, everyRow, leaf, shownAt);
      if (leaf.kind === 'quantiles') {
        candidates.forEach((c, i) => {
          const raw = raws[i]!;
          if (raw.kind !== 'quantiles') return;
          const q = shownQuantiles(
            raw.sorted,
            policy,
            raw.plan.scale,
            quantileDecimalsOf(instrument, leaf.ref),
          );
          shown.get(c)!.push(answered[i] || q.n === null ? q : { ...q, n: null });
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
        const s = shownAt(v);
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
        const n = raw.contributors.length;
        shown.get(c)!.push({
          kind: 'value',
          value: acceptedIdx.has(i) ? raw.value : null,
          n: answered[i] && n >= k ? n : null,
        });
      });
    });
    for (const c of candidates) out.get(c)![plan.figure.id] = shown.get(c)!;
  }
  return out;
}

/**
 * Whether each candidate may say how many organisations a leaf's figure comes from: the
 * others in the group gave no answer, and that too is a count (of one, say). Audited as a table
 * of two categories, answered or not; when everyone answered everywhere, there is nothing to hide.
 */
function answeredCounts(
  ctx: CountContext,
  table: UnitTable,
  everyRow: Int32Array,
  leaf: LeafPlan,
  shownAt: (v: VisibleGroup) => ShownLeaf | undefined,
): boolean[] {
  const contributors = evaluateLeaf(table, everyRow, leaf).contributors;
  if (contributors.length === table.size) return ctx.candidates.map(() => true);
  const categoryOf = new Int32Array(table.size).fill(1);
  for (const r of contributors) categoryOf[r] = 0;
  const before = ctx.history.map((v) => {
    const s = shownAt(v);
    return s ? (s.n !== null ? 'n' : '-') : ' ';
  });
  const key = `${before.join('')}|${[...Array(table.size).keys()].filter((r) => categoryOf[r] === 1).join(',')}`;
  const hit = ctx.answeredCache.get(key);
  if (hit) return hit;
  const answered = countsAudit(
    ctx,
    categoryOf,
    2,
    (v) => {
      const s = shownAt(v);
      return s ? { cells: [], answered: s.n !== null } : null;
    },
    false,
  ).answered;
  ctx.answeredCache.set(key, answered);
  return answered;
}

/**
 * Complementary suppression of one count table (the last category: no answer) across the
 * release's groups — published, hidden and too small alike, since the attacker knows who is in
 * each — and every earlier publication of it.
 */
function countsAudit(
  ctx: CountContext,
  categoryOf: Int32Array,
  categories: number,
  shownBefore: (v: VisibleGroup) => { cells: number[]; answered: boolean } | null,
  answers = true,
): { shown: Set<number>[]; answered: boolean[] } {
  const { input, unitOf, history, candidates, hidden } = ctx;
  const groups: Int32Array[] = [];
  const visibleCats = new Map<number, Set<number>>();
  const visibleAnswered = new Set<number>();
  const historyIdx = new Map<VisibleGroup, number>();
  history.forEach((v) => {
    const s = shownBefore(v);
    if (!s) return;
    historyIdx.set(v, groups.length);
    visibleCats.set(groups.length, new Set(s.cells));
    if (s.answered) visibleAnswered.add(groups.length);
    groups.push(v.rows);
  });
  const indexOf = new Map<Candidate, number>();
  for (const c of [...candidates, ...hidden]) {
    indexOf.set(c, groups.length);
    groups.push(c.rows);
  }
  // The same group in several releases: each change of a cell is a count of its own.
  const byGroup = new Map<string, number[]>();
  for (const [v, i] of historyIdx) byGroup.set(v.pub.group, [...(byGroup.get(v.pub.group) ?? []), i]);
  for (const [c, i] of indexOf) byGroup.set(c.def.id, [...(byGroup.get(c.def.id) ?? []), i]);
  const versions = [...byGroup.values()].filter((v) => v.length > 1);
  const partitions = partitionsOf([...candidates, ...hidden], (c) => indexOf.get(c), [
    ['sector'],
    ['best', 'rest'],
  ]);
  const result = auditCounts({
    unitOf,
    categoryOf,
    categories,
    quiet: new Set([categories - 1]),
    ...(answers ? {} : { answerCategories: new Set<number>() }),
    groups,
    visible: visibleCats,
    visibleAnswered,
    candidates: candidates.map((c) => indexOf.get(c)!),
    hidden: hidden.map((c) => indexOf.get(c)!),
    versions,
    partitions,
    threshold: input.policy.k,
  });
  return {
    shown: candidates.map((c) => new Set(result.shown.get(indexOf.get(c)!) ?? [])),
    answered: candidates.map((c) => result.answered.has(indexOf.get(c)!)),
  };
}

/**
 * A single release of a set of organisations' answers with no history (an exchange file):
 * the figures anyone may be shown of it under the policy.
 */
/** Organisations' answers as first versions (organisation i + 1, release 1), as one release of a file has them. */
export function versionsOfOrganisations(
  instrument: Instrument,
  organisations: readonly OrganisationAnswers[],
): OrganisationVersion[] {
  const rules = organisationRules(instrument);
  return organisations.map((o, i) => {
    const row = organisationRow(instrument, o.respondents);
    // An exchange file's `org.*` columns, where the caller gives no attributes of its own.
    const a = o.attributes;
    return {
      id: i + 1,
      organisation: i + 1,
      release: 1,
      respondents: row.respondents,
      stage: row.stage,
      values: row.values,
      attributes: {
        sector: o.sector,
        type: o.type ?? a?.type ?? null,
        sizeBand: o.sizeBand ?? sizeBandOf(rules, o.sector, a?.size ?? null),
        ...((o.region ?? a?.region) ? { region: o.region ?? a?.region } : {}),
      },
    };
  });
}

/** An organisation's respondents' answers and public attributes. */
export interface OrganisationAnswers {
  readonly respondents: readonly RespondentData[];
  readonly sector: string;
  readonly type?: string | null;
  readonly sizeBand?: string | null;
  readonly region?: string | null;
  /** Attributes as an exchange file's `org.*` columns give them. */
  readonly attributes?: Partial<OrganisationAttributes>;
}

export function releaseOfOrganisations(
  instrument: Instrument,
  organisations: readonly OrganisationAnswers[],
  policy: DisclosurePolicy,
  at: string,
): ReleaseContent {
  const versions = versionsOfOrganisations(instrument, organisations);
  return buildRelease({ instrument, policy, number: 1, at, final: true, versions, previous: [] });
}
