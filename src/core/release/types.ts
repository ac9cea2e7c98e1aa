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
  /** Respondents of the group's organisations; null when it would be a count of a few (see the set audit). */
  readonly respondents: number | null;
  /** Quartiles per benchmarked value (peer comparison), or null when the kind has none. */
  readonly peer: Readonly<Record<string, ShownLeaf>> | null;
  /** The instrument's figures, leaf by leaf as shown, or null when the kind has none. */
  readonly sector: Readonly<Record<string, readonly ShownLeaf[]>> | null;
}

/**
 * What a release says about a group. Only what its figures show anyway: whether they are new,
 * and, when none are shown, a reason that follows from who is in the groups (not from anyone's
 * answers). Whether a group kept earlier figures because nobody changed or because too few did
 * is not said, nor how many are in it now: both would count the few who changed.
 */
export type GroupStatus =
  /** Shows a publication made in this release. */
  | 'published'
  /** Shows a publication of an earlier release. */
  | 'kept'
  /** Nothing can be shown (see `reason`). */
  | 'not-shown';

export type GroupReason =
  /** Fewer than k organisations. */
  | 'too-few'
  /** Its figures would differ from another visible group's by fewer than k organisations. */
  | 'overlap'
  /** Showing it would let a hidden group be worked out by subtraction. */
  | 'complementary'
  /**
   * Not refreshed since fewer than k organisations changed in it, or a group defined by the
   * answers (best practice, the rest), whose reasons would say something about those answers.
   */
  | 'withheld';

export interface GroupState {
  readonly group: string;
  readonly kind: GroupKind;
  /** Who is in the group (a publication shown may be of an earlier membership). */
  readonly predicate: GroupPredicate;
  readonly status: GroupStatus;
  /** Why nothing is shown (only for not-shown). */
  readonly reason?: GroupReason;
  /** The publication shown, if any. */
  readonly publication: Publication | null;
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
