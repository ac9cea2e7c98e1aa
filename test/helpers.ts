/** Shared test helpers: loading instruments and exchange text. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileInstrumentText } from '../src/core/instrument/compile.ts';
import type { Instrument } from '../src/core/instrument/types.ts';
import { parseExchangeCsv } from '../src/core/exchange/csv.ts';
import type { OrganisationData } from '../src/core/exchange/types.ts';
import { unprotectedFigures } from '../src/core/figures/evaluate.ts';
import { unitTable, versionsOfOrganisations } from '../src/core/release/build.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const fixture = (name: string) => join(ROOT, 'test', 'fixtures', name);

export function loadInstrument(path: string): Instrument {
  const result = compileInstrumentText(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.instrument;
}

export const mini = () => loadInstrument(fixture('mini.yaml'));
export const dtOffentlig = () => loadInstrument(join(ROOT, 'instruments', 'dt-offentlig.yaml'));

export function orgsFromCsv(instrument: Instrument, csv: string): OrganisationData[] {
  const result = parseExchangeCsv(instrument, csv, 'test.csv');
  if (!result.ok)
    throw new Error(result.problems.map((p) => `row ${p.row} ${p.column ?? ''}: ${p.message}`).join('\n'));
  return result.organisations;
}

/**
 * The figures of a set of organisations with nothing held back (the engine's arithmetic
 * alone), in the shape of the sector figures' JSON: for checking computations by hand.
 */
export function rawFigures(instrument: Instrument, round: string, orgs: readonly OrganisationData[]) {
  const versions = versionsOfOrganisations(
    instrument,
    orgs.map((o) => ({ ...o, type: null, sizeBand: null })),
  );
  const table = unitTable(instrument, versions);
  return {
    round,
    organisations: orgs.length,
    respondents: orgs.reduce((n, o) => n + o.respondents.length, 0),
    ...unprotectedFigures(instrument, table, Int32Array.from(versions.keys())),
  };
}

/**
 * Released figures against the arithmetic: every number shown equals the computed one (to 12
 * decimals); a number the release holds back is null. The release's own keys are skipped.
 */
export function expectShownFigures(actual: unknown, expected: unknown, path = 'figures'): void {
  if (actual === null) return;
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(actual, path).toBeCloseTo(expected, 12);
  } else if (expected !== null && typeof expected === 'object') {
    const a = actual as Record<string, unknown>;
    // A small group shows only the band its median lies in: the computed median must be in it.
    if (Array.isArray(a.band)) {
      const median = (expected as Record<string, number>).median!;
      expect(median, path).toBeGreaterThanOrEqual(a.band[0] as number);
      expect(median, path).toBeLessThanOrEqual(a.band[1] as number);
      return;
    }
    const keys = Object.keys(actual as object).filter((k) => k !== 'release' && k !== 'instrument');
    expect(keys.sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectShownFigures((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}
