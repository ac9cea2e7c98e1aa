/** Calendar months as `YYYY-MM` text, and arithmetic on them (no time zones: a month is a label). */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month's index (months since year 0), or null when the text is not a valid `YYYY-MM`. */
export function monthIndex(text: string): number | null {
  const m = MONTH.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) return null;
  return year * 12 + Number(m[2]) - 1;
}

export const isMonth = (text: string): boolean => monthIndex(text) !== null;

export function monthOf(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

function mustIndex(text: string): number {
  const i = monthIndex(text);
  if (i === null) throw new RangeError(`not a month (YYYY-MM): ${JSON.stringify(text)}`);
  return i;
}

/** Months from `from` through `to`, both counted (0 when `to` is before `from`). */
export const monthsThrough = (from: string, to: string): number =>
  Math.max(0, mustIndex(to) - mustIndex(from) + 1);

/** `a` is before `b`. */
export const isBefore = (a: string, b: string): boolean => mustIndex(a) < mustIndex(b);

/** Every month from `from` through `to`, in order. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = mustIndex(from); i <= mustIndex(to); i++) out.push(monthOf(i));
  return out;
}
