/**
 * Where "Continue" takes a respondent back to: the first unanswered question of the part where
 * they stopped. "Where they stopped" is read from the answers themselves (the last part that
 * has any answer), not from this browser's history, so it holds on a second device too.
 */
import {
  isAnswered,
  itemVisible,
  visibleSections,
  type Answers,
  type SurveyInstrument,
} from './instrument.ts';

export type ResumePoint =
  | { readonly kind: 'question'; readonly sectionId: string; readonly itemId: string }
  | { readonly kind: 'review' };

export function resumePoint(instrument: SurveyInstrument, answers: Answers): ResumePoint {
  const sections = visibleSections(instrument, answers).map((section) => ({
    id: section.id,
    items: section.items
      .filter((item) => itemVisible(instrument, item.id, answers))
      .map((item) => ({ id: item.id, answered: isAnswered(instrument, item, answers) })),
  }));
  let last = -1;
  sections.forEach((section, index) => {
    if (section.items.some((item) => item.answered)) last = index;
  });
  // From the part where they stopped onwards, then any part they skipped before it.
  const order = [...sections.slice(Math.max(last, 0)), ...sections.slice(0, Math.max(last, 0))];
  for (const section of order) {
    const open = section.items.find((item) => !item.answered);
    if (open) return { kind: 'question', sectionId: section.id, itemId: open.id };
  }
  return { kind: 'review' };
}
