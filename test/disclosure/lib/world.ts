/**
 * The attacker's world: dt-offentlig organisations built from a few numbers, a round's history
 * of versions and releases, and everything the attacker can see of it. Membership of a
 * publication is recomputed here from its predicate and the versions (not with src's
 * membersOf), so that a wrong membership in src shows up as a disagreement, not as a blind spot.
 */
import { organisationRow } from '../../../src/core/figures/organisation-row.ts';
import { valuePosition } from '../../../src/core/figures/layout.ts';
import { buildRelease } from '../../../src/core/release/build.ts';
import type { ComparisonSet, GroupPredicate } from '../../../src/core/release/groups.ts';
import type { OrganisationVersion, Publication, ReleaseContent } from '../../../src/core/release/types.ts';
import type { DisclosurePolicy } from '../../../src/core/disclosure/policy.ts';
import type { Answers, Instrument } from '../../../src/core/instrument/types.ts';
import type { RespondentData } from '../../../src/core/exchange/types.ts';
import { loadBuiltinInstrument } from '../../../src/instruments/registry.ts';
import { type7 } from './quantile.ts';

export const DT: Instrument = await loadBuiltinInstrument('dt-offentlig');

export const COMPETENCIES = [
  'leadership',
  'clarity',
  'methods',
  'data',
  'partnership',
  'diversity',
  'decisions',
];
export const DOMAINS = ['services', 'processes', 'citizen', 'employees'];

export interface Person {
  readonly role?: string;
  /** Every scale answer not set otherwise. */
  readonly v?: number;
  readonly importance?: number;
  /** Self-assessment per competency (every item of it), in COMPETENCIES order. */
  readonly comp?: readonly number[];
  /** Effort per domain, in DOMAINS order. */
  readonly effort?: readonly number[];
  readonly budget?: number;
  /** Answer ids left unanswered. */
  readonly skip?: readonly string[];
}

export function answersOf(p: Person): Answers {
  const v = p.v ?? 3;
  const a: Record<string, Answers[string]> = { 'profile.role': p.role ?? 'topleder' };
  for (const [id, slot] of DT.slotById) if (slot.kind === 'scale') a[id] = v;
  if (p.importance !== undefined) a['why.importance'] = p.importance;
  COMPETENCIES.forEach((c, i) => {
    a[`how.${c}.rank`] = i + 1;
    const score = p.comp?.[i];
    if (score === undefined) return;
    for (const id of DT.slotById.keys()) if (id.startsWith(`how.${c}.q`)) a[id] = score;
  });
  DOMAINS.forEach((d, i) => {
    const e = p.effort?.[i];
    if (e !== undefined) a[`what.${d}.effort`] = e;
  });
  if (p.budget !== undefined) a['reflection.digital.budget.share'] = p.budget;
  for (const id of p.skip ?? []) delete a[id];
  return a;
}

export interface OrgSpec {
  readonly sector: string;
  readonly type?: string;
  readonly sizeBand?: string;
  /** One respondent each; default one top executive answering 3 everywhere. */
  readonly people?: readonly Person[];
  /** Or the respondents' answers as they are. */
  readonly respondents?: readonly RespondentData[];
}

/** One top executive whose answers give the organisation exactly these values. */
export const single = (sector: string, sizeBand: string, p: Person, type = sector): OrgSpec => ({
  sector,
  type,
  sizeBand,
  people: [p],
});

export const respondentsOf = (spec: OrgSpec): RespondentData[] =>
  spec.respondents
    ? [...spec.respondents]
    : (spec.people ?? [{}]).map((p, i) => ({ id: `r${i + 1}`, answers: answersOf(p) }));

/** A round as it unfolds: versions made before each release, and the releases. */
export class History {
  readonly versions: OrganisationVersion[] = [];
  readonly releases: ReleaseContent[] = [];
  /** Official comparison sets given to every release from now on. */
  comparisonSets: ComparisonSet[] = [];
  private nextId = 1;

  constructor(
    readonly policy: DisclosurePolicy = { k: 5, respondentMin: 3 },
    readonly instrument: Instrument = DT,
  ) {}

  /** The number the next release will have. */
  get next(): number {
    return this.releases.length + 1;
  }

  /** A new version of `organisation` for the next release; null: it leaves the round. */
  set(organisation: number, spec: OrgSpec | null): this {
    const last = [...this.versions].reverse().find((v) => v.organisation === organisation);
    const attributes = spec
      ? { sector: spec.sector, type: spec.type ?? spec.sector, sizeBand: spec.sizeBand ?? null }
      : last?.attributes;
    if (!attributes) throw new Error(`organisation ${organisation} has no attributes`);
    const row = spec ? organisationRow(this.instrument, respondentsOf(spec)) : null;
    this.versions.push({
      id: this.nextId++,
      organisation,
      release: this.next,
      respondents: row?.respondents ?? 0,
      stage: row?.stage ?? null,
      values: row?.values ?? new Float64Array(0),
      attributes,
    });
    return this;
  }

  /** Adds every spec as a new organisation (ids from `first`). */
  join(specs: readonly OrgSpec[], first: number): this {
    specs.forEach((s, i) => this.set(first + i, s));
    return this;
  }

  release(final = false): ReleaseContent {
    const content = buildRelease({
      instrument: this.instrument,
      policy: this.policy,
      number: this.next,
      at: `2025-01-${String(this.next).padStart(2, '0')}T00:00:00.000Z`,
      final,
      versions: this.versions,
      previous: this.releases,
      comparisonSets: this.comparisonSets,
    });
    this.releases.push(content);
    return content;
  }
}

