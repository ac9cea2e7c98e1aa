/**
 * Values between a database row and a backup line. The file form is the same whichever
 * backend wrote it (see format.ts); the database form is what each driver binds.
 */
import type { DialectName } from '../database.ts';
import { canonicalJson } from '../json.ts';
import type { ColumnKind } from './format.ts';
import type { ColumnInfo, TableInfo } from './catalog.ts';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export class ValueError extends Error {}

function timestamp(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') {
    if (ISO_UTC.test(value)) return value;
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  throw new ValueError(`${JSON.stringify(value)} is not a timestamp`);
}

function fromDatabase(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'timestamp':
      return timestamp(value);
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'boolean':
      return typeof value === 'number' || typeof value === 'bigint' ? Number(value) !== 0 : value;
    case 'blob':
      return Buffer.isBuffer(value) ? value.toString('base64') : value;
    case 'integer':
    case 'real':
      if (typeof value === 'bigint') {
        if (!Number.isSafeInteger(Number(value))) throw new ValueError(`integer ${value} is too large`);
        return Number(value);
      }
      // PostgreSQL numeric arrives as text.
      return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
        ? Number(value)
        : value;
    default:
      return value;
  }
}

/** One data line, without its newline. */
export function encodeLine(table: TableInfo, raw: Record<string, unknown>): string {
  const row: Record<string, unknown> = {};
  let jsonNull: string[] | undefined;
  for (const column of table.columns) {
    const value = raw[column.name];
    try {
      row[column.name] = fromDatabase(column.kind, value);
    } catch (err) {
      throw new ValueError(`Cannot back up ${table.name}.${column.name}: ${(err as Error).message}`);
    }
    if (column.kind === 'json' && value !== null && value !== undefined && row[column.name] === null)
      (jsonNull ??= []).push(column.name);
  }
  let text: string;
  try {
    text = canonicalJson(row);
  } catch (err) {
    throw new ValueError(`Cannot back up a row of ${table.name}: ${(err as Error).message}`);
  }
  return (
    `{"t":${JSON.stringify(table.name)},"r":${text}` +
    (jsonNull ? `,"jsonNull":${JSON.stringify(jsonNull)}` : '') +
    '}'
  );
}

/**
 * A value from the file, as the target's driver binds it into `target`. The file's kind
 * (`source`) says how to read it; they differ only if a column changed type between backends.
 */
export function toDatabase(
  dialect: DialectName,
  source: ColumnKind,
  target: ColumnInfo,
  value: unknown,
  isJsonNull: boolean,
): unknown {
  if (isJsonNull) return 'null';
  if (value === null) return null;
  switch (target.kind) {
    case 'json':
      // The stored text is canonical (keys sorted, no spaces), as the application writes it.
      return source === 'json' ? canonicalJson(value) : scalar(value, dialect);
    case 'timestamp':
      return timestamp(value);
    case 'boolean':
      if (typeof value !== 'boolean') return scalar(value, dialect);
      return dialect === 'sqlite' ? (value ? 1 : 0) : value;
    case 'blob':
      if (source === 'blob' && typeof value === 'string') return Buffer.from(value, 'base64');
      return scalar(value, dialect);
    default:
      return scalar(value, dialect);
  }
}

function scalar(value: unknown, dialect: DialectName): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
      return value;
    case 'boolean':
      // better-sqlite3 cannot bind booleans.
      return dialect === 'sqlite' ? (value ? 1 : 0) : value;
    default:
      throw new ValueError(`a ${Array.isArray(value) ? 'list' : typeof value} where a plain value belongs`);
  }
}
