/**
 * The open data set of a round: the figures of its latest release as tables, one row per
 * published number, with how many organisations are behind it. Nothing is computed here: a
 * row exists exactly when the release shows the number (src/core/release applies every
 * disclosure rule, complementary suppression across all these tables included). No free
 * text, only identifiers of the instrument and numbers.
 */
import type { ShownLeaf } from '../core/figures/assemble.ts';
import { figurePlans } from '../core/figures/plan.ts';
import type { Instrument } from '../core/instrument/types.ts';
import { SECTOR_KINDS } from '../core/release/groups.ts';
import { placeComparisons } from '../core/release/place-comparison.ts';
import type { ReleaseContent } from '../core/release/types.ts';
import { localize } from '../i18n/i18n.ts';

export type CellValue = string | number | null;

export interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: CellValue[][];
}

export interface OpenData {
  readonly round: string;
  readonly instrument: { readonly id: string; readonly version: string };
  readonly k: number;
  readonly release: { readonly number: number; readonly at: string; readonly final: boolean };
  readonly tables: readonly Table[];
}

const DECIMALS = 6;
const round6 = (v: number) => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS;

export function buildOpenData(instrument: Instrument, round: string, release: ReleaseContent): OpenData {
  const plans = figurePlans(instrument);
  const groups: CellValue[][] = [];
  const figures: CellValue[][] = [];
  const distributions: CellValue[][] = [];
  const quantiles: CellValue[][] = [];
  const dictionary: CellValue[][] = [];
  const k = release.policy.k;

  for (const plan of plans) {
    for (const leaf of plan.leaves) {
      const key = [plan.figure.id, ...leaf.path].join('.');
      dictionary.push([
        key,
        plan.figure.id,
        leaf.kind,
        localize(plan.figure.title, 'da') || plan.figure.id,
        localize(plan.figure.title, 'en') || plan.figure.id,
        'ref' in leaf ? leaf.ref : 'numerator' in leaf ? `${leaf.numerator}/${leaf.denominator}` : '',
      ]);
    }
  }

  for (const state of release.groups) {
    const pub = state.publication;
    if (!pub?.sector || !SECTOR_KINDS.includes(state.kind)) continue;
    groups.push([round, state.group, pub.size, pub.release]);
    for (const plan of plans) {
      const shown = pub.sector[plan.figure.id];
      if (!shown) continue;
      plan.leaves.forEach((leaf, i) => {
        const s: ShownLeaf | undefined = shown[i];
        const key = [plan.figure.id, ...leaf.path].join('.');
        if (!s) return;
        if (s.kind === 'value' && s.value !== null)
          figures.push([round, state.group, key, round6(s.value), s.n]);
        if (s.kind === 'counts' && (leaf.kind === 'distribution' || leaf.kind === 'stages'))
          leaf.categories.forEach((c, j) => {
            const n = s.counts[j];
            if (n !== null && n !== undefined) distributions.push([round, state.group, key, c, n]);
          });
        if (s.kind === 'quantiles' && (s.exact || s.band))
          quantiles.push([
            round,
            state.group,
            key,
            s.n,
            s.exact ? round6(s.exact.q1) : null,
            s.exact ? round6(s.exact.median) : null,
            s.exact ? round6(s.exact.q3) : null,
            s.band ? s.band[0] : null,
            s.band ? s.band[1] : null,
          ]);
      });
    }
  }

  // Places come from the shown shares only (src/core/release/place-comparison.ts).
  const places: CellValue[][] = placeComparisons(instrument, release).flatMap((c) =>
    c.rows.flatMap((r) =>
      c.columns.map((g) => [
        round,
        c.figure,
        c.kind,
        c.respondentGroup ?? '',
        g,
        r.option,
        r.places[g] ?? null,
        r.gap,
      ]),
    ),
  );

  return {
    round,
    instrument: { id: instrument.id, version: instrument.version },
    k,
    release: { number: release.number, at: release.at, final: release.final },
    tables: [
      { name: 'groups', columns: ['round', 'group', 'organisations', 'release'], rows: groups },
      { name: 'figures', columns: ['round', 'group', 'figure', 'value', 'organisations'], rows: figures },
      {
        name: 'distributions',
        columns: ['round', 'group', 'figure', 'category', 'organisations'],
        rows: distributions,
      },
      {
        name: 'quantiles',
        columns: ['round', 'group', 'figure', 'organisations', 'q1', 'median', 'q3', 'band_low', 'band_high'],
        rows: quantiles,
      },
      {
        name: 'dictionary',
        columns: ['figure', 'table', 'kind', 'title_da', 'title_en', 'source'],
        rows: dictionary,
      },
      ...(places.length > 0
        ? [
            {
              name: 'places',
              columns: [
                'round',
                'figure',
                'comparison',
                'respondent_group',
                'group',
                'option',
                'place',
                'gap',
              ],
              rows: places,
            },
          ]
        : []),
    ],
  };
}
