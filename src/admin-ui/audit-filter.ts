/**
 * The audit page's filter as the GET form sends it: who (part of an address), which action
 * (one of the known ones), from and to (days, `<input type=date>`, read as Copenhagen days;
 * `to` includes its whole day). Problems name the field, in the page's language.
 */
import type { Lang } from '../core/instrument/types.ts';
import { adminT } from '../i18n/admin.ts';
import { isAuditAction } from '../rounds/audit-actions.ts';
import { fromLocalInputs, nextCalendarDay } from '../i18n/dates.ts';
import type { AuditFilter } from '../storage/index.ts';

export interface AuditFilterValues {
  readonly actor: string;
  readonly action: string;
  readonly from: string;
  readonly to: string;
}

export interface ParsedAuditQuery {
  readonly values: AuditFilterValues;
  readonly filter: AuditFilter;
  readonly cursor: { before?: number; after?: number };
  /** One line per problem, naming the field. */
  readonly problems: readonly string[];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text && Number(m[1]) >= 1970;
}

const positive = (text: unknown): number | undefined => {
  const n = Number(text);
  return typeof text === 'string' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

export function parseAuditQuery(query: unknown, lang: Lang): ParsedAuditQuery {
  const t = adminT(lang);
  const q = (query ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof q[name] === 'string' ? (q[name] as string).trim() : '');
  const values = { actor: text('actor'), action: text('action'), from: text('from'), to: text('to') };
  const problems: string[] = [];
  if (values.actor.length > 320) problems.push(t('audit.filter.actorTooLong', { label: t('audit.actor') }));
  if (values.action !== '' && !isAuditAction(values.action))
    problems.push(t('audit.filter.unknownAction', { label: t('audit.action') }));
  for (const field of ['from', 'to'] as const) {
    if (values[field] !== '' && !isDay(values[field]))
      problems.push(t('audit.filter.notADay', { label: t(`audit.filter.${field}`), value: values[field] }));
  }
  const from = isDay(values.from) ? values.from : '';
  const to = isDay(values.to) ? values.to : '';
  if (from && to && from > to) problems.push(t('audit.filter.fromAfterTo'));

  const filter: AuditFilter = problems.length
    ? {}
    : {
        ...(values.actor ? { actor: values.actor } : {}),
        ...(values.action ? { action: values.action } : {}),
        // Days are Copenhagen days: from its midnight to the next day's.
        ...(from ? { from: fromLocalInputs(from)! } : {}),
        ...(to ? { until: fromLocalInputs(nextCalendarDay(to))! } : {}),
      };
  const before = positive(q.before);
  const after = positive(q.after);
  const cursor = before !== undefined ? { before } : after !== undefined ? { after } : {};
  return { values, filter, cursor, problems };
}

/** The filter as a query string (no cursor, no language), for links that keep it. */
export function filterQuery(values: AuditFilterValues): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== '') params.set(k, v);
  return params.toString();
}
