/**
 * The item where respondents say their role: the one single-choice item every respondent group
 * is defined by (`profile.role` in dt-offentlig). An invitation file's `role` column is checked
 * against its codes, and the survey starts with that answer filled in.
 */
import type { Condition, Text } from './schema.ts';
import type { Answers, Instrument } from './types.ts';

export interface RoleItem {
  readonly id: string;
  readonly codes: readonly string[];
  /** Each code's label, as the survey shows it. */
  readonly labels: Readonly<Record<string, Text>>;
}

function itemsOf(condition: Condition, into: Set<string>): void {
  if ('all' in condition) condition.all.forEach((c) => itemsOf(c, into));
  else if ('any' in condition) condition.any.forEach((c) => itemsOf(c, into));
  else if ('not' in condition) itemsOf(condition.not, into);
  else into.add(condition.item);
}

/** Null when the instrument has no respondent groups, or they rest on more than one item. */
export function roleItemOf(instrument: Instrument): RoleItem | null {
  const items = new Set<string>();
  for (const group of instrument.respondentGroups) itemsOf(group.where, items);
  if (items.size !== 1) return null;
  const [id] = [...items] as [string];
  const slot = instrument.slotById.get(id);
  if (slot?.kind !== 'choice' || slot.multiple) return null;
  const labels = Object.fromEntries(slot.item.options.map((o) => [o.value, o.label]));
  return { id, codes: slot.values, labels };
}

/** The answers a respondent's survey starts with beyond what they saved: their role, if known. */
export function prefilledAnswers(instrument: Instrument, role: string | null): Answers {
  const item = roleItemOf(instrument);
  return item && role !== null && item.codes.includes(role) ? { [item.id]: role } : {};
}
