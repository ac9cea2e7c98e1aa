/**
 * An organisation against its peers in a release: the groups it is compared with, each
 * group's shown quartiles, and the organisation's own place in them. A release is prepared
 * once (its publications' members and their sorted values) and then serves every report.
 */
import { shownPercentile, type ShownPercentile } from '../disclosure/leaf-rules.ts';
import type { ShownLeaf } from '../figures/assemble.ts';
import type { UnitTable } from '../figures/table.ts';
import type { Instrument } from '../instrument/types.ts';
import { currentRows, peerRefs, unitTable } from './build.ts';
import { byAttributes, inGroup, membersOf, PEER_KINDS } from './groups.ts';
import type { GroupState, OrganisationVersion, ReleaseContent } from './types.ts';

export interface PreparedRelease {
  readonly instrument: Instrument;
  readonly content: ReleaseContent;
  readonly table: UnitTable;
  readonly versions: readonly OrganisationVersion[];
  /** Row of each organisation's version current at this release. */
  readonly rowOf: ReadonlyMap<number, number>;
  /** Every row of each organisation (all its versions). */
  readonly rowsOfOrganisation: ReadonlyMap<number, readonly number[]>;
  /** Per shown publication (`group@release`): its members' rows and their sorted values. */
  readonly publications: ReadonlyMap<
    string,
    { readonly rows: Int32Array; readonly sorted: ReadonlyMap<string, Float64Array> }
  >;
}

export const publicationKey = (p: { group: string; release: number }) => `${p.group}@${p.release}`;

export function prepareRelease(
  instrument: Instrument,
  content: ReleaseContent,
  versions: readonly OrganisationVersion[],
): PreparedRelease {
  const table = unitTable(instrument, versions);
  const rowsAt = new Map<number, Int32Array>();
  const at = (r: number) => {
    let rows = rowsAt.get(r);
    if (!rows) rowsAt.set(r, (rows = currentRows(versions, r)));
    return rows;
  };
  const now = at(content.number);
  const rowOf = new Map<number, number>([...now].map((r) => [versions[r]!.organisation, r]));
  const refs = peerRefs(instrument);
  const publications = new Map<string, { rows: Int32Array; sorted: Map<string, Float64Array> }>();
  for (const state of content.groups) {
    const pub = state.publication;
    if (!pub?.peer || publications.has(publicationKey(pub))) continue;
    const rows = membersOf(table, at(pub.release), pub.predicate);
    const sorted = new Map<string, Float64Array>();
    for (const ref of refs) {
      const c = table.column(ref);
      const values: number[] = [];
      for (const r of rows) if (!Number.isNaN(c[r]!)) values.push(c[r]!);
      sorted.set(ref, Float64Array.from(values).sort());
    }
    publications.set(publicationKey(pub), { rows, sorted });
  }
  const rowsOfOrganisation = new Map<number, number[]>();
  versions.forEach((v, i) =>
    rowsOfOrganisation.set(v.organisation, [...(rowsOfOrganisation.get(v.organisation) ?? []), i]),
  );
  return { instrument, content, table, versions, rowOf, rowsOfOrganisation, publications };
}

export interface PeerGroupView {
  readonly state: GroupState;
  /** The organisation is among the organisations the shown figures come from. */
  readonly member: boolean;
  /** Per benchmarked value: the group's figure as shown, and the organisation's place in it. */
  readonly figures: Readonly<
    Record<string, { readonly shown: ShownLeaf; readonly percentile: ShownPercentile | null }>
  >;
}

/**
 * The peer groups of an organisation: of each kind, the group it belongs to now (of comparison
 * sets, its own), and the best-practice group whether or not it is in it. Empty when the organisation has no version
 * in the release.
 */
export function organisationPeers(prepared: PreparedRelease, organisation: number): PeerGroupView[] {
  const row = prepared.rowOf.get(organisation);
  if (row === undefined) return [];
  const { table, content } = prepared;
  const policy = content.policy;
  const out: PeerGroupView[] = [];
  for (const state of content.groups) {
    if (!PEER_KINDS.includes(state.kind)) continue;
    // An organisation is compared with its own comparison set, not with every set it is listed in.
    if ('owner' in state.predicate && state.predicate.owner !== organisation) continue;
    const isIn = byAttributes(state.predicate) && inGroup(table, row, state.predicate);
    if (state.kind !== 'best' && !isIn) continue;
    const pub = state.publication;
    const prepared_ = pub ? prepared.publications.get(publicationKey(pub)) : undefined;
    // The organisation as it was when the figures were made: its place among them is fixed
    // with them, so answering again cannot be used to probe the group's values.
    const then = pub ? versionAt(prepared, organisation, pub.release) : undefined;
    const member = prepared_ !== undefined && then !== undefined && prepared_.rows.includes(then);
    const figures: Record<string, { shown: ShownLeaf; percentile: ShownPercentile | null }> = {};
    if (pub?.peer && prepared_)
      for (const [ref, shown] of Object.entries(pub.peer)) {
        const own = member ? table.column(ref)[then!]! : Number.NaN;
        figures[ref] = {
          shown,
          percentile: shownPercentile(
            prepared_.sorted.get(ref) ?? new Float64Array(),
            Number.isNaN(own) ? null : own,
            policy,
          ),
        };
      }
    out.push({ state, member, figures });
  }
  return out;
}

/** The row of the organisation's version current at an earlier release (its membership then). */
function versionAt(prepared: PreparedRelease, organisation: number, release: number): number | undefined {
  let best: number | undefined;
  for (const i of prepared.rowsOfOrganisation.get(organisation) ?? []) {
    const v = prepared.versions[i]!;
    if (v.release > release) continue;
    const b = best === undefined ? undefined : prepared.versions[best]!;
    if (!b || v.release > b.release || (v.release === b.release && v.id > b.id)) best = i;
  }
  return best !== undefined && prepared.versions[best]!.respondents > 0 ? best : undefined;
}
