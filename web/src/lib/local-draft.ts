/**
 * Unsaved changes in localStorage, so closing the tab (or the phone's browser killing it)
 * while offline loses nothing. Only changes the server has not confirmed are kept, under a
 * key made from the SHA-256 of the token (the token itself never lands in storage), and the
 * entry is removed once everything is saved.
 */
import type { AnswerValue, Answers } from './instrument.ts';
import { sha256Hex } from './sha256.ts';

export interface LocalDraft {
  /** The server revision these changes were made on top of. */
  readonly base: number;
  /** Changed answer ids and their values; null = the answer was removed. */
  readonly changes: Readonly<Record<string, AnswerValue | null>>;
  readonly savedAt: number;
}

const PREFIX = 'pejling.unsaved.';
/** Unsaved changes older than this are dropped rather than replayed over newer answers. */
const MAX_AGE_MS = 60 * 24 * 3600 * 1000;

export function localDraftKey(token: string): string {
  return PREFIX + sha256Hex(`pejling-survey:${token}`);
}

/** The part of the Web Storage API used here (so this module also runs under Node in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface LocalDraftStore {
  read(): LocalDraft | null;
  write(base: number, answers: Answers, dirty: ReadonlySet<string>): void;
  clear(): void;
}

export function localDraftStore(
  key: string,
  storage: KeyValueStorage | null = safeLocalStorage(),
): LocalDraftStore {
  return {
    read() {
      if (!storage) return null;
      try {
        const raw = storage.getItem(key);
        if (!raw) return null;
        const parsed = JSON.parse(raw) as LocalDraft;
        if (typeof parsed !== 'object' || parsed === null || typeof parsed.changes !== 'object') return null;
        if (Date.now() - parsed.savedAt > MAX_AGE_MS) {
          storage.removeItem(key);
          return null;
        }
        return parsed;
      } catch {
        return null;
      }
    },
    write(base, answers, dirty) {
      if (!storage) return;
      if (dirty.size === 0) {
        this.clear();
        return;
      }
      const changes: Record<string, AnswerValue | null> = {};
      for (const id of dirty) changes[id] = answers[id] ?? null;
      try {
        storage.setItem(key, JSON.stringify({ base, changes, savedAt: Date.now() } satisfies LocalDraft));
      } catch {
        // Storage full or disabled (private mode): the server copy is all we have.
      }
    },
    clear() {
      try {
        storage?.removeItem(key);
      } catch {
        // ignore
      }
    },
  };
}

function safeLocalStorage(): KeyValueStorage | null {
  try {
    // Reading the property throws where storage is disabled.
    return (globalThis as { localStorage?: KeyValueStorage }).localStorage ?? null;
  } catch {
    return null;
  }
}
