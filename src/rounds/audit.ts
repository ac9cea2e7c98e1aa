/**
 * Reading the audit log as staff do: a filtered page (newest first, with whether there is a
 * newer and an older one), the same filter as CSV (streamed in batches, cells that a
 * spreadsheet would run as formulas escaped), action names in the reader's language and
 * times in Copenhagen's.
 */
import { escapeFormula } from '../core/answers/values.ts';
import type { Lang } from '../core/instrument/types.ts';
import { adminT } from '../i18n/admin.ts';
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
export const TIME_ZONE = 'Europe/Copenhagen';

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

/** `1. december 2026 kl. 14.05` (Danish) or `1 December 2026 at 14:05`, Copenhagen time. */
export const formatAuditTime = (iso: string, lang: Lang): string =>
  new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));

/** `2026-12-01 14:05:09`, Copenhagen time: sorts as text and reads in every spreadsheet. */
const spreadsheetTime = (iso: string): string =>
  new Intl.DateTimeFormat('sv-SE', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Copenhagen's clock is ahead of UTC at `t` (one or two hours). */
function offsetMs(t: number): number {
  const p = Object.fromEntries(wallClock.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/**
 * The moment a day (`2026-12-01`, as `<input type=date>` sends it) begins in Copenhagen, as
 * UTC. Midnight is never inside a daylight-saving change there (they happen at 02:00/03:00),
 * so the offset read at the first guess's result is the day's own.
 */
export function copenhagenDayStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  return new Date(guess - offsetMs(guess - offsetMs(guess))).toISOString();
}

/** The day after `day`, as `YYYY-MM-DD`. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
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
        spreadsheetTime(e.at),
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
