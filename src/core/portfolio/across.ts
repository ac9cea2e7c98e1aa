/**
 * The portfolio across organisations, for the analyst, under the round's disclosure policy:
 * per sector and per track (and for everyone, and every track together)
 *
 *   realisation        = Σ realised to date ÷ Σ expected to date      (each organisation's
 *                        amounts valued at its own hourly cost, as in its own report)
 *   booked initiatives = initiatives whose gain is booked in a budget ÷ initiatives
 *   booked DKK         = Σ expected DKK a year of booked initiatives ÷ Σ expected DKK a year
 *
 * — ratios of sums over the organisations, never a mean of their ratios, and never an amount.
 *
 * Disclosure (docs/portfolio.md, "Across organisations"). A cell's *contributions* are its
 * organisations' per-track sums; an organisation contributes to a track cell its sums in that
 * track and to a total cell its sums in every track. The attacker is assumed to know every
 * published cell's sums (a ratio tells less), so published cells are sums over contributions
 * and the audit is the additive one of the sector figures (src/core/disclosure/set-audit.ts):
 *
 * 1. a cell from fewer than k organisations is not published;
 * 2. a cell whose values say something about each of its members — a share of 0 or 1, a
 *    realisation of 0, nothing expected yet — is not published either, and no other cell may
 *    make its sums derivable;
 * 3. the other cells are published greedily (everyone first, then tracks, then sectors by
 *    size) when, with every cell published before — the log of earlier publications, so a
 *    before/after difference counts too — they add no combination over fewer than k
 *    organisations (complementary suppression);
 * 4. a cell that may not be refreshed shows its latest earlier publication, which anyone may
 *    already have seen, and says so; one never published says why not.
 *
 * An organisation's contribution is versioned by its sums (their exact text): a contribution
 * that did not change is the same column in every publication, one that changed is a new
 * column of the same organisation, so "what changed for one organisation" is a small
 * combination like any other.
 */
import { acceptAdditive } from '../disclosure/set-audit.ts';
import { RowSpace } from '../disclosure/linear.ts';
import { portfolioFigures } from './figures.ts';
import type { PortfolioSettings } from './settings.ts';
import { TRACKS, type Initiative, type Realisation, type Track } from './types.ts';

/** One organisation's sums in one track. */
export interface TrackSums {
  readonly initiatives: number;
  readonly booked: number;
  /** Expected DKK a year (hours valued at the organisation's hourly cost). */
  readonly expectedDkkPerYear: number;
  readonly bookedDkkPerYear: number;
  readonly expectedToDateDkk: number;
  readonly realisedToDateDkk: number;
}

export interface OrganisationSums {
  /** The organisation's id: the unit of the disclosure rules. */
  readonly organisation: number;
  readonly sector: string;
  /** Only the tracks it has initiatives in. */
  readonly tracks: Partial<Readonly<Record<Track, TrackSums>>>;
}

export type CellTrack = Track | 'total';
export type CellScope = 'all' | `sector:${string}`;

export interface CellValues {
  readonly realisation: number | null;
  readonly bookedInitiatives: number | null;
  readonly bookedDkk: number | null;
}

/** A publication as the log keeps it. */
export interface Publication {
  /** `${scope}/${track}`. */
  readonly cell: string;
  readonly asOf: string;
  /** Its contributions: `${organisation}|${track}|${version}`. */
  readonly members: readonly string[];
  readonly values: CellValues;
}

export type CellStatus =
  /** Made now. */
  | 'shown'
  /** The latest earlier publication (the cell may not be refreshed, or did not change). */
  | 'earlier'
  | 'not-shown';

export type CellReason = 'too-few' | 'uniform' | 'complementary';

export interface Cell {
  readonly scope: CellScope;
  readonly track: CellTrack;
  readonly status: CellStatus;
  /** Why the current figures are not shown (also for `earlier`); null when they are. */
  readonly reason: CellReason | null;
  /** The month the values are to date of (the earlier publication's for `earlier`). */
  readonly asOf: string | null;
  readonly values: CellValues | null;
}

