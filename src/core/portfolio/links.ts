/**
 * Links from the portfolio to the assessment: the ids an initiative's `competency` may name
 * are dt-offentlig's competencies and effect domains, read from the instrument (data), not
 * listed here. The coverage of an organisation's largest gaps: which of them a running
 * initiative names, which only a planned one (an idea or a decision), and which none.
 */
import type { Instrument } from '../instrument/types.ts';
import type { AdviceKey } from '../plans/plan.ts';
import { RUNNING_STATUSES, type Initiative } from './types.ts';

/** Competency ids (from `how.<c>.rank`) and domain ids (from `what.<d>.priority`). */
export function linkableIds(instrument: Instrument): Set<string> {
  const ids = new Set<string>();
  for (const id of instrument.answerIds) {
    const m = /^how\.([a-z-]+)\.rank$/.exec(id) ?? /^what\.([a-z-]+)\.priority$/.exec(id);
    if (m) ids.add(m[1]!);
  }
  return ids;
}

/**
 * The id an initiative names for a plan step answering `advice` (`competency:x` or
 * `domain:y` → `x` / `y`), or null when the step answers no advice.
 */
export const linkOfAdvice = (advice: AdviceKey | null): string | null =>
  advice === null ? null : advice.slice(advice.indexOf(':') + 1);

export type Coverage = 'covered' | 'planned' | 'uncovered';

export interface GapCoverage {
  readonly gap: string;
  /** Running initiatives (`i-gang`, `i-drift`) that name it: these cover it. */
  readonly running: readonly string[];
  /** Ideas and decided initiatives that name it: not yet at work on it. */
  readonly planned: readonly string[];
  readonly coverage: Coverage;
}

type Named = Pick<Initiative, 'initiative' | 'status' | 'competency'>;

/** For each gap (a competency or domain id), in the order given, the initiatives naming it. */
export function gapCoverage(gaps: readonly string[], initiatives: readonly Named[]): GapCoverage[] {
  return gaps.map((gap) => {
    const naming = initiatives.filter((i) => i.competency === gap);
    const running = naming.filter((i) => RUNNING_STATUSES.includes(i.status)).map((i) => i.initiative);
    const planned = naming
      .filter((i) => i.status === 'ide' || i.status === 'besluttet')
      .map((i) => i.initiative);
    const coverage: Coverage = running.length > 0 ? 'covered' : planned.length > 0 ? 'planned' : 'uncovered';
    return { gap, running, planned, coverage };
  });
}
