/**
 * Releases in the background while a round is open: every interval, each open round whose
 * answers changed since its latest release gets a new one (the release's own rules decide
 * which groups refresh). Several app instances may run this at once: the release builder
 * serialises them (src/api/services/releases.ts), and a round nothing changed in is skipped.
 */
import type { FastifyBaseLogger } from 'fastify';
import { listRounds, type Db } from '../../storage/index.ts';
import { makeRelease } from './releases.ts';

export interface ReleaseScheduler {
  /** Runs one pass now (also what the timer runs). */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** The interval from PEJLING_RELEASE_INTERVAL (seconds; 0 turns the background releases off). */
export function releaseIntervalMs(env = process.env): number {
  const raw = env.PEJLING_RELEASE_INTERVAL?.trim();
  if (!raw) return 60_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new Error(`PEJLING_RELEASE_INTERVAL must be a number of seconds (got ${raw})`);
  return seconds * 1000;
}

export function startReleaseScheduler(
  db: Db,
  log: FastifyBaseLogger,
  intervalMs = releaseIntervalMs(),
): ReleaseScheduler {
  let running: Promise<number> | null = null;
  const runOnce = () => {
    running ??= (async () => {
      let made = 0;
      for (const round of await listRounds(db)) {
        if (round.status !== 'open') continue;
        try {
          const release = await makeRelease(db, round, 'auto', { onlyIfChanged: true });
          if (release) {
            made++;
            log.info({ round: round.name, release: release.number }, 'made a release');
          }
        } catch (err) {
          // A failed round is tried again next time; the others go on.
          log.warn({ round: round.name, err }, 'could not make a release');
        }
      }
      return made;
    })().finally(() => (running = null));
    return running;
  };
  const timer = intervalMs > 0 ? setInterval(() => void runOnce(), intervalMs) : null;
  timer?.unref();
  return {
    runOnce,
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
