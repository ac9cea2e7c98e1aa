/**
 * Autosave. The answers in this object are the source of truth while the respondent types;
 * the server copy follows:
 *
 * - every change marks its answer id dirty, is written to localStorage at once (unsaved
 *   changes only) and schedules a save after a pause (debounce);
 * - a save PUTs the visible answers with the revision last seen; success clears the ids whose
 *   values did not change meanwhile;
 * - 409 (saved elsewhere meanwhile): fetch the server's answers, lay the local unsaved
 *   answers over them (local wins field by field), tell the respondent if that changed what
 *   they see, and save again on the new revision;
 * - network errors and 5xx: retry with exponential backoff (1 s … 30 s), at once when the
 *   browser says it is back online; the state says "offline" meanwhile;
 * - a closed round or unknown token: stop (state "closed").
 *
 * Framework-free so it can be tested without a browser; `useDraftSync` binds it to React.
 */
import { GoneError, RetryableError, type DraftResult } from './api.ts';
import type { AnswerValue, Answers } from './instrument.ts';
import type { LocalDraftStore } from './local-draft.ts';

export type SaveState = 'saved' | 'pending' | 'saving' | 'offline' | 'retrying' | 'closed';

export interface SyncSnapshot {
  readonly answers: Answers;
  readonly state: SaveState;
  readonly revision: number;
  /** Goes up each time a merge with answers saved elsewhere changed what this page shows. */
  readonly mergedFromElsewhere: number;
}

export interface SyncApi {
  putDraft(answers: Answers, revision: number, keepalive: boolean): Promise<DraftResult>;
  getServerDraft(): Promise<{ answers: Answers; revision: number }>;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DraftSyncOptions {
  readonly api: SyncApi;
  readonly store: LocalDraftStore;
  /** The answers to send (visible and acceptable to the server). */
  readonly payload: (answers: Answers) => Answers;
  /** What the respondent sees of some answers (to tell whether a merge changed it). */
  readonly view: (answers: Answers) => Answers;
  readonly initial: { readonly answers: Answers; readonly revision: number };
  readonly debounceMs?: number;
  readonly timers?: Timers;
  readonly isOnline?: () => boolean;
  readonly random?: () => number;
}

export const DEBOUNCE_MS = 600;
export const MAX_BACKOFF_MS = 30_000;

export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

export function sameValue(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

export function sameAnswers(a: Answers, b: Answers): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!sameValue(a[key], b[key])) return false;
  return true;
}

export class DraftSync {
  private answers: Answers;
  private revision: number;
  private state: SaveState;
  private merged = 0;
  private readonly dirty = new Set<string>();
  /** Ids the server refused in a draft; left out until they change. */
  private readonly refused = new Set<string>();
  private attempts = 0;
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private disposed = false;
  private snapshot: SyncSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly timers: Timers;
  private readonly debounceMs: number;

  constructor(private readonly options: DraftSyncOptions) {
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.debounceMs = options.debounceMs ?? DEBOUNCE_MS;
    this.answers = options.initial.answers;
    this.revision = options.initial.revision;
    this.state = 'saved';

    // Changes that never reached the server (tab closed offline): replay them on top.
    const local = options.store.read();
    if (local && Object.keys(local.changes).length > 0) {
      const next: Record<string, AnswerValue> = { ...this.answers };
      for (const [id, value] of Object.entries(local.changes)) {
        if (value === null) delete next[id];
        else next[id] = value;
        this.dirty.add(id);
      }
      this.answers = next;
      this.state = 'pending';
      this.schedule(0);
    }
    this.snapshot = this.makeSnapshot();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SyncSnapshot => this.snapshot;

  /** Sets (or, with undefined, removes) answers; one save for all of them. */
  update(changes: Readonly<Record<string, AnswerValue | undefined>>): void {
    if (this.state === 'closed' || this.disposed) return;
    const next: Record<string, AnswerValue> = { ...this.answers };
    let changed = false;
    for (const [id, value] of Object.entries(changes)) {
      if (sameValue(next[id], value)) continue;
      changed = true;
      if (value === undefined) delete next[id];
      else next[id] = value;
      this.dirty.add(id);
      this.refused.delete(id);
    }
    if (!changed) return;
    this.answers = next;
    this.options.store.write(this.revision, this.answers, this.dirty);
    if (this.state === 'saved' || this.state === 'saving') this.state = 'pending';
    this.schedule(this.debounceMs);
    this.emit();
  }

  /** Saves now (e.g. when the page is hidden); `keepalive` lets the request outlive the page. */
  flush(keepalive = false): Promise<void> {
    if (this.dirty.size === 0 && !this.inFlight) return Promise.resolve();
    return this.save(keepalive);
  }

  /** Picks up answers saved elsewhere (another tab or device) since this page loaded them. */
  async refresh(): Promise<void> {
    if (this.state === 'closed' || this.disposed) return;
    if (this.inFlight) await this.inFlight;
    try {
      await this.pull();
    } catch (err) {
      // Offline: the next save will find out.
      if (err instanceof GoneError) {
        this.close();
        this.emit();
      }
      return;
    }
    if (this.dirty.size > 0) this.schedule(0);
    this.emit();
  }

  /** Tries again at once (the browser says it is back online). */
  retryNow(): void {
    if (this.state === 'offline' || this.state === 'retrying') {
      this.attempts = 0;
      this.schedule(0);
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.listeners.clear();
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.save(false);
    }, ms);
  }

