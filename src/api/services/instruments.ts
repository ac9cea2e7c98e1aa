/**
 * The instrument a round pins. Rounds store the instrument text they were created with, so
 * scores stay reproducible after the built-in file moves on; id@version is immutable in the
 * database (storing other text under it is refused), so a compiled copy can be kept.
 */
import { compileInstrumentText } from '../../core/instrument/compile.ts';
import type { Instrument } from '../../core/instrument/types.ts';
import {
  loadBuiltinInstrumentSource,
  InstrumentLoadError,
  type InstrumentSource,
} from '../../instruments/registry.ts';
import { getInstrumentSha, getInstrumentVersion, NotFoundError, type Db } from '../../storage/index.ts';
import type { InstrumentRef } from '../../storage/types.ts';

const compiled = new Map<string, Instrument>();
/**
 * id@version → content hash, per database. Within one database id@version is immutable
 * (storing other text under it is refused), so the hash never changes once read; this saves
 * a round trip on every autosave. Keyed by the Db object, so another database reads its own.
 */
const shas = new WeakMap<Db, Map<string, string>>();

export async function instrumentOf(db: Db, ref: InstrumentRef): Promise<Instrument> {
  // The definition text is read only to compile it; keying the compiled copy by content, not
  // only id@version, keeps it right even across databases that disagree about a version.
  let hashes = shas.get(db);
  if (!hashes) shas.set(db, (hashes = new Map()));
  const key = `${ref.id}@${ref.version}`;
  let sha = hashes.get(key);
  if (sha === undefined) {
    sha = await getInstrumentSha(db, ref.id, ref.version);
    // Not from inside a transaction: one that rolls back might have stored the version.
    if (sha !== undefined && !db.inTransaction) hashes.set(key, sha);
  }
  const known = sha === undefined ? undefined : compiled.get(sha);
  if (known) return known;
  const stored = await getInstrumentVersion(db, ref.id, ref.version);
  if (!stored) throw new NotFoundError('instrument', `${ref.id}@${ref.version}`);
  let instrument = compiled.get(stored.sha256);
  if (!instrument) {
    const result = compileInstrumentText(stored.definitionText, `${ref.id}@${ref.version}`);
    if (!result.ok) throw new Error(`Stored instrument ${ref.id}@${ref.version} does not compile`);
    instrument = result.instrument;
    compiled.set(stored.sha256, instrument);
  }
  return instrument;
}

/** A built-in instrument by id, or undefined when there is no such built-in. */
export async function builtinSource(id: string): Promise<InstrumentSource | undefined> {
  try {
    return await loadBuiltinInstrumentSource(id);
  } catch (err) {
    if (err instanceof InstrumentLoadError) return undefined;
    throw err;
  }
}
