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
    'The organisations a row is about: "all" (the whole round), "sector:<sector>" (stat, region, kommune, andet), ' +
    '"best-practice" (the top share by the maturity index) or "rest" (the others).',
};
const FIGURE: Field = {
  name: 'figure',
  type: 'string',
  description:
    'The figure, as a path in the sector figures of the instrument, e.g. "impact.optimise", ' +
    '"domains.services.priority", "competencies.leadership.meanRank".',
};
const organisations = (k: number): Field => ({
  name: 'organisations',
  type: 'integer',
  description: `How many organisations the row is computed from. Never fewer than k = ${k}; rows from fewer are left out.`,
  constraints: { required: true, minimum: k },
});

const FIELDS: Record<string, (k: number) => Field[]> = {
  groups: (k) => [
    ROUND,
    GROUP,
    { ...organisations(k), description: 'How many organisations the group has (at least k).' },
  ],
  figures: (k) => [
    ROUND,
    GROUP,
    FIGURE,
    {
      name: 'value',
      type: 'number',
      description:
        'The mean over organisations (each organisation first averaged over its respondents), rounded to 4 decimals. ' +
        'Scales run 1–5; a mean rank runs 1 (most important) to 7.',
    },
    organisations(k),
  ],
  distributions: (k) => [
    ROUND,
    GROUP,
    {
      ...FIGURE,
      description:
        '"importance" (the place of digital transformation on the agenda) or "stages" (the maturity curve).',
    },
    {
      name: 'category',
      type: 'string',
      description:
        "importance: the scale point (1–5) of the organisation's value rounded half up; stages: indlejret, mobiliseret, accelereret or integreret.",
    },
    {
      ...organisations(k),
      description: `How many organisations fall in the category (at least k = ${k}; smaller counts are left out).`,
    },
  ],
  divergence: (k) => [
    ROUND,
    {
      ...FIGURE,
      description: 'An answer id or measure id of the instrument (e.g. how.data.rank, competency.data).',
    },
    {
      name: 'kind',
      type: 'string',
      description:
        'item (a scale answer), measure (a computed score) or rank (a mean rank, 1 = most important).',
    },
    {
      name: 'business',
      type: 'number',
      description: "Mean over organisations of their business leaders' value.",
    },
    { name: 'it', type: 'number', description: "Mean over organisations of their IT leaders' value." },
    { name: 'difference', type: 'number', description: 'business − it.' },
    {
      ...organisations(k),
      description: `How many organisations have both business and IT respondents (at least k = ${k}).`,
    },
  ],
};

const DESCRIPTIONS: Record<string, string> = {
  groups: 'The groups of organisations that figures are published for, with their sizes.',
  figures: 'Means over organisations, per group.',
  distributions: 'How many organisations fall in each category, per group.',
  divergence: 'Business leaders versus IT leaders across the round.',
};

export function dataPackage(data: OpenData, created = new Date()): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: `pejling-${data.round.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}`,
    title: `Pejling: aggregated results of round ${data.round}`,
    description:
      `Aggregated, k-anonymous results (k = ${data.k}) of the Pejling round ${data.round}. ` +
      'No row is computed from fewer than k organisations, and no free text is included.',
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
