/**
 * The benchmark's deterministic synthetic rounds, written as exchange CSV files (what the
 * import reads and what DuckDB is given): national (300 organisations × 5 respondents) and EU
 * scale (100,000 organisations, 500,000 respondents).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Instrument } from '../src/core/instrument/types.ts';
import { generateRound } from '../src/demo/generate.ts';
import { writeExchangeFile } from '../src/files/exchange-file.ts';

export interface Dataset {
  readonly name: 'national' | 'eu';
  readonly round: string;
  readonly organisations: number;
  readonly respondents: number;
  readonly file: string;
  /** Organisation names, for picking whose report to ask for. */
  readonly names: readonly string[];
  readonly generateMs: number;
  readonly fileMB: number;
}

export async function makeDataset(
  instrument: Instrument,
  outDir: string,
  name: Dataset['name'],
  organisations: number,
  seed: number,
): Promise<Dataset> {
  const started = performance.now();
  const data = generateRound(instrument, { organisations, respondents: 5, seed });
  const file = join(outDir, `${name}.csv`);
  await writeExchangeFile(instrument, data, file, 'csv');
  const generateMs = performance.now() - started;
  return {
    name,
    round: `bench-${name}`,
    organisations: data.length,
    respondents: data.reduce((n, o) => n + o.respondents.length, 0),
    file,
    names: data.map((o) => o.name),
    generateMs,
    fileMB: (await stat(file)).size / 1e6,
  };
}
