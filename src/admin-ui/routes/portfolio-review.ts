/**
 * The monthly review page: one month's realised gains for every running initiative, sent in
 * one form and saved all or nothing by the service (`saveMonthlyReview`). An initiative whose
 * two fields are both left blank is not recorded for the month; one blank field counts as 0.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentMonth, PortfolioInputError, saveMonthlyReview } from '../../api/services/portfolio.ts';
import { isBefore, isMonth } from '../../core/portfolio/month.ts';
import { RUNNING_STATUSES } from '../../core/portfolio/types.ts';
import { readPortfolio, type Db, type Organisation } from '../../storage/index.ts';
import { reviewPage, type ReviewRow } from '../pages/portfolio-review.ts';
import { portfolioPath } from '../pages/portfolio-parts.ts';
import { NO_FORM, parseDecimal, problemText, type FormState } from '../portfolio-form.ts';
import { form, hidden, see, sendHtml } from '../respond.ts';
import { actorOf, backTo, BASE, EDITORS, noticeOf, organisationOf, pageCtx } from './portfolio.ts';

/** The running initiatives of `month`: those to enter, and those that start later. */
async function reviewRows(db: Db, org: Organisation, month: string) {
  const p = await readPortfolio(db, org.id);
  const running = p.initiatives.filter((i) => RUNNING_STATUSES.includes(i.status));
  const stored = new Map(
    p.realisations.filter((r) => r.month === month).map((r) => [r.initiative, r] as const),
  );
  const rows: ReviewRow[] = running
    .filter((i) => !isBefore(month, i.start))
    .map((i) => ({
      id: i.id,
      initiative: i.initiative,
      owner: i.owner,
      expectedHours: i.expectedHoursPerYear / 12,
      expectedDkk: i.expectedDkkPerYear / 12,
      realisedHours: stored.get(i.initiative)?.realisedHours ?? null,
      realisedDkk: stored.get(i.initiative)?.realisedDkk ?? null,
    }));
  const later = running
    .filter((i) => isBefore(month, i.start))
    .map((i) => ({ initiative: i.initiative, start: i.start }));
  return { rows, later };
}

async function show(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  org: Organisation,
  month: string,
  state: FormState,
  status = 200,
) {
  const ctx = pageCtx(request, org);
  const { rows, later } = await reviewRows(db, org, month);
  const body = reviewPage(
    ctx,
    { month, rows, later, state, notice: state === NO_FORM ? noticeOf(request, ctx.t) : null },
    `${portfolioPath(org.name, '/review')}?month=${month}`,
  );
  return sendHtml(reply, body, status);
}

export function reviewRoutes(app: FastifyInstance, { db }: { db: Db }): void {
  const editors = { config: { access: EDITORS }, schema: hidden };

  app.get(`${BASE}/review`, editors, async (request, reply) => {
    const org = await organisationOf(db, request);
    const asked = (request.query as { month?: unknown }).month;
    const month = typeof asked === 'string' && isMonth(asked) ? asked : currentMonth();
    return show(db, request, reply, org, month, NO_FORM);
  });

  app.post(`${BASE}/review`, editors, async (request, reply) => {
    const org = await organisationOf(db, request);
    const ctx = pageCtx(request, org);
    const { t } = ctx;
    const body = form(request);
    const month = isMonth(body.month ?? '') ? body.month! : currentMonth();
    const { rows } = await reviewRows(db, org, month);
    const values: Record<string, string> = {};
    const errors: Record<string, string> = {};
    const entries: { initiative: string; realisedHours: number; realisedDkk: number }[] = [];
    for (const row of rows) {
      const read = (name: string): number | null => {
        const raw = body[name] ?? '';
        values[name] = raw;
        const value = parseDecimal(raw, ctx.lang);
        if (value === null) return null;
        if (Number.isNaN(value)) errors[name] = t('portfolio.problems.notNumber', { value: raw.trim() });
        else if (value < 0) errors[name] = t('portfolio.problems.negative');
        return value;
      };
      const hours = read(`hours.${row.id}`);
      const dkk = read(`dkk.${row.id}`);
      if (hours !== null || dkk !== null)
        entries.push({ initiative: row.initiative, realisedHours: hours ?? 0, realisedDkk: dkk ?? 0 });
    }
    if (!Object.keys(errors).length && entries.length === 0) errors['_form'] = t('portfolio.review.nothing');
    if (Object.keys(errors).length) return show(db, request, reply, org, month, { values, errors }, 422);
    try {
      const saved = await saveMonthlyReview(db, org.id, month, entries, actorOf(request, org));
      return see(reply, `${backTo(ctx, '/review', 'review', saved)}&month=${month}`);
    } catch (err) {
      if (!(err instanceof PortfolioInputError)) throw err;
      const text = err.problems.map((p) => `${p.column ? `${p.column}: ` : ''}${problemText(p, t)}`);
      return show(db, request, reply, org, month, { values, errors: { _form: text.join(' ') } }, 422);
    }
  });
}
