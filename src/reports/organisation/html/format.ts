/** Number and date formatting for the views, in the report's language. */
import type { Lang } from '../../../core/instrument/types.ts';
import { formatCalendarDate, formatDate, formatDateTime } from '../../../i18n/dates.ts';
import { reportT } from '../../../i18n/report.ts';

export interface Formatter {
  readonly lang: Lang;
  /** A number with at most `decimals` decimals; a dash for none. */
  num(value: number | null | undefined, decimals?: number): string;
  /** A signed difference (+0,4 / −0,4). */
  signed(value: number | null | undefined, decimals?: number): string;
  /** A distance to a target: one decimal, or two when one would round a real gap to 0,0. */
  distance(value: number | null | undefined): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string): string;
}

const LOCALES: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Fixed decimals, so a column of figures lines up (3,0 beside 3,5), and a real minus sign
 * (U+2212), which screen readers read as "minus".
 */
function fixed(value: number, decimals: number, lang: Lang): string {
  const key = `${lang}:${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    numberFormats.set(key, format);
  }
  // −0,04 shown with one decimal is 0,0, not "−0,0".
  const shown = Number(value.toFixed(decimals)) === 0 ? 0 : value;
  return format.format(shown).replace(/^-/, '\u2212');
}

export function formatter(lang: Lang): Formatter {
  const t = reportT(lang);
  const none = t('common.none');
  const num = (value: number | null | undefined, decimals = 1) =>
    value === null || value === undefined ? none : fixed(value, decimals, lang);
  return {
    lang,
    num,
    signed(value, decimals = 1) {
      if (value === null || value === undefined) return none;
      const rounded = Number(value.toFixed(decimals));
      if (rounded === 0) return fixed(0, decimals, lang);
      return `${rounded > 0 ? '+' : '\u2212'}${fixed(Math.abs(rounded), decimals, lang)}`;
    },
    distance: (value) =>
      value === null || value === undefined
        ? none
        : fixed(value, Math.abs(value) > 1e-9 && Math.abs(value) < 0.05 ? 2 : 1, lang),
    date(iso) {
      if (!iso) return none;
      return iso.length === 10 ? formatCalendarDate(iso, lang) : formatDate(iso, lang);
    },
    dateTime: (iso) => formatDateTime(iso, lang),
  };
}