export interface AcrossResult {
  readonly k: number;
  readonly asOf: string;
  readonly cells: readonly Cell[];
  /** What to add to the log: the cells published now. */
  readonly publications: readonly Publication[];
}

const EMPTY: TrackSums = {
  initiatives: 0,
  booked: 0,
  expectedDkkPerYear: 0,
  bookedDkkPerYear: 0,
  expectedToDateDkk: 0,
  realisedToDateDkk: 0,
};

const plus = (a: TrackSums, b: TrackSums): TrackSums => ({
  initiatives: a.initiatives + b.initiatives,
  booked: a.booked + b.booked,
  expectedDkkPerYear: a.expectedDkkPerYear + b.expectedDkkPerYear,
  bookedDkkPerYear: a.bookedDkkPerYear + b.bookedDkkPerYear,
  expectedToDateDkk: a.expectedToDateDkk + b.expectedToDateDkk,
  realisedToDateDkk: a.realisedToDateDkk + b.realisedToDateDkk,
});

/** One organisation's sums per track, to date of `asOf`, with its own settings. */
export function organisationSums(
  organisation: number,
  sector: string,
  initiatives: readonly Initiative[],
  realisations: readonly Realisation[],
  asOf: string,
  settings: PortfolioSettings,
): OrganisationSums {
  const figures = portfolioFigures(initiatives, realisations, asOf, settings);
  const tracks: Partial<Record<Track, TrackSums>> = {};
  figures.initiatives.forEach((f, n) => {
    const booked = initiatives[n]!.gainsBooked;
    tracks[f.track] = plus(tracks[f.track] ?? EMPTY, {
      initiatives: 1,
      booked: booked ? 1 : 0,
      expectedDkkPerYear: f.expectedTotalDkkPerYear,
      bookedDkkPerYear: booked ? f.expectedTotalDkkPerYear : 0,
      expectedToDateDkk: f.expectedToDateDkk,
      realisedToDateDkk: f.realisedToDateDkk,
    });
  });
  return { organisation, sector, tracks };
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function cellValues(sums: TrackSums): CellValues {
  return {
    realisation: ratio(sums.realisedToDateDkk, sums.expectedToDateDkk),
    bookedInitiatives: ratio(sums.booked, sums.initiatives),
    bookedDkk: ratio(sums.bookedDkkPerYear, sums.expectedDkkPerYear),
  };
}

/**
 * Values that say something about every member: nothing expected yet (each expects nothing),
 * a realisation of 0 (none realised anything), a share of 0 or 1 (none or all booked).
 */
export function isUniform(v: CellValues): boolean {
  const share = (x: number | null) => x === null || x === 0 || x === 1;
  return v.realisation === null || v.realisation === 0 || share(v.bookedInitiatives) || share(v.bookedDkk);
}

export const cellId = (scope: CellScope, track: CellTrack) => `${scope}/${track}`;
const contributionKey = (organisation: number, track: Track, sums: TrackSums) =>
  `${organisation}|${track}|${JSON.stringify(sums)}`;

interface Current {
  readonly scope: CellScope;
  readonly track: CellTrack;
  readonly members: string[];
  readonly organisations: number;
  readonly values: CellValues;
}

/** The cells in the order they are wanted: everyone, then each track; then sectors, largest first. */
function currentCells(orgs: readonly OrganisationSums[]): Current[] {
  const bySector = new Map<string, OrganisationSums[]>();
  for (const o of orgs) bySector.set(o.sector, [...(bySector.get(o.sector) ?? []), o]);
  const sectors = [...bySector.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([s]) => s);
  const scopes: [CellScope, readonly OrganisationSums[]][] = [
    ['all', orgs],
    ...sectors.map((s): [CellScope, OrganisationSums[]] => [`sector:${s}`, bySector.get(s)!]),
  ];
  const cells: Current[] = [];
  for (const [scope, members] of scopes)
    for (const track of ['total', ...TRACKS] as const) {
      const keys: string[] = [];
      let sums = EMPTY;
      let organisations = 0;
      for (const o of members) {
        const tracks = track === 'total' ? TRACKS : [track];
        let any = false;
        for (const t of tracks) {
          const s = o.tracks[t];
          if (!s || s.initiatives === 0) continue;
          keys.push(contributionKey(o.organisation, t, s));
          sums = plus(sums, s);
          any = true;
        }
        if (any) organisations++;
      }
      if (organisations > 0)
        cells.push({ scope, track, members: keys, organisations, values: cellValues(sums) });
    }
  return cells;
}

export function portfolioAcross(input: {
  readonly organisations: readonly OrganisationSums[];
  /** Every earlier publication, oldest first. */
  readonly previous: readonly Publication[];
  readonly k: number;
  readonly asOf: string;
}): AcrossResult {
  const { k, asOf } = input;
  const cells = currentCells(input.organisations);

  // Columns: every contribution any publication or current cell holds; its unit, the organisation.
  const column = new Map<string, number>();
  const unitOf: number[] = [];
  const col = (key: string) => {
    let c = column.get(key);
    if (c === undefined) {
      c = unitOf.length;
      column.set(key, c);
      unitOf.push(Number(key.slice(0, key.indexOf('|'))));
    }
    return c;
  };
  const visible = input.previous.map((p) => Int32Array.from(p.members, col));
  const latest = new Map<string, Publication>();
  for (const p of input.previous) latest.set(p.cell, p);

  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
  /** reason null: shown (fresh: published now; else unchanged since its latest publication). */
  type Decision = { reason: CellReason | null; fresh: boolean };
  const decision = new Map<Current, Decision>();
  const candidates: Current[] = [];
  const protectedCells: Current[] = [];
  for (const c of cells) {
    const prev = latest.get(cellId(c.scope, c.track));
    if (c.organisations < k) decision.set(c, { reason: 'too-few', fresh: false });
    else if (prev && same(prev.members, c.members)) decision.set(c, { reason: null, fresh: false });
    else if (isUniform(c.values)) {
      decision.set(c, { reason: 'uniform', fresh: false });
      protectedCells.push(c);
    } else candidates.push(c);
  }

  // 3. The additive audit against everything published before and everything accepted.
  const groups = [...visible, ...candidates.map((c) => Int32Array.from(c.members, col))];
  for (const p of protectedCells) for (const m of p.members) col(m);
  const additive = new Set(
    acceptAdditive(
      { unitOf, groups },
      visible.map((_, i) => i),
      candidates.map((_, i) => visible.length + i),
      k,
    ),
  );
  // 2. No cell whose values speak of each member may become derivable.
  const width = unitOf.length;
  const row = (members: readonly string[]) => {
    const r = new Float64Array(width);
    for (const m of members) r[column.get(m)!] = 1;
    return r;
  };
  const space = new RowSpace(width);
  for (const p of input.previous) space.add(row(p.members));
  // (One already derivable from earlier publications cannot be helped, and stops nothing.)
  const guarded = protectedCells.map((p) => row(p.members)).filter((g) => !space.contains(g));
  candidates.forEach((c, i) => {
    const trial = space.clone();
    trial.add(row(c.members));
    if (!additive.has(visible.length + i) || guarded.some((g) => trial.contains(g))) {
      decision.set(c, { reason: 'complementary', fresh: false });
      return;
    }
    space.add(row(c.members));
    decision.set(c, { reason: null, fresh: true });
  });

  const publications: Publication[] = [];
  const out: Cell[] = cells.map((c) => {
    const d = decision.get(c)!;
    const id = cellId(c.scope, c.track);
    // Fresh, or unchanged since its latest publication (the same contributions, the same values).
    if (d.reason === null) {
      if (d.fresh) publications.push({ cell: id, asOf, members: c.members, values: c.values });
      return { scope: c.scope, track: c.track, status: 'shown', reason: null, asOf, values: c.values };
    }
    const prev = latest.get(id);
    if (prev)
      return {
        scope: c.scope,
        track: c.track,
        status: 'earlier',
        reason: d.reason,
        asOf: prev.asOf,
        values: prev.values,
      };
    return {
      scope: c.scope,
      track: c.track,
      status: 'not-shown',
      reason: d.reason,
      asOf: null,
      values: null,
    };
  });
  return { k, asOf, cells: out, publications };
}
