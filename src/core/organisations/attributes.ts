/**
 * An organisation's attributes in one round: type, size (from which its size band follows),
 * geographic region and any further attribute (`org.<key>` in files). Peer groups are formed
 * from them; the rules (valid types, size-band limits) are the instrument's `organisations`
 * block, so they are data, never code.
 */
import type { OrganisationRules } from '../instrument/schema.ts';
import type { Instrument } from '../instrument/types.ts';

export interface OrganisationAttributes {
  readonly type: string | null;
  /** Inhabitants or full-time equivalents, as the sector's size bands count. */
  readonly size: number | null;
  readonly region: string | null;
  /** Further attributes by key (`org.<key>`), as text. */
  readonly extra: Readonly<Record<string, string>>;
}

export const NO_ATTRIBUTES: OrganisationAttributes = { type: null, size: null, region: null, extra: {} };

/** Files name attribute columns `org.type`, `org.size`, `org.region`, `org.<key>`. */
export const ATTRIBUTE_PREFIX = 'org.';
export const BUILT_IN_ATTRIBUTES = ['type', 'size', 'region'] as const;
const KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_ATTRIBUTE_LENGTH = 200;

/** The attribute a column header names (`org.size` → `size`), or null when it names none. */
export function attributeOfColumn(header: string): string | null {
  if (!header.startsWith(ATTRIBUTE_PREFIX)) return null;
  const key = header.slice(ATTRIBUTE_PREFIX.length);
  return KEY.test(key) ? key : null;
}

export const attributeColumn = (key: string) => `${ATTRIBUTE_PREFIX}${key}`;

export function isAttributeKey(key: string): boolean {
  return KEY.test(key);
}

export function organisationRules(instrument: Instrument): OrganisationRules {
  return instrument.def.organisations ?? { types: {}, sizeBands: {} };
}

/** The valid type codes of a sector (empty: the sector takes no type). */
export function typesOf(rules: OrganisationRules, sector: string): readonly string[] {
  return rules.types[sector as keyof OrganisationRules['types']] ?? [];
}

/** Why `type` is not valid in `sector` (naming the valid codes), or null when it is. */
export function typeProblem(rules: OrganisationRules, sector: string, type: string): string | null {
  const valid = typesOf(rules, sector);
  if (valid.includes(type)) return null;
  return valid.length === 0
    ? `the sector ${sector} has no organisation types (found "${type}")`
    : `type must be one of ${valid.join(', ')} for the sector ${sector} (found "${type}")`;
}

/** Reads a size cell (a number ≥ 0, decimal point or comma); an error message when it is not one. */
export function parseSize(cell: string): { size: number } | { error: string } {
  const text = cell.trim();
  // A decimal comma as Danish spreadsheets write it; no thousands separators (ambiguous).
  const n = /^\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
  if (!Number.isFinite(n) || n > 1e12)
    return {
      error: `size must be a number of inhabitants or full-time equivalents, 0 or more (found "${text}")`,
    };
  return { size: n };
}

export function sizeBandsOf(rules: OrganisationRules, sector: string) {
  return rules.sizeBands[sector as keyof OrganisationRules['sizeBands']] ?? null;
}

/** The size band a size falls in under the sector's limits; null without a size or limits. */
export function sizeBandOf(rules: OrganisationRules, sector: string, size: number | null): string | null {
  const bands = sizeBandsOf(rules, sector);
  if (size === null || !bands) return null;
  return (bands.bands.find((b) => b.below !== undefined && size < b.below) ?? bands.bands.at(-1)!).id;
}

/** A band's limits: from (inclusive) and below (exclusive), either open. */
export function bandLimits(
  rules: OrganisationRules,
  sector: string,
  band: string,
): { unit: 'inhabitants' | 'fte'; from: number | null; below: number | null } | null {
  const bands = sizeBandsOf(rules, sector);
  const i = bands?.bands.findIndex((b) => b.id === band) ?? -1;
  if (!bands || i < 0) return null;
  return {
    unit: bands.unit,
    from: i === 0 ? null : bands.bands[i - 1]!.below!,
    below: bands.bands[i]!.below ?? null,
  };
}

/** A band's place among its sector's bands (smallest 0); -1 when unknown. */
export function bandOrder(rules: OrganisationRules, sector: string, band: string): number {
  return sizeBandsOf(rules, sector)?.bands.findIndex((b) => b.id === band) ?? -1;
}

/** Why an attribute value is not valid (naming the column), or null. */
export function attributeProblem(
  rules: OrganisationRules,
  sector: string,
  key: string,
  value: string,
): string | null {
  if (value.length > MAX_ATTRIBUTE_LENGTH) return `at most ${MAX_ATTRIBUTE_LENGTH} characters`;
  if (key === 'type') return typeProblem(rules, sector, value);
  if (key === 'size') {
    const s = parseSize(value);
    return 'error' in s ? s.error : null;
  }
  return null;
}

/**
 * Attribute cells (by key, '' for an empty cell) as attributes. Only the keys given are set;
 * the caller has validated the values.
 */
export function attributesFromCells(
  cells: Readonly<Record<string, string>>,
): Partial<OrganisationAttributes> {
  const out: {
    type?: string | null;
    size?: number | null;
    region?: string | null;
    extra?: Record<string, string>;
  } = {};
  const extra: Record<string, string> = {};
  let anyExtra = false;
  for (const [key, raw] of Object.entries(cells)) {
    const v = raw.trim();
    if (key === 'type') out.type = v === '' ? null : v;
    else if (key === 'region') out.region = v === '' ? null : v;
    else if (key === 'size') {
      const s = v === '' ? null : parseSize(v);
      out.size = s === null || 'error' in s ? null : s.size;
    } else {
      anyExtra = true;
      extra[key] = v;
    }
  }
  if (anyExtra) out.extra = extra;
  return out;
}

/** The cells of an organisation's attributes for the given keys ('' where it has none). */
export function attributeCells(
  attributes: OrganisationAttributes,
  keys: readonly string[],
  formatSize: (n: number) => string = String,
): string[] {
  return keys.map((key) => {
    if (key === 'type') return attributes.type ?? '';
    if (key === 'region') return attributes.region ?? '';
    if (key === 'size') return attributes.size === null ? '' : formatSize(attributes.size);
    return attributes.extra[key] ?? '';
  });
}

/** The attribute keys any of the organisations has, in file order: type, size, region, the rest sorted. */
export function attributeKeysOf(all: Iterable<OrganisationAttributes>): string[] {
  const builtIn = new Set<string>();
  const extra = new Set<string>();
  for (const a of all) {
    if (a.type !== null) builtIn.add('type');
    if (a.size !== null) builtIn.add('size');
    if (a.region !== null) builtIn.add('region');
    for (const k of Object.keys(a.extra)) extra.add(k);
  }
  return [...BUILT_IN_ATTRIBUTES.filter((k) => builtIn.has(k)), ...[...extra].sort()];
}

/** Applies a partial change (only the keys given; `extra` merges, an empty value removes). */
export function mergeAttributes(
  base: OrganisationAttributes,
  change: Partial<OrganisationAttributes>,
): OrganisationAttributes {
  const extra = { ...base.extra };
  for (const [k, v] of Object.entries(change.extra ?? {})) {
    if (v === '') delete extra[k];
    else extra[k] = v;
  }
  return {
    type: change.type !== undefined ? change.type : base.type,
    size: change.size !== undefined ? change.size : base.size,
    region: change.region !== undefined ? change.region : base.region,
    extra,
  };
}
