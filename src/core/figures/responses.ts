/**
 * Response counts of a round for the people running it: invited and answered, per sector and
 * organisation. Operational counts, not figures about answers (they are never published).
 */

export interface ResponseCounts {
  readonly organisations: number;
  /** Organisations with at least one submission. */
  readonly organisationsAnswered: number;
  readonly respondents: number;
  readonly submitted: number;
}

export function sumResponses(
  rows: readonly { readonly respondents: number; readonly submitted: number }[],
): ResponseCounts {
  return {
    organisations: rows.length,
    organisationsAnswered: rows.filter((r) => r.submitted > 0).length,
    respondents: rows.reduce((n, r) => n + r.respondents, 0),
    submitted: rows.reduce((n, r) => n + r.submitted, 0),
  };
}

/** Share answered, 0–1; null with nobody invited. */
export const responseRate = (c: ResponseCounts): number | null =>
  c.respondents === 0 ? null : c.submitted / c.respondents;
