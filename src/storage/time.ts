/** Timestamps are ISO-8601 UTC strings with milliseconds on both backends (see schema.ts). */
import type { Timestamp } from './schema.ts';
import { InvalidInputError } from './errors.ts';

export function nowIso(): Timestamp {
  return new Date().toISOString();
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Normalises a Date or ISO string to the stored form; rejects anything else. */
export function toTimestamp(value: Date | string, field: string): Timestamp {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new InvalidInputError(`${field} is not a valid date/time`);
  const iso = date.toISOString();
  if (!ISO_UTC.test(iso)) throw new InvalidInputError(`${field} is outside the supported years 0000–9999`);
  return iso;
}
