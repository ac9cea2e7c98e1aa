/**
 * The headline of one organisation's result in one instrument, for the organisation's overview
 * of all its instruments: what the instrument's own declarations say matters most, computed from
 * the organisation's own (released) answers only — never another organisation's.
 *
 * - an instrument with an index: the index and the stage (dt-offentlig);
 * - otherwise its first figure that is a flat table of means (readiness per corner, state per
 *   question, the six bearings): the organisation's own value of each row;
 * - every declared flag the organisation raises (a corner with no named owner), in words.
 */
import type { OrganisationData } from '../exchange/types.ts';
import { organisationFlags } from '../flags/flags.ts';
import type { FigureDef, Text } from '../instrument/schema.ts';
import type { Instrument } from '../instrument/types.ts';
import { scoreOrganisation } from '../scoring/organisation.ts';

export interface HeadlineValue {
  /** The row's key in the figure (e.g. `processer`). */
  readonly key: string;
  /** The answer id or measure id it shows (e.g. `readiness.processer`). */
  readonly ref: string;
  readonly value: number | null;
}

export interface ResultHeadline {
  readonly respondents: number;
  readonly index: number | null;
  readonly stage: string | null;
  /** The figure whose rows are shown, or null (an instrument with an index shows that instead). */
  readonly figure: { readonly id: string; readonly title: Text } | null;
  readonly values: readonly HeadlineValue[];
  /** Flags the organisation raises, in the instrument's order. */
  readonly flags: readonly { readonly id: string; readonly label: Text; readonly text: Text }[];
}

/** The first figure that is a flat table of means: `means: { key: ref, ... }`. */
export function headlineFigure(instrument: Instrument): FigureDef | null {
  return (
    instrument.figures.find(
      (f) =>
        f.means !== undefined &&
        typeof f.means === 'object' &&
        Object.values(f.means).length > 0 &&
        Object.values(f.means).every((v) => typeof v === 'string'),
    ) ?? null
  );
}

export function resultHeadline(instrument: Instrument, data: OrganisationData): ResultHeadline {
  const score = scoreOrganisation(instrument, data);
  const hasIndex = instrument.def.index !== undefined;
  const figure = hasIndex ? null : headlineFigure(instrument);
  const rows = figure && typeof figure.means === 'object' ? (figure.means as Record<string, string>) : {};
  return {
    respondents: score.respondents,
    index: score.index,
    stage: score.stage?.stage ?? null,
    figure: figure ? { id: figure.id, title: figure.title ?? instrument.def.title } : null,
    values: Object.entries(rows).map(([key, ref]) => ({ key, ref, value: score.values[ref] ?? null })),
    flags: organisationFlags(instrument.def.flags, data.respondents)
      .filter((f) => f.raised === true)
      .map((f) => ({ id: f.id, label: f.def.label, text: f.def.text })),
  };
}
