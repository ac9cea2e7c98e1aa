/**
 * The analyst's combined view (seed 000 juxtaposes them): what citizens accept next to what
 * public organisations plan. Each pair puts one published citizen share beside one published
 * organisation share; nothing new is computed, both sides are read from figures already shown
 * under their own rules (the panel's cell minimum, the organisation round's k).
 *
 * The pairs link two instruments, so neither instrument file can declare them alone; they
 * live here, next to the figures they read.
 */
import type { Json } from '../figures/assemble.ts';

export interface CombinedPair {
  readonly id: string;
  /** The citizen panel's item and category (e.g. digital.all agree). */
  readonly citizens: { readonly item: string; readonly category: string };
  /** The organisation round's shares figure, item and option (channel.strategy digital-overalt). */
  readonly organisations: { readonly figure: string; readonly item: string; readonly option: string };
}

export const CITIZEN_INSTRUMENT = 'it-i-praksis-borger';
export const ORGANISATION_INSTRUMENT = 'it-i-praksis';
/** The public sectors of `it-i-praksis` (its `privat` and `andet` are not the public sector). */
export const PUBLIC_SECTORS = ['stat', 'region', 'kommune'] as const;

export const COMBINED_PAIRS: readonly CombinedPair[] = [
  {
    id: 'all-digital',
    citizens: { item: 'digital.all', category: 'agree' },
    organisations: { figure: 'shares', item: 'channel.strategy', option: 'digital-overalt' },
  },
  {
    id: 'choose-channel',
    citizens: { item: 'channel.choose', category: 'agree' },
    organisations: { figure: 'shares', item: 'channel.strategy', option: 'kanalvalg' },
  },
  {
    id: 'flexibility',
    citizens: { item: 'priority', category: 'fleksibilitet' },
    organisations: { figure: 'shares', item: 'channel.strategy', option: 'balance' },
  },
];

export interface CitizenSide {
  readonly share: number;
  readonly ci95: readonly [number, number];
  readonly n: number;
  readonly nEffective: number;
}

/** One organisation group's share: the whole round, or one public sector the release shows. */
export interface OrganisationSide {
  readonly group: 'all' | (typeof PUBLIC_SECTORS)[number];
  readonly organisations: number;
  readonly share: number | null;
}

export interface CombinedRow {
  readonly pair: CombinedPair;
  /** Null when the panel does not show the share (too few answers). */
  readonly citizens: CitizenSide | null;
  readonly organisations: readonly OrganisationSide[];
}

type Obj = { readonly [key: string]: Json };
const obj = (v: Json | undefined): Obj | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null;
const num = (v: Json | undefined): number | null => (typeof v === 'number' ? v : null);

function citizenSide(panelFigures: Obj, pair: CombinedPair): CitizenSide | null {
  const cell = obj(obj(obj(panelFigures['shares'])?.[pair.citizens.item])?.[pair.citizens.category]);
  const share = num(cell?.['share']);
  const ci = cell?.['ci95'];
  if (share === null || !Array.isArray(ci)) return null;
  return {
    share,
    ci95: [Number(ci[0]), Number(ci[1])],
    n: num(cell?.['n']) ?? 0,
    nEffective: num(cell?.['nEffective']) ?? 0,
  };
}

function organisationShare(figures: Obj | null, pair: CombinedPair): number | null {
  const { figure, item, option } = pair.organisations;
  return num(obj(obj(figures?.[figure])?.[item])?.[option]);
}

/**
 * The rows of the combined view from the panel's figures JSON and the organisation round's
 * sector figures JSON (null: the round shows no figures, e.g. under k).
 */
export function combinedRows(panelFigures: Obj, organisationFigures: Obj | null): CombinedRow[] {
  return COMBINED_PAIRS.map((pair) => {
    const organisations: OrganisationSide[] = [];
    if (organisationFigures) {
      organisations.push({
        group: 'all',
        organisations: num(organisationFigures['organisations']) ?? 0,
        share: organisationShare(organisationFigures, pair),
      });
      const bySector = obj(organisationFigures['bySector']);
      for (const sector of PUBLIC_SECTORS) {
        const s = obj(bySector?.[sector]);
        if (s)
          organisations.push({
            group: sector,
            organisations: num(s['organisations']) ?? 0,
            share: organisationShare(s, pair),
          });
      }
    }
    return { pair, citizens: citizenSide(panelFigures, pair), organisations };
  });
}

/** The year a round is about: the first four-digit year in its name, else the given date's. */
export function roundYear(name: string, date: string | null): number | null {
  const m = /(?:^|\D)((?:19|20)\d\d)(?!\d)/.exec(name);
  if (m) return Number(m[1]);
  return date ? Number(date.slice(0, 4)) : null;
}
