/**
 * The attacker inside one organisation: they see the organisation's own figures (every item's
 * mean over the respondents who answered it) in every version they viewed, and each respondent
 * group's means in every comparison shown. Per item, every such mean times its count is a sum
 * over respondents' submissions; the attacker looks for a combination over fewer than m
 * respondents that the organisation's own figures alone did not give.
 */
import type { Instrument } from '../../../src/core/instrument/types.ts';
import type { RespondentAnswers } from '../../../src/core/release/organisation-version.ts';
import { conditionHolds } from '../../../src/core/answers/conditions.ts';
import { combinationOf, smallCombination, type Row } from './exact.ts';

export interface ViewedState {
  readonly label: string;
  readonly respondents: readonly RespondentAnswers[];
  /** Comparisons shown with it, and which of their rows (answer ids). */
  readonly shown: readonly { readonly id: string; readonly rows: readonly string[] }[];
}

export interface RespondentFinding {
  readonly item: string;
  readonly respondents: number[];
  readonly recipe: string;
  readonly derived: number;
  readonly truth: number;
}

const answered = (r: RespondentAnswers, item: string) => typeof r.answers[item] === 'number';

export function numericItems(instrument: Instrument): string[] {
  return [...instrument.slotById.values()]
    .filter((s) => s.kind === 'scale' || s.kind === 'rank')
    .map((s) => s.id);
}

export function respondentAttack(
  instrument: Instrument,
  states: readonly ViewedState[],
  m: number,
  items: readonly string[] = numericItems(instrument),
): RespondentFinding[] {
  const out: RespondentFinding[] = [];
  const groupOf = (id: string) => instrument.respondentGroups.find((g) => g.id === id)!;
  for (const item of items) {
    const index = new Map<string, number>();
    const contributions: RespondentAnswers[] = [];
    const colOf = (r: RespondentAnswers) => {
      const key = `${r.respondent}:${r.submission}`;
      let i = index.get(key);
      if (i === undefined) {
        index.set(key, (i = contributions.length));
        contributions.push(r);
      }
      return i;
    };
    const base: { what: string; members: number[] }[] = [];
    const shown: { what: string; members: number[] }[] = [];
    for (const s of states) {
      const who = s.respondents.filter((r) => answered(r, item));
      base.push({ what: `${s.label} organisation`, members: who.map(colOf) });
      for (const { id, rows } of s.shown) {
        if (!rows.includes(item)) continue;
        const c = instrument.comparisons.find((x) => x.id === id)!;
        for (const g of c.groups)
          shown.push({
            what: `${s.label} ${id}/${g}`,
            members: who.filter((r) => conditionHolds(groupOf(g).where, r.answers)).map(colOf),
          });
      }
    }
    if (shown.length === 0) continue;
    // Atoms: contributions in exactly the same figures.
    const all = [...base, ...shown];
    const sig = new Map<number, number[]>();
    all.forEach((f, i) => f.members.forEach((c) => sig.set(c, [...(sig.get(c) ?? []), i])));
    const atoms = new Map<string, number[]>();
    for (const [c, s] of sig) atoms.set(s.join(','), [...(atoms.get(s.join(',')) ?? []), c]);
    const cols = [...atoms.values()];
    const atomOf = new Map<number, number>();
    cols.forEach((cs, j) => cs.forEach((c) => atomOf.set(c, j)));
    const rowOf = (f: { members: number[] }): Row => {
      const row = new Array<bigint>(cols.length).fill(0n);
      for (const c of f.members) row[atomOf.get(c)!] = 1n;
      return row;
    };
    const units = cols.map((cs) => [...new Set(cs.map((c) => contributions[c]!.respondent))]);
    const rows = all.map(rowOf);
    const found = smallCombination(rows, units, m, 50_000, base.map(rowOf));
    if (found === null) continue;
    if (found === 'budget') throw new Error(`search budget exhausted on ${item}`);
    const lambda = combinationOf(rows, found.vector)!;
    const valueOf = (c: number) => contributions[c]!.answers[item] as number;
    const sumOf = (f: { members: number[] }) => f.members.reduce((t, c) => t + valueOf(c), 0);
    let derived = 0;
    const parts: string[] = [];
    lambda.forEach(([num, den], i) => {
      if (num === 0n) return;
      derived += (Number(num) / Number(den)) * sumOf(all[i]!);
      parts.push(
        `${num}${den === 1n ? '' : `/${den}`} × [${all[i]!.what}: ${all[i]!.members.length} × mean]`,
      );
    });
    let truth = 0;
    for (const j of found.columns) for (const c of cols[j]!) truth += Number(found.vector[j]!) * valueOf(c);
    out.push({
      item,
      respondents: [...new Set(found.columns.flatMap((j) => units[j]!))].sort((a, b) => a - b),
      recipe: `${parts.join(' + ')} = ${found.columns.map((j) => `${found.vector[j]} × respondents {${units[j]!.join(',')}}`).join(' + ')}`,
      derived,
      truth,
    });
  }
  return out;
}
