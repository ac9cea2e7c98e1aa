/**
 * The round's peer groups for organisation reports, prepared from the stored organisation
 * scores and kept in a small per-process cache. It is a cache of derived data, not state: a
 * second instance builds its own from the same rows, and every entry is checked against the
 * rows' revision (see `scoresRevision`) before it is trusted.
 *
 * Freshness: a closed round's figures are exact. In an open round, where every submission
 * changes the peers a little, an entry may be up to MAX_STALE_MS old, so that a busy round is
 * not re-prepared for every report; an organisation missing from the entry (it has just
 * answered) always gets a fresh one.
 */
import type { PreparedRound } from '../../core/benchmark/benchmark.ts';
import type { BenchmarkOrganisation } from '../../core/benchmark/groups.ts';
import type { Instrument } from '../../core/instrument/types.ts';
import { decodeValues, layoutKey } from '../../core/scoring/stored.ts';
import { peerRefs, preparePeers } from '../../reports/organisation/model/benchmark.ts';
import { listOrganisationScores, scoresRevision, type Db, type Round } from '../../storage/index.ts';
import { ensureRoundScored } from './scores.ts';

/** How often an entry's revision is checked against the database. */
const CHECK_INTERVAL_MS = 5_000;
/** How old an open round's entry may grow while answers keep arriving. */
const MAX_STALE_MS = 60_000;
/** Rounds kept (each EU-scale round holds about 100 MB of sorted values). */
const MAX_ROUNDS = 4;

interface Entry {
  readonly key: string;
  readonly revision: string;
  readonly builtAt: number;
  checkedAt: number;
  readonly peers: PreparedRound | null;
}

// Per database object: tests (and tools) open several databases in one process, whose round
// ids overlap. Pass the open database, not a transaction, so entries outlive the request.
const caches = new WeakMap<Db, Map<string, Entry>>();
const building = new WeakMap<Db, Map<string, Promise<Entry>>>();

function of<V>(map: WeakMap<Db, Map<string, V>>, db: Db): Map<string, V> {
  let m = map.get(db);
  if (!m) map.set(db, (m = new Map()));
  return m;
}

/** The prepared peer groups of the round, for a report on `organisation`. */
export async function roundPeers(
  db: Db,
  round: Round,
  instrument: Instrument,
  organisation: string,
  now = Date.now(),
): Promise<PreparedRound | null> {
  if (!instrument.def.benchmark) return null;
  const cache = of(caches, db);
  const key = `${round.id}|${round.kMin}|${layoutKey(instrument)}`;
  const entry = cache.get(key);
  const present = (e: Entry) => e.peers?.indexByName.has(organisation) ?? false;
  if (entry && present(entry)) {
    if (now - entry.checkedAt < CHECK_INTERVAL_MS) return touch(cache, key, entry).peers;
    const revision = await scoresRevision(db, round.id);
    if (revision === entry.revision) {
      entry.checkedAt = now;
      return touch(cache, key, entry).peers;
    }
    if (round.status === 'open' && now - entry.builtAt < MAX_STALE_MS) return entry.peers;
  }
  return (await build(db, round, instrument, key)).peers;
}

/** Single flight: concurrent reports of one round wait for one preparation. */
function build(db: Db, round: Round, instrument: Instrument, key: string): Promise<Entry> {
  const inFlight = of(building, db);
  let pending = inFlight.get(key);
  if (!pending) {
    pending = prepare(db, round, instrument, key).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function prepare(db: Db, round: Round, instrument: Instrument, key: string): Promise<Entry> {
  await ensureRoundScored(db, instrument, round.id);
  // Revision first: a write landing in between makes the entry look older, never newer.
  const revision = await scoresRevision(db, round.id);
  const rows = await listOrganisationScores(db, round.id);
  const refs = peerRefs(instrument);
  const orgs: BenchmarkOrganisation[] = rows.map((r) => ({
    name: r.name,
    sector: r.sector,
    type: r.type,
    sizeBand: r.sizeBand,
    values: decodeValues(instrument, r.values, refs),
  }));
  const now = Date.now();
  const entry: Entry = {
    key,
    revision,
    builtAt: now,
    checkedAt: now,
    peers: preparePeers(instrument, orgs, round.kMin),
  };
  const cache = of(caches, db);
  touch(cache, key, entry);
  while (cache.size > MAX_ROUNDS) cache.delete(cache.keys().next().value!);
  return entry;
}

/** Most recently used last, so the first key is the one to drop. */
function touch(cache: Map<string, Entry>, key: string, entry: Entry): Entry {
  cache.delete(key);
  cache.set(key, entry);
  return entry;
}

/** Forgets the database's prepared rounds (tests; a round's k changed is keyed anyway). */
export function clearPeerCache(db: Db): void {
  caches.delete(db);
}