/** The version of each participating organisation at release `r` (index into `versions`). */
export function currentAt(versions: readonly OrganisationVersion[], r: number): Map<number, number> {
  const best = new Map<number, number>();
  versions.forEach((v, i) => {
    if (v.release > r) return;
    const b = best.get(v.organisation);
    const w = b === undefined ? undefined : versions[b]!;
    if (!w || v.release > w.release || (v.release === w.release && v.id > w.id)) best.set(v.organisation, i);
  });
  for (const [o, i] of best) if (versions[i]!.respondents === 0) best.delete(o);
  return best;
}

export function valueOf(instrument: Instrument, v: OrganisationVersion, ref: string): number | null {
  const at = valuePosition(instrument, ref);
  if (at === undefined || at >= v.values.length) return null;
  const x = v.values[at]!;
  return Number.isNaN(x) ? null : x;
}

/** `threshold`: for the top share by a value, where it starts among the versions of that release. */
function holds(
  instrument: Instrument,
  v: OrganisationVersion,
  p: GroupPredicate,
  threshold: number | null,
): boolean {
  if ('all' in p) return true;
  if ('attribute' in p) {
    if (p.attribute === 'sector') return v.attributes.sector === p.equals;
    // A band is named with its sector (`kommune/small`): limits differ by sector.
    const [sector, band] = p.equals.split('/');
    return band === undefined
      ? v.attributes.sizeBand === p.equals
      : v.attributes.sector === sector && v.attributes.sizeBand === band;
  }
  if ('cells' in p)
    return p.cells.includes(
      `${v.attributes.sector}/${v.attributes.type ?? 'none'}/${v.attributes.sizeBand ?? 'none'}`,
    );
  if ('units' in p) return p.units.includes(v.organisation);
  const x = valueOf(instrument, v, p.ref);
  const above = threshold !== null && x !== null && x >= threshold;
  return 'top' in p ? above : !above;
}

/** Indices into `versions` of the versions a predicate selects at release `r`, ascending. */
export function membersAt(
  instrument: Instrument,
  versions: readonly OrganisationVersion[],
  r: number,
  p: GroupPredicate,
): number[] {
  const current = [...currentAt(versions, r).values()];
  let threshold: number | null = null;
  if ('top' in p || 'rest' in p) {
    const values = current
      .map((i) => valueOf(instrument, versions[i]!, p.ref))
      .filter((x): x is number => x !== null)
      .sort((a, b) => a - b);
    threshold = type7(values, 1 - ('top' in p ? p.top : p.rest));
  }
  return current.filter((i) => holds(instrument, versions[i]!, p, threshold)).sort((a, b) => a - b);
}

export interface Seen {
  readonly key: string;
  readonly pub: Publication;
  /** Indices into `versions`. */
  readonly members: number[];
}

/** Every publication anyone has seen in the releases, once each, with its members. */
export function seenPublications(
  instrument: Instrument,
  versions: readonly OrganisationVersion[],
  releases: readonly ReleaseContent[],
): Seen[] {
  const out = new Map<string, Seen>();
  for (const r of releases)
    for (const g of r.groups) {
      const pub = g.publication;
      if (!pub) continue;
      const key = `${pub.group}@${pub.release}`;
      if (!out.has(key))
        out.set(key, { key, pub, members: membersAt(instrument, versions, pub.release, pub.predicate) });
    }
  return [...out.values()];
}

/** Every group a release defines (shown or not), with its members at that release. */
export function definedGroups(
  instrument: Instrument,
  versions: readonly OrganisationVersion[],
  releases: readonly ReleaseContent[],
): { key: string; group: string; release: number; members: number[] }[] {
  const out = new Map<string, { key: string; group: string; release: number; members: number[] }>();
  for (const r of releases)
    for (const g of r.groups) {
      const members = membersAt(instrument, versions, r.number, g.predicate);
      const key = members.join(',');
      if (members.length > 0 && !out.has(key))
        out.set(key, { key: `${g.group}#${r.number}`, group: g.group, release: r.number, members });
    }
  return [...out.values()];
}

/** Organisations in a list of version indices. */
export const orgsOf = (versions: readonly OrganisationVersion[], members: readonly number[]) =>
  new Set(members.map((i) => versions[i]!.organisation));

export const leafIndex = (figure: string, instrument: Instrument = DT) =>
  instrument.figures.findIndex((f) => f.id === figure);

/**
 * Competency scores that add up to 7 + s (0 ≤ s ≤ 28): with every effort at 1, the maturity
 * index is exactly 2.5 · s, so index values can be chosen.
 */
export function compForIndex(s: number): number[] {
  const comp = [1, 1, 1, 1, 1, 1, 1];
  for (let i = 0; i < s; i++) comp[i % 7]!++;
  return comp;
}

/** An organisation whose index is 2.5 · s (and whose budget share is `budget`). */
export const indexed = (
  sector: string,
  sizeBand: string,
  s: number,
  budget?: number,
  people = 1,
): OrgSpec => ({
  sector,
  type: sector,
  sizeBand,
  people: Array.from({ length: people }, (_, i) => ({
    role: i === 0 ? 'topleder' : 'forretning',
    v: 3,
    comp: compForIndex(s),
    effort: [1, 1, 1, 1],
    importance: 1 + (s % 5),
    ...(budget === undefined ? {} : { budget }),
  })),
});
