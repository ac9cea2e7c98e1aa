/**
 * Reading the audit log as staff do: a filtered page (newest first, with whether there is a
 * newer and an older one), the same filter as CSV (streamed in batches, cells that a
 * spreadsheet would run as formulas escaped), action names in the reader's language and
 * times in Copenhagen's.
 */
import { escapeFormula } from '../core/answers/values.ts';
import type { Lang } from '../core/instrument/types.ts';
import { adminT } from '../i18n/admin.ts';
import { formatSortableDateTime } from '../i18n/dates.ts';
import { stringify } from 'csv-stringify/sync';
import {
  hasAuditEntry,
  listAuditEntries,
  type AuditEntry,
  type AuditFilter,
  type Db,
} from '../storage/index.ts';

export const AUDIT_PAGE_SIZE = 50;
const CSV_BATCH = 500;

/** The API's plain paging: entries older than `before`, newest first. */
export async function listAuditPage(
  db: Db,
  options: AuditFilter & { before?: number | undefined; limit: number },
): Promise<AuditEntry[]> {
  return listAuditEntries(db, options);
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  /** The cursor of the older page (`before`), when there is one. */
  readonly older: number | null;
  /** The cursor of the newer page (`after`), when there is one. */
  readonly newer: number | null;
}

export async function readAuditPage(
  db: Db,
  filter: AuditFilter,
  cursor: { before?: number | undefined; after?: number | undefined },
  limit = AUDIT_PAGE_SIZE,
): Promise<AuditPage> {
  const entries = await listAuditEntries(db, { ...filter, ...cursor, limit });
  if (entries.length === 0) return { entries, older: null, newer: null };
  const newest = entries[0]!.id;
  const oldest = entries.at(-1)!.id;
  const hasOlder = await hasAuditEntry(db, filter, { before: oldest });
  const hasNewer = await hasAuditEntry(db, filter, { after: newest });
  return { entries, older: hasOlder ? oldest : null, newer: hasNewer ? newest : null };
}

/** An action's name in `lang`; an action this version does not know keeps its code. */
export function auditActionName(action: string, lang: Lang): string {
  return adminT(lang)(`auditActions.${action}`, { defaultValue: action });
}

const cell = (text: string) => escapeFormula(text);

/** The filtered log as CSV, newest first, in batches (a long log is never held whole). */
export async function* auditCsv(db: Db, filter: AuditFilter, lang: Lang): AsyncGenerator<string> {
  const t = adminT(lang);
  // The byte-order mark makes spreadsheets read the file as UTF-8 (æ, ø, å).
  yield (
    '\uFEFF' +
    stringify(
      [
        [
          t('audit.csv.id'),
          t('audit.csv.localTime'),
          t('audit.csv.utc'),
          t('audit.actor'),
          t('audit.csv.actionCode'),
          t('audit.action'),
          t('audit.subject'),
          t('audit.details'),
        ],
      ],
      { record_delimiter: '\n' },
    )
  );
  let before: number | undefined;
  for (;;) {
    const batch = await listAuditEntries(db, { ...filter, before, limit: CSV_BATCH });
    if (batch.length === 0) return;
    yield stringify(
      batch.map((e) => [
        String(e.id),
        formatSortableDateTime(e.at),
        e.at,
        cell(e.actor),
        cell(e.action),
        cell(auditActionName(e.action, lang)),
        cell(e.subject ?? ''),
        cell(e.details === null ? '' : JSON.stringify(e.details)),
      ]),
      { record_delimiter: '\n' },
    );
    if (batch.length < CSV_BATCH) return;
    before = batch.at(-1)!.id;
  }
}