  private save(keepalive: boolean): Promise<void> {
    if (this.state === 'closed' || this.disposed) return Promise.resolve();
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.dirty.size === 0) {
      if (this.state === 'pending') {
        this.state = 'saved';
        this.emit();
      }
      return Promise.resolve();
    }
    const sent = new Map([...this.dirty].map((id) => [id, this.answers[id]]));
    const payload = { ...this.options.payload(this.answers) };
    for (const id of this.refused) delete payload[id];
    if (this.state !== 'offline' && this.state !== 'retrying') this.state = 'saving';
    this.emit();

    this.inFlight = (async () => {
      try {
        const result = await this.options.api.putDraft(payload, this.revision, keepalive);
        this.attempts = 0;
        if (result.kind === 'saved') {
          this.revision = result.revision;
          for (const [id, value] of sent) if (sameValue(this.answers[id], value)) this.dirty.delete(id);
          this.options.store.write(this.revision, this.answers, this.dirty);
          this.state = this.dirty.size > 0 ? 'pending' : 'saved';
          if (this.dirty.size > 0) this.schedule(this.debounceMs);
        } else if (result.kind === 'conflict') {
          await this.pull();
          this.state = 'pending';
          this.schedule(0);
        } else {
          // The server refused some answers the browser accepted (should not happen: both run
          // the core's rules). Save the rest; keep the refused ones on screen only.
          for (const id of result.answerIds) this.refused.add(id);
          this.state = 'pending';
          this.schedule(result.answerIds.length > 0 ? 0 : this.debounceMs);
        }
      } catch (err) {
        if (err instanceof GoneError) {
          this.close();
        } else {
          this.attempts += 1;
          const offline =
            (err instanceof RetryableError && err.offline) || this.options.isOnline?.() === false;
          this.state = offline ? 'offline' : 'retrying';
          this.schedule(backoffMs(this.attempts, this.options.random));
        }
      } finally {
        this.inFlight = null;
        this.emit();
      }
      if (this.again) {
        this.again = false;
        if (this.dirty.size > 0 && this.state !== 'offline' && this.state !== 'retrying') this.schedule(0);
      }
    })();
    return this.inFlight;
  }

  /** Server answers, with this page's unsaved answers laid over them. */
  private async pull(): Promise<void> {
    const server = await this.options.api.getServerDraft();
    const merged: Record<string, AnswerValue> = { ...server.answers };
    for (const id of this.dirty) {
      const value = this.answers[id];
      if (value === undefined) delete merged[id];
      else merged[id] = value;
    }
    if (!sameAnswers(this.options.view(merged), this.options.view(this.answers))) this.merged += 1;
    this.answers = merged;
    this.revision = server.revision;
    this.options.store.write(this.revision, this.answers, this.dirty);
  }

  private close(): void {
    this.state = 'closed';
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private emit(): void {
    const next = this.makeSnapshot();
    const prev = this.snapshot;
    if (
      prev &&
      prev.answers === next.answers &&
      prev.state === next.state &&
      prev.revision === next.revision &&
      prev.mergedFromElsewhere === next.mergedFromElsewhere
    )
      return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  private makeSnapshot(): SyncSnapshot {
    return {
      answers: this.answers,
      state: this.state,
      revision: this.revision,
      mergedFromElsewhere: this.merged,
    };
  }
}
