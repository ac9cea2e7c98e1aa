/**
 * The disclosure policy of a round: how many organisations a figure about organisations needs
 * (k), and how many respondents a figure about a group of people inside one organisation needs.
 * Declared per round; the floors below are not negotiable, because under them the rules stop
 * protecting anyone (with k = 2, either organisation can subtract itself from a group figure).
 */

export const K_FLOOR = 3;
export const DEFAULT_K = 5;
export const RESPONDENT_FLOOR = 2;
export const DEFAULT_RESPONDENT_MIN = 3;
/** Exact quantiles only from groups of at least this many times k (else bands). */
export const EXACT_QUANTILE_FACTOR = 3;
/** The p % rule for sums of unbounded numbers: the others must hide the largest by at least p %. */
export const DOMINANCE_P = 0.1;

export interface DisclosurePolicy {
  /** No figure about organisations from fewer than k of them. */
  readonly k: number;
  /** No figure about a group of respondents inside an organisation from fewer than this. */
  readonly respondentMin: number;
}

export class PolicyError extends RangeError {
  constructor(
    readonly field: 'k' | 'respondentMin',
    message: string,
  ) {
    super(message);
  }
}

export const K_FLOOR_MESSAGE = `k must be a whole number of at least ${3} organisations: below that, a member can subtract itself from a group figure and read the others'`;
export const RESPONDENT_FLOOR_MESSAGE = `the respondent minimum must be a whole number of at least ${2}: with one respondent a group figure is that person's answer`;

/** The policy, or a PolicyError that names the field and the floor. */
export function disclosurePolicy(input: { k?: number; respondentMin?: number } = {}): DisclosurePolicy {
  const k = input.k ?? DEFAULT_K;
  const respondentMin = input.respondentMin ?? DEFAULT_RESPONDENT_MIN;
  if (!Number.isInteger(k) || k < K_FLOOR) throw new PolicyError('k', `${K_FLOOR_MESSAGE} (got ${k})`);
  if (!Number.isInteger(respondentMin) || respondentMin < RESPONDENT_FLOOR)
    throw new PolicyError('respondentMin', `${RESPONDENT_FLOOR_MESSAGE} (got ${respondentMin})`);
  return { k, respondentMin };
}

/** Groups of at least this size get exact quantiles; smaller ones (from k) get bands. */
export const exactQuantileMin = (policy: DisclosurePolicy) => EXACT_QUANTILE_FACTOR * policy.k;
