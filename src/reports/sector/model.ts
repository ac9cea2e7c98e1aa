/**
 * The sector report: a round's release read for people (web, PDF) and programs (JSON). Pure,
 * and generic: every section comes from the instrument's figure declarations, so an
 * instrument with no code of its own gets a complete report. Numbers come only from the
 * release (src/core/release/read.ts); nothing here computes a figure.
 */
import type { Json, ShownLeaf } from '../../core/figures/assemble.ts';
import type { Instrument } from '../../core/instrument/types.ts';
import { SECTOR_KINDS, type GroupKind } from '../../core/release/groups.ts';
import {
  change,
  publicationFigures,
  visibleState,
  type VisibleReason,
  type VisibleStatus,
} from '../../core/release/read.ts';
import { placeComparisons, type PlaceComparison } from '../../core/release/place-comparison.ts';
import type { ReleaseContent } from '../../core/release/types.ts';

export const SECTOR_REPORT_FORMAT = 'pejling-sector-report/2';

export interface SectorGroup {
  readonly id: string;
  readonly kind: GroupKind;
  /** current: made in this release; earlier: an earlier release's figures; not-shown. */
  readonly status: VisibleStatus;
  readonly reason: VisibleReason | null;
  /** Organisations behind the figures shown; null when there are none to show. */
  readonly organisations: number | null;
  readonly respondents: number | null;
  /** The release the shown figures were made in (an earlier one when kept). */
  readonly figuresOf: number | null;
  /** Every figure, by id, as it may be shown (a hidden number is null). */
  readonly figures: Readonly<Record<string, Json>> | null;
  /** The same, leaf by leaf, with how many organisations are behind each. */
  readonly leaves: Readonly<Record<string, readonly ShownLeaf[]>> | null;
}

export interface SectorReport {
  readonly format: typeof SECTOR_REPORT_FORMAT;
  readonly round: string;
  readonly instrument: { readonly id: string; readonly version: string };
  readonly k: number;
  readonly respondentMin: number;
  readonly release: { readonly number: number; readonly at: string; readonly final: boolean };
  /** The whole round's size as released; null when fewer than k. */
  readonly organisations: number | null;
  readonly respondents: number | null;
  /** The whole round first, then each sector, then best practice and the rest. */
  readonly groups: readonly SectorGroup[];
  /** Where groups disagree on a priority list (respondent groups, best practice, sectors). */
  readonly placeComparisons: readonly PlaceComparison[];
  readonly change: {
    readonly previous: string;
    readonly release: { readonly number: number; readonly at: string };
    readonly figures: Readonly<Record<string, Json>> | null;
    /** current − previous, number by number; null where either is hidden. */
    readonly delta: Readonly<Record<string, Json>> | null;
  } | null;
}

export interface SectorReportInput {
  readonly instrument: Instrument;
  readonly round: string;
  readonly release: ReleaseContent;
  readonly previous?: {
    readonly round: string;
    readonly instrument: Instrument;
    readonly release: ReleaseContent;
  } | null;
}

export function buildSectorReport(input: SectorReportInput): SectorReport {
  const { instrument, release } = input;
  const groups = release.groups
    .filter((g) => SECTOR_KINDS.includes(g.kind))
    .map((g): SectorGroup => {
      const pub = g.publication?.sector ? g.publication : null;
      const visible = visibleState(release, g);
      return {
        id: g.group,
        kind: g.kind,
        status: pub ? visible.status : 'not-shown',
        reason: pub ? null : (visible.reason ?? 'withheld'),
        organisations: pub?.size ?? null,
        respondents: pub?.respondents ?? null,
        figuresOf: pub?.release ?? null,
        figures: pub ? publicationFigures(instrument, pub) : null,
        leaves: pub?.sector ?? null,
      };
    });
  const all = groups.find((g) => g.id === 'all');
  let changeSince: SectorReport['change'] = null;
  if (input.previous) {
    const prevAll = input.previous.release.groups.find((g) => g.group === 'all')?.publication;
    const figures = prevAll?.sector ? publicationFigures(input.previous.instrument, prevAll) : null;
    changeSince = {
      previous: input.previous.round,
      release: { number: input.previous.release.number, at: input.previous.release.at },
      figures,
      delta:
        figures && all?.figures
          ? (change(
              { ...all.figures, organisations: all.organisations },
              { ...figures, organisations: prevAll!.size },
            ) as Record<string, Json>)
          : null,
    };
  }
  return {
    format: SECTOR_REPORT_FORMAT,
    round: input.round,
    instrument: { id: instrument.id, version: instrument.version },
    k: release.policy.k,
    respondentMin: release.policy.respondentMin,
    release: { number: release.number, at: release.at, final: release.final },
    organisations: all?.organisations ?? null,
    respondents: all?.respondents ?? null,
    groups,
    placeComparisons: placeComparisons(instrument, release),
    change: changeSince,
  };
}
