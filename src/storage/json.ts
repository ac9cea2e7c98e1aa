/**
 * JSON as we store it: canonical text (object keys sorted, no whitespace), so
 * equal values have equal text. That lets "are these answers unchanged?" be a string
 * comparison, on both backends, without parsing what is stored.
 */
import type { JsonText } from './schema.ts';

export function canonicalJson(value: unknown): JsonText {
  return write(value);
}

// Hot in bulk imports (one call per respondent, tens of keys each), hence the caches below.
function write(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // JSON.stringify would silently turn these into null and lose an answer.
      if (!Number.isFinite(value)) throw new TypeError(`Cannot store ${value} as JSON`);
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const item: unknown = value[i];
          out += item === undefined ? 'null' : write(item);
        }
        return out + ']';
      }
      if (!isPlainObject(value)) break;
      const record = value as Record<string, unknown>;
      let out = '{';
      for (const key of sortedKeys(record)) {
        const item = record[key];
        if (item === undefined) continue;
        if (out.length > 1) out += ',';
        try {
          out += quotedKey(key) + write(item);
        } catch (err) {
          throw err instanceof TypeError ? new TypeError(`${err.message} (at ${JSON.stringify(key)})`) : err;
        }
      }
      return out + '}';
    }
  }
  throw new TypeError(`Cannot store a ${typeof value} as JSON`);
}

// Consecutive records (respondents of one instrument) nearly always share their key list.
let lastKeys: string[] = [];
let lastSorted: string[] = [];

function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  if (keys.length === lastKeys.length && keys.every((k, i) => k === lastKeys[i])) return lastSorted;
  lastKeys = keys;
  // Any fixed order makes the text canonical; the native sort (UTF-16 order) is fastest.
  lastSorted = [...keys].sort();
  return lastSorted;
}

const quoted = new Map<string, string>();

function quotedKey(key: string): string {
  let q = quoted.get(key);
  if (q === undefined) {
    if (quoted.size >= 10_000) quoted.clear();
    q = JSON.stringify(key) + ':';
    quoted.set(key, q);
  }
  return q;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function parseJson<T>(text: JsonText): T {
  return JSON.parse(text) as T;
}
