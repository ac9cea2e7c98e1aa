import { RoundNotOpenError } from '../errors.ts';
import type { RoundStatus, Timestamp } from '../schema.ts';

export interface RoundWindow {
  readonly name: string;
  readonly status: RoundStatus;
  readonly opens_at: Timestamp | null;
  readonly closes_at: Timestamp | null;
}

/** A round takes responses while its status is `open` and `now` is inside its window. */
export function assertAcceptingResponses(round: RoundWindow, now: Timestamp): void {
  if (round.status !== 'open') throw new RoundNotOpenError(round.name, `its status is ${round.status}`);
  // Both sides are canonical ISO-8601 UTC strings, so string order is time order.
  if (round.opens_at !== null && now < round.opens_at) {
    throw new RoundNotOpenError(round.name, `it opens at ${round.opens_at}`);
  }
  if (round.closes_at !== null && now >= round.closes_at) {
    throw new RoundNotOpenError(round.name, `it closed at ${round.closes_at}`);
  }
}
