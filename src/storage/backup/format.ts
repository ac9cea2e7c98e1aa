/**
 * The backup file format, version 1: gzip'd JSON lines, readable with `zcat` and `jq`.
 *
 *   line 1      the header (below), as one JSON object
 *   line 2…     one line per row: {"t":"<table>","r":{<column>:<value>,…}}
 *
 * Tables come in foreign-key order (parents first), each table's rows in primary-key order,
 * so a restore can insert line by line. Values are normalised so that the file means the same
 * whichever backend wrote it: timestamps are ISO-8601 UTC strings with milliseconds, JSON
 * columns are JSON values (not text), booleans are booleans, integers are numbers, binary data
 * is base64. A JSON column holding the JSON literal `null` (as opposed to SQL NULL) is listed
 * in the row's optional `"jsonNull"` array, the one case a JSON value alone cannot tell apart.
 *
 * The header is its own gzip member, written after the data so that it can carry the row
 * counts and the SHA-256 of the data lines (every byte after the header line); gzip readers
 * treat consecutive members as one stream.
 */
import { z } from 'zod';
import { StorageError } from '../errors.ts';

export const BACKUP_FORMAT = 'pejling-backup';
export const BACKUP_FORMAT_VERSION = 1;

export const COLUMN_KINDS = ['integer', 'real', 'text', 'boolean', 'json', 'timestamp', 'blob'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  app: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  source: z.object({ dialect: z.enum(['sqlite', 'postgres']) }),
  /** The migration history of the source, oldest first. */
  migrations: z.array(z.string().min(1)),
  tables: z.array(
    z.object({
      name: z.string().min(1),
      rows: z.number().int().nonnegative(),
      /** The last id the table's identity/AUTOINCREMENT handed out, so a restore never reuses one. */
      sequence: z.number().int().nullable(),
      columns: z.array(z.object({ name: z.string().min(1), kind: z.enum(COLUMN_KINDS) })).min(1),
    }),
  ),
  rows: z.number().int().nonnegative(),
  /** SHA-256 (hex) of every byte after the header line. */
  dataSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type BackupHeader = z.infer<typeof headerSchema>;
export type BackupTableHeader = BackupHeader['tables'][number];

/** The file cannot be trusted: restore refuses it and writes nothing. */
export class BackupDamagedError extends StorageError {
  readonly code = 'BACKUP_DAMAGED';
}

/** The file is fine, but this operation must not go ahead (non-empty target, other history, …). */
export class BackupRefusedError extends StorageError {
  readonly code = 'BACKUP_REFUSED';
}

export function damaged(file: string, line: number | null, detail: string): BackupDamagedError {
  const where = line === null ? '' : `line ${line}: `;
  return new BackupDamagedError(
    `The backup file ${file} is damaged: ${where}${detail}. Nothing was restored.`,
  );
}

/**
 * Checks the header line. A newer format version is refused rather than half-understood;
 * anything else that does not match is damage (or not a backup at all).
 */
export function parseHeader(file: string, text: string): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged(file, 1, 'the header is not JSON (is this a Pejling backup?)');
  }
  const version = (value as { formatVersion?: unknown } | null)?.formatVersion;
  if ((value as { format?: unknown } | null)?.format !== BACKUP_FORMAT)
    throw damaged(file, 1, `this is not a Pejling backup (no "format": "${BACKUP_FORMAT}")`);
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION)
    throw new BackupRefusedError(
      `${file} has backup format version ${version}, written by a newer Pejling; ` +
        `this Pejling reads version ${BACKUP_FORMAT_VERSION}. Upgrade Pejling to restore it.`,
    );
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw damaged(file, 1, `the header is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const header = parsed.data;
  const names = new Set<string>();
  for (const t of header.tables) {
    if (names.has(t.name)) throw damaged(file, 1, `the header lists table ${t.name} twice`);
    names.add(t.name);
  }
  if (header.tables.reduce((n, t) => n + t.rows, 0) !== header.rows)
    throw damaged(file, 1, 'the per-table row counts do not add up to the total');
  return header;
}
