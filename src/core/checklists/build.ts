/**
 * An organisation's checklist from its own answers (never other organisations'): per group its
 * owner(s), its measure (readiness, state), its flag, and per item the organisation's status and
 * the evidence its leaders wrote; then the next steps — the items still at the declared status in
 * the weakest groups. Free text appears here only, in the organisation's own report.
 *
 * With several respondents an item's status is the most common answer; a tie goes to the weaker
 * answer (the lower score, or the later option), so a checklist never looks better than the
 * least confident answer among the tied ones.
 */
import { isMissing } from '../answers/values.ts';
import type { RespondentData } from '../exchange/types.ts';
import { flagValue } from '../flags/flags.ts';
import type { ChecklistDef, Text } from '../instrument/schema.ts';
import type { Instrument } from '../instrument/types.ts';
import { scoreOrganisation } from '../scoring/organisation.ts';

export interface ChecklistItemResult {
  readonly item: string;
  readonly label: Text;
  /** The organisation's status (option value), or null when nobody answered. */
  readonly status: string | null;
  readonly statusLabel: Text | null;
  readonly done: boolean;
  readonly evidence: readonly string[];
}

export interface ChecklistGroupResult {
  readonly id: string;
  readonly label: Text;
  /** The owners named, in the item's order, with their labels. */
  readonly owners: readonly { readonly value: string; readonly label: Text }[];
  readonly measure: number | null;
  /** The measure's label (or the item's, for an answer id). */
  readonly measureLabel: Text | null;
  readonly flag: { readonly raised: boolean; readonly label: Text; readonly text: Text } | null;
  readonly notes: readonly string[];
  readonly items: readonly ChecklistItemResult[];
}

export interface ChecklistResult {
  readonly id: string;
  readonly title: Text;
  readonly intro: Text | null;
  readonly groups: readonly ChecklistGroupResult[];
  /** Items still at `nextSteps.status` in the weakest groups, weakest group first. */
  readonly nextSteps: readonly {
    readonly group: string;
    readonly groupLabel: Text;
    readonly item: string;
    readonly label: Text;
  }[];
}

export function buildChecklists(
  instrument: Instrument,
  respondents: readonly RespondentData[],
): ChecklistResult[] {
  if (instrument.def.checklists.length === 0) return [];
  const values = scoreOrganisation(instrument, { name: '', sector: 'andet', respondents }).values;
  return instrument.def.checklists.map((c) => buildOne(instrument, c, respondents, values));
}

function buildOne(
  instrument: Instrument,
  c: ChecklistDef,
  respondents: readonly RespondentData[],
  values: Readonly<Record<string, number | null>>,
): ChecklistResult {
  const groups = c.groups.map((g): ChecklistGroupResult => {
    const flagDef = g.flag ? instrument.def.flags.find((f) => f.id === g.flag) : undefined;
    const raised = flagDef ? flagValue(flagDef, respondents) : null;
    return {
      id: g.id,
      label: g.label,
      owners: g.owner ? chosenOptions(instrument, g.owner, respondents) : [],
      measure: g.measure ? (values[g.measure] ?? null) : null,
      measureLabel: g.measure
        ? (instrument.measureById.get(g.measure)?.label ??
          instrument.itemById.get(g.measure)?.def.label ??
          null)
        : null,
      flag:
        flagDef && raised !== null
          ? { raised: raised === 1, label: flagDef.label, text: flagDef.text }
          : null,
      notes: g.note ? texts(g.note, respondents) : [],
      items: g.items.map((it) => {
        const status = statusOf(instrument, it.item, respondents);
        const option = optionsOf(instrument, it.item).find((o) => o.value === status);
        return {
          item: it.item,
          label: instrument.itemById.get(it.item)?.def.label ?? instrument.itemById.get(it.item)!.def.text,
          status,
          statusLabel: option?.label ?? null,
          done: status !== null && c.done.includes(status),
          evidence: it.evidence ? texts(it.evidence, respondents) : [],
        };
      }),
    };
  });
  const nextSteps = c.nextSteps
    ? groups
        .map((g, i) => ({ g, i }))
        .filter(({ g }) => g.measure !== null)
        .sort((a, b) => a.g.measure! - b.g.measure! || a.i - b.i)
        .slice(0, c.nextSteps.groups)
        .flatMap(({ g }) =>
          g.items
            .filter((it) => it.status === c.nextSteps!.status)
            .map((it) => ({ group: g.id, groupLabel: g.label, item: it.item, label: it.label })),
        )
    : [];
  return { id: c.id, title: c.title, intro: c.intro ?? null, groups, nextSteps };
}

function optionsOf(instrument: Instrument, item: string) {
  const def = instrument.itemById.get(item)?.def;
  return def?.type === 'choice' ? def.options : [];
}

function chosenOptions(instrument: Instrument, item: string, respondents: readonly RespondentData[]) {
  const given = new Set(respondents.map((r) => r.answers[item]).filter((v) => typeof v === 'string'));
  return optionsOf(instrument, item)
    .filter((o) => given.has(o.value))
    .map((o) => ({ value: o.value, label: o.label }));
}

/** The most common answer; a tie goes to the weaker one (lower score, or later option). */
function statusOf(
  instrument: Instrument,
  item: string,
  respondents: readonly RespondentData[],
): string | null {
  const options = optionsOf(instrument, item);
  const counts = new Map<string, number>();
  for (const r of respondents) {
    const v = r.answers[item];
    if (typeof v === 'string' && !isMissing(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let best: { value: string; n: number; weakness: number } | null = null;
  options.forEach((o, i) => {
    const n = counts.get(o.value) ?? 0;
    if (n === 0) return;
    const weakness = o.score !== undefined ? -o.score : i;
    if (!best || n > best.n || (n === best.n && weakness > best.weakness))
      best = { value: o.value, n, weakness };
  });
  return (best as { value: string } | null)?.value ?? null;
}

function texts(item: string, respondents: readonly RespondentData[]): string[] {
  const out: string[] = [];
  for (const r of respondents) {
    const v = r.answers[item];
    if (typeof v === 'string' && v.trim() !== '' && !out.includes(v.trim())) out.push(v.trim());
  }
  return out;
}
