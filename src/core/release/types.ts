/**
 * A release: the figures of a round as others may see them, fixed at one moment. Peer and
 * sector figures are only ever read from releases, never computed live, so that one more
 * answer can never be read off by comparing two views. See docs/disclosure.md.
 */
import type { ShownLeaf } from '../figures/assemble.ts';
import type { UnitAttributes } from '../figures/table.ts';
import type { DisclosurePolicy } from '../disclosure/policy.ts';
import type { GroupKind, GroupPredicate } from './groups.ts';

/** An organisation's released version: what it contributes to every figure of the releases it is in. */
export interface OrganisationVersion {
  /** Unique in the round; a version never changes. */
  readonly id: number;
  readonly organisation: number;
  /** The release that made it. */
  readonly release: number;
  /** 0: the organisation no longer has answers (it left the round). */
  readonly respondents: number;
  readonly stage: string | null;
  readonly values: ArrayLike<number>;
  readonly attributes: UnitAttributes;
}

/** A group's figures, computed over the organisations' versions current at one release. */
export interface Publication {
  readonly group: string;
  readonly kind: GroupKind;
  /** The release whose versions the figures are computed over. */
  readonly release: number;
  readonly predicate: GroupPredicate;
  readonly size: number;
  /** Respondents of the group's organisations. */
  readonly respondents: number;
  /** Quartiles per benchmarked value (peer comparison), or null when the kind has none. */
  readonly peer: Readonly<Record<string, ShownLeaf>> | null;
  /** The instrument's figures, leaf by leaf as shown, or null when the kind has none. */
  readonly sector: Readonly<Record<string, readonly ShownLeaf[]>> | null;
}

export type GroupStatus =
  /** Shows a publication made in this release. */
  | 'published'
  /** Its members have not changed since the publication it shows. */
  | 'unchanged'
  /** Changed, but shows its earlier publication (see `reason`). */
  | 'kept'
  /** Nothing can be shown (see `reason`). */
  | 'not-shown';

export type GroupReason =
  /** Fewer than k organisations. */
  | 'too-few'
  /** Fewer than k organisations joined, left or changed since its publication. */
  | 'few-changes'
  /** Its figures would differ from another visible group's by fewer than k organisations. */
  | 'overlap'
  /** Showing it would let a hidden group be worked out by subtraction. */
  | 'complementary';

export interface GroupState {
  readonly group: string;
  readonly kind: GroupKind;
  /** Who is in the group now (a publication shown may be of an earlier membership). */
  readonly predicate: GroupPredicate;
  readonly status: GroupStatus;
  readonly reason?: GroupReason;
  /** The publication shown, if any. */
  readonly publication: Publication | null;
  /** Organisations in the group now. */
  readonly members: number;
  /** Organisations that joined, left or changed since the publication shown (0 when current). */
  readonly pending: number;
}

export interface ReleaseContent {
  readonly number: number;
  /** ISO timestamp. */
  readonly at: string;
  readonly policy: DisclosurePolicy;
  /** Made when the round was closed. */
  readonly final: boolean;
  readonly groups: readonly GroupState[];
}
