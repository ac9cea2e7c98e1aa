/**
 * A release prepared for organisation reports (src/core/release/peers.ts): its publications'
 * members and sorted values, built once per release and process. A release never changes,
 * so an entry needs no checking; it is a cache of derived data, not state (another instance
 * prepares its own from the same rows).
 */
import { prepareRelease, type PreparedRelease } from '../../core/release/peers.ts';
import type { Instrument } from '../../core/instrument/types.ts';
import { listVersionFigures, type Db, type Round } from '../../storage/index.ts';
import { toCoreVersion, type Release } from './releases.ts';

/** Releases kept prepared (each EU-scale one holds its organisations' values). */
const MAX_RELEASES = 4;

// Per database object: tests (and tools) open several databases in one process, whose round
// ids overlap. Pass the open database, not a transaction, so entries outlive the request.
const caches = new WeakMap<Db, Map<string, Promise<PreparedRelease>>>();

export function preparedRelease(
  db: Db,
  round: Round,
  instrument: Instrument,
  release: Release,
): Promise<PreparedRelease> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${round.id}:${release.number}`;
  let entry = cache.get(key);
  if (!entry) {
    // Single flight: concurrent reports of one release wait for one preparation.
    entry = prepare(db, round, instrument, release);
    cache.set(key, entry);
    entry.catch(() => cache!.delete(key));
    while (cache.size > MAX_RELEASES) cache.delete(cache.keys().next().value!);
  }
  return entry;
}

async function prepare(
  db: Db,
  round: Round,
  instrument: Instrument,
  release: Release,
): Promise<PreparedRelease> {
  const versions = (await listVersionFigures(db, round.id, release.number)).map(toCoreVersion);
  return prepareRelease(instrument, release.content, versions);
}
