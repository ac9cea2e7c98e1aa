/** Shared test helpers: loading instruments and exchange text. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileInstrumentText } from '../src/core/instrument/compile.ts';
import type { Instrument } from '../src/core/instrument/types.ts';
import { parseExchangeCsv } from '../src/core/exchange/csv.ts';
import type { OrganisationData } from '../src/core/exchange/types.ts';

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
