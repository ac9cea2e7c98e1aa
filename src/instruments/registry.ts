/**
 * Loads instrument files from disk (the only I/O around instruments). Built-in instruments
 * live in `instruments/` at the project root; any other file can be loaded by path.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileInstrumentText, type CompileResult } from '../core/instrument/compile.ts';
import type { Instrument, InstrumentProblem } from '../core/instrument/types.ts';

export const INSTRUMENTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../instruments');

export class InstrumentLoadError extends Error {
  constructor(readonly problems: InstrumentProblem[]) {
    super(
      `Invalid instrument: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n` +
        problems.map(formatProblem).join('\n'),
    );
  }
}

export function formatProblem(p: InstrumentProblem): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.path}: ${p.message}`;
}

export async function compileInstrumentFile(file: string): Promise<CompileResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    return { ok: false, problems: [{ file, path: '(file)', message: reason }] };
  }
  return compileInstrumentText(text.replace(/^\uFEFF/, ''), file);
}

/** Ids of the built-in instruments (file names without extension). */
export async function listBuiltinInstruments(): Promise<string[]> {
  const files = await readdir(INSTRUMENTS_DIR);
  return files
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => basename(f).replace(/\.(ya?ml|json)$/, ''))
    .sort();
}

export interface InstrumentSource {
  instrument: Instrument;
  /** The file's text, as stored with each round that uses this version. */
  text: string;
}

const cache = new Map<string, Promise<InstrumentSource>>();

/** A built-in instrument by id, compiled once per process (instrument files are immutable). */
export async function loadBuiltinInstrument(id: string): Promise<Instrument> {
  return (await loadBuiltinInstrumentSource(id)).instrument;
}

export function loadBuiltinInstrumentSource(id: string): Promise<InstrumentSource> {
  let pending = cache.get(id);
  if (!pending) {
    pending = (async () => {
      if (!/^[a-z][a-z0-9-]*$/.test(id))
        throw new InstrumentLoadError([{ file: id, path: '(id)', message: 'not an instrument id' }]);
      const known = await listBuiltinInstruments();
      if (!known.includes(id)) {
        throw new InstrumentLoadError([
          { file: id, path: '(id)', message: `unknown instrument (known: ${known.join(', ')})` },
        ]);
      }
      const file = join(INSTRUMENTS_DIR, `${id}.yaml`);
      const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
      const result = compileInstrumentText(text, file);
      if (!result.ok) throw new InstrumentLoadError(result.problems);
      return { instrument: result.instrument, text };
    })();
    pending.catch(() => cache.delete(id));
    cache.set(id, pending);
  }
  return pending;
}
