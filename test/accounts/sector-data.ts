/** A small dt-offentlig round whose sector figures are computed by hand in the tests. */
import type { OrganisationData, RespondentData, Sector } from '../../src/core/exchange/types.ts';
import type { Answers } from '../../src/core/instrument/types.ts';

const COMPETENCIES = ['leadership', 'clarity', 'methods', 'data', 'partnership', 'diversity', 'decisions'];
const DOMAINS = ['services', 'processes', 'citizen', 'employees'];
const ITEMS = [
  'how.leadership.q1',
  'how.leadership.q2',
  'how.leadership.q3',
  'how.clarity.q1',
  'how.clarity.q2',
  'how.methods.q1',
  'how.data.q1',
  'how.data.q2',
  'how.partnership.q1',
  'how.diversity.q1',
  'how.decisions.q1',
];

/** Every scale answer `v`, importance `importance`; ranks in order A (leadership first) or B (reversed). */
export function respondent(
  id: string,
  role: string,
  v: number,
  importance: number,
  order: 'A' | 'B',
  comment = '',
): RespondentData {
  const answers: Record<string, Answers[string]> = { 'profile.role': role, 'why.importance': importance };
  for (const impact of ['optimise', 'division', 'portfolio']) answers[`why.impact.${impact}`] = v;
  for (const d of DOMAINS) {
    answers[`what.${d}.priority`] = v;
    answers[`what.${d}.effort`] = v;
  }
  for (const item of ITEMS) answers[item] = v;
  COMPETENCIES.forEach((c, i) => (answers[`how.${c}.rank`] = order === 'A' ? i + 1 : 7 - i));
  if (comment) answers['reflection.comment'] = comment;
  return { id, answers };
}

export const org = (name: string, sector: Sector, respondents: RespondentData[]): OrganisationData => ({
  name,
  sector,
  respondents,
});

/**
 * K1–K3 (kommune) have a business and an IT respondent; R1 (region) one business leader.
 * Values 4, 3, 2, 1 give maturity indexes 75, 50, 25, 0.
 */
export const HAND_ROUND: OrganisationData[] = [
  org('K1 Kommune', 'kommune', [respondent('a', 'topleder', 4, 4, 'A'), respondent('b', 'it', 4, 5, 'B')]),
  org('K2 Kommune', 'kommune', [respondent('a', 'forretning', 3, 4, 'A'), respondent('b', 'it', 3, 4, 'B')]),
  org('K3 Kommune', 'kommune', [respondent('a', 'topleder', 2, 3, 'A'), respondent('b', 'it', 2, 3, 'B')]),
  org('R1 Region', 'region', [respondent('a', 'topleder', 1, 2, 'A')]),
];
