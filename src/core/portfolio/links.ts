/**
 * Links from the portfolio to the assessment: the ids an initiative's `competency` may name
 * are dt-offentlig's competencies and effect domains, read from the instrument (data), not
 * listed here. The coverage of an organisation's largest gaps: which of them at least one
 * live (not stopped) initiative names.
 */
import type { Instrument } from '../instrument/types.ts';
import type { Initiative } from './types.ts';

/** Competency ids (from `how.<c>.rank`) and domain ids (from `what.<d>.priority`). */
export function linkableIds(instrument: Instrument): Set<string> {
  const ids = new Set<string>();
  for (const id of instrument.answerIds) {
    const m = /^how\.([a-z-]+)\.rank$/.exec(id) ?? /^what\.([a-z-]+)\.priority$/.exec(id);
    if (m) ids.add(m[1]!);
  }
  return ids;
}

export interface GapCoverage {
  readonly gap: string;
  /** The live initiatives that name it. */
  readonly initiatives: readonly string[];
}

export function gapCoverage(gaps: readonly string[], initiatives: readonly Initiative[]): GapCoverage[] {
  return gaps.map((gap) => ({
    gap,
    initiatives: initiatives
      .filter((i) => i.competency === gap && i.status !== 'stoppet')
      .map((i) => i.initiative),
  }));
}
