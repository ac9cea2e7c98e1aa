/**
 * Advice → the organisation's result in a related instrument. An instrument declares whose
 * advice it follows up (`relatedAdvice`: the security triangle follows up dt-offentlig's
 * recommendation `security`); where an organisation's report gives that advice, and the
 * organisation has a result of the related instrument, the advice points to it — with what
 * the result says in plain words (the flags it raises, e.g. corners with no named owner).
 * Pure: the caller decides which results the reader may see.
 */
import type { AdviceItem } from '../advice/advise.ts';
import type { Text } from '../instrument/schema.ts';
import type { Instrument } from '../instrument/types.ts';
import type { ResultHeadline } from './headline.ts';

/** One result of the organisation in another instrument (its latest round the reader may see). */
export interface OrganisationResult {
  readonly instrument: Instrument;
  readonly round: string;
  readonly roundTitle: Text;
  /** When the result was released (ISO timestamp), null when not yet. */
  readonly releasedAt: string | null;
  /** Null when the round has no released result of the organisation yet. */
  readonly headline: ResultHeadline | null;
}

export interface RelatedResult {
  /** The advice item it belongs to (a competency or domain id of the advising instrument). */
  readonly advice: string;
  /** The recommendations of that advice item the result follows up. */
  readonly recommendations: readonly string[];
  readonly result: OrganisationResult & { readonly headline: ResultHeadline };
}

/**
 * For each advice item of `advising`, the results that follow up one of its recommendations,
 * in the order of `results`. A result without a released headline is left out: there is
 * nothing yet to point to.
 */
export function relatedResults(
  advising: Instrument,
  advice: readonly AdviceItem[],
  results: readonly OrganisationResult[],
): RelatedResult[] {
  const out: RelatedResult[] = [];
  for (const item of advice) {
    for (const result of results) {
      const { headline } = result;
      if (headline === null || result.instrument.id === advising.id) continue;
      const follows = result.instrument.def.relatedAdvice
        .filter((r) => r.instrument === advising.id)
        .flatMap((r) => r.recommendations);
      const recommendations = item.recommendations.filter((r) => follows.includes(r));
      if (recommendations.length > 0)
        out.push({ advice: item.id, recommendations, result: { ...result, headline } });
    }
  }
  return out;
}
