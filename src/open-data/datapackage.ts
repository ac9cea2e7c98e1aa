/**
 * The Frictionless Data Package (https://specs.frictionlessdata.io/) describing the open data
 * files: one tabular resource per CSV file, every field with its type and meaning.
 */
import type { OpenData } from './build.ts';

interface Field {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number';
  readonly description: string;
  readonly constraints?: Record<string, unknown>;
}

const ROUND: Field = { name: 'round', type: 'string', description: 'The round (survey year or name).' };
const GROUP: Field = {
  name: 'group',
  type: 'string',
  description:
    'The organisations a row is about: "all" (the whole round), "sector:<sector>", ' +
    '"best" (the best-practice group: the top share by the maturity index) or "rest" (the others).',
};
const FIGURE: Field = {
  name: 'figure',
  type: 'string',
  description:
    'The figure: its id in the instrument, then the path inside it, e.g. "impact.optimise" or ' +
    '"domains.services.priority". dictionary.csv lists every figure with its title and what it is computed from.',
};
/** A count of organisations; `optional` where it is left empty when it would count the few who did not answer. */
const organisations = (k: number, description: string, optional = false): Field => ({
  name: 'organisations',
  type: 'integer',
  description,
  constraints: { required: !optional, minimum: k },
});

const FIELDS: Record<string, (k: number) => Field[]> = {
  groups: (k) => [
    ROUND,
    GROUP,
    organisations(k, `How many organisations the group's figures are computed from (at least k = ${k}).`),
    {
      name: 'release',
      type: 'integer',
      description:
        "The release the group's figures were made in: an earlier one when fewer than k organisations have changed in the group since.",
    },
  ],
  figures: (k) => [
    ROUND,
    GROUP,
    FIGURE,
    {
      name: 'value',
      type: 'number',
      description:
        'A mean over organisations (each organisation first averaged over its respondents), a share (0–1), a sum or a ratio; 6 decimals.',
    },
    organisations(
      k,
      `How many organisations the value is computed from (at least k = ${k}); empty where that number, next to the group's size, would count fewer than k organisations without an answer.`,
      true,
    ),
  ],
  distributions: (k) => [
    ROUND,
    GROUP,
    FIGURE,
    {
      name: 'category',
      type: 'string',
      description:
        'The category: a scale point (the organisation\'s value rounded half up), a band such as "40-50", or a stage.',
    },
    {
      name: 'organisations',
      type: 'integer',
      description: `How many organisations fall in the category: 0 or at least k = ${k}. Smaller counts, and counts that would let one be worked out, are left out.`,
      constraints: { required: true, minimum: 0 },
    },
  ],
  quantiles: (k) => [
    ROUND,
    GROUP,
    FIGURE,
    organisations(
      k,
      `How many organisations the quartiles are computed from (at least k = ${k}); empty where that number would count fewer than k organisations without an answer.`,
      true,
    ),
    {
      name: 'q1',
      type: 'number',
      description: `Lower quartile (type 7); only for groups of at least 3k = ${3 * k}.`,
    },
    { name: 'median', type: 'number', description: `Median; only for groups of at least 3k = ${3 * k}.` },
    { name: 'q3', type: 'number', description: `Upper quartile; only for groups of at least 3k = ${3 * k}.` },
    {
      name: 'band_low',
      type: 'number',
      description: 'Smaller groups: the lower end of the band the median lies in.',
    },
    { name: 'band_high', type: 'number', description: 'Smaller groups: the upper end of that band.' },
  ],
  dictionary: () => [
    { name: 'figure', type: 'string', description: 'A figure path as used in the other files.' },
    {
      name: 'table',
      type: 'string',
      description: 'The figure (section of the sector report) it belongs to.',
    },
    {
      name: 'kind',
      type: 'string',
      description: 'mean, pooled (share of respondents), sum, ratio, quantiles, distribution or stages.',
    },
    { name: 'title_da', type: 'string', description: "The figure's title in Danish." },
    { name: 'title_en', type: 'string', description: "The figure's title in English." },
    { name: 'source', type: 'string', description: 'The answer id or measure id it is computed from.' },
  ],
  places: () => [
    ROUND,
    {
      name: 'figure',
      type: 'string',
      description: 'The priority list (a ranking figure), e.g. "focusAreas".',
    },
    {
      name: 'comparison',
      type: 'string',
      description:
        'groups (the respondent groups across the round), best-rest (best practice against the rest) or sectors (every shown sector).',
    },
    {
      name: 'respondent_group',
      type: 'string',
      description:
        'Whose lists (e.g. business, it); empty for the comparison of the respondent groups themselves.',
    },
    {
      name: 'group',
      type: 'string',
      description: 'The column: a respondent group, best, rest or sector:<code>.',
    },
    { name: 'option', type: 'string', description: 'The area (an option of the ranking).' },
    {
      name: 'place',
      type: 'integer',
      description: "The area's place on that group's list (1 = highest share).",
    },
    {
      name: 'gap',
      type: 'integer',
      description:
        'Two columns: first place − second; sectors: highest − lowest place. Empty unless every column has a place.',
    },
  ],
};

const DESCRIPTIONS: Record<string, string> = {
  groups: 'The groups of organisations that figures are published for, with their sizes.',
  figures: 'Means, shares, sums and ratios over organisations, per group.',
  distributions: 'How many organisations fall in each category, per group.',
  quantiles: "Median and quartiles (or, in smaller groups, the median's band), per group.",
  dictionary: 'What every figure is.',
  places:
    "Where groups disagree on a priority list: each area's place per group and the gap, from the shown shares.",
};

export function dataPackage(data: OpenData, created = new Date()): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: `pejling-${data.round.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}`,
    title: `Pejling: aggregated results of round ${data.round}`,
    description:
      `Aggregated results (k = ${data.k}) of the Pejling round ${data.round}, instrument ${data.instrument.id} ` +
      `${data.instrument.version}, release ${data.release.number} of ${data.release.at}${data.release.final ? ' (final)' : ''}. ` +
      'No number is computed from fewer than k organisations, and no number that is left out can be worked out ' +
      'from the others by adding or subtracting them; there is no free text.',
    created: created.toISOString(),
    resources: data.tables.map((table) => ({
      name: table.name,
      path: `${table.name}.csv`,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      description: DESCRIPTIONS[table.name] ?? table.name,
      dialect: { delimiter: ',', header: true, lineTerminator: '\n' },
      schema: { fields: FIELDS[table.name]!(data.k) },
    })),
  };
}
