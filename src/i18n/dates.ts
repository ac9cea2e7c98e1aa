/**
 * Dates and times as staff and report readers see them — Danish (`1. december 2026`,
 * `kl. 14.05`) or English, always in Europe/Copenhagen — and the way back: what a person types
 * into `<input type="date">` / `type="time"` is Copenhagen wall time, stored as UTC ISO-8601.
 * The API and the database only ever hold UTC; only this module knows the zone.
 */
import type { Lang } from '../core/instrument/types.ts';

export const TIME_ZONE = 'Europe/Copenhagen';

const LOCALES: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}:${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f)
    formatters.set(key, (f = new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: TIME_ZONE })));
  return f;
}

/** `1. december 2026` / `1 December 2026`. */
export const formatDate = (iso: string, lang: Lang): string =>
  formatter(lang, { dateStyle: 'long' }).format(new Date(iso));

/** A calendar date (`2027-03-31`, a plan's due date) is that day in every zone. */
export const formatCalendarDate = (ymd: string, lang: Lang): string =>
  calendarFormatters[lang].format(new Date(`${ymd}T00:00:00Z`));

// Made once: constructing an Intl.DateTimeFormat costs far more than formatting with it.
const calendarFormatters: Record<Lang, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat(LOCALES.da, { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(LOCALES.en, { dateStyle: 'long', timeZone: 'UTC' }),
};

/** `kl. 14.05` / `14:05`. */
export function formatTime(iso: string, lang: Lang): string {
  const time = formatter(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
  return lang === 'da' ? `kl. ${time}` : time;
}

/** `1. december 2026 kl. 14.05` / `1 December 2026 at 14:05`. */
export const formatDateTime = (iso: string, lang: Lang): string =>
  formatter(lang, { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));

/** `2026-12-01 14:05:09`, Copenhagen time: sorts as text and reads in every spreadsheet (CSV files). */
export const formatSortableDateTime = (iso: string): string => sortable.format(new Date(iso));

const sortable = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: TIME_ZONE,
});

/** The Copenhagen calendar day of an instant, `YYYY-MM-DD` (when is a plan item overdue). */
export const localCalendarDay = (iso: string): string => formatSortableDateTime(iso).slice(0, 10);

/** The day after a calendar date (`2026-12-01` → `2026-12-02`). */
export function nextCalendarDay(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The moment's Copenhagen wall clock, as the values of a date and a time input. */
export function toLocalInputs(iso: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    formatter('en', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** How far Copenhagen's clock is ahead of UTC at `ms`, in milliseconds. */
function offsetAt(ms: number): number {
  const { date, time } = toLocalInputs(new Date(ms).toISOString());
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return Date.UTC(y!, mo! - 1, d!, h!, mi!) - Math.floor(ms / 60_000) * 60_000;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The UTC moment of a Copenhagen date (and time, default midnight), or null when either is not
 * a real date or time. In the spring gap (02:00–03:00 does not exist) the clock's new time is
 * used; in the autumn's repeated hour, the first (summer time).
 */
export function fromLocalInputs(date: string, time = '00:00'): string | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [y, mo, day, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  const wall = Date.UTC(y, mo - 1, day, h, mi);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== day)
    return null;
  // Two passes find the offset in force at the moment itself, not at the wall time read as UTC.
  const first = wall - offsetAt(wall - offsetAt(wall));
  const earlier = wall - offsetAt(first - 3_600_000);
  return new Date(
    toLocalInputs(new Date(earlier).toISOString()).time === time ? earlier : first,
  ).toISOString();
}
