/** The few places where one query needs a dialect-specific clause, kept together. */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database.ts';

/**
 * A column in Unicode code point order. SQLite's default BINARY collation already compares
 * UTF-8 bytes (= code points); PostgreSQL needs the "C" collation, not the database locale.
 */
export function codePointOrder(db: Db, column: string): RawBuilder<string> {
  return db.dialect === 'postgres'
    ? sql<string>`${sql.ref(column)} collate "C"`
    : sql<string>`${sql.ref(column)}`;
}

/**
 * Most rows one statement may bind: PostgreSQL allows 65535 parameters, SQLite (as bundled)
 * 32766. Staying well under both also keeps each statement's compile cost modest.
 */
const MAX_PARAMS = 16_000;

export function rowsPerStatement(paramsPerRow: number, cap = 2_000): number {
  return Math.max(1, Math.min(cap, Math.floor(MAX_PARAMS / paramsPerRow)));
}

export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
