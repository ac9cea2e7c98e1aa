/**
 * The portfolio's staff pages (issue 16) under /admin/organisations/:org/portfolio. Who may see
 * and change which organisation's portfolio is the API's rule, reused: `portfolioOrganisation`
 * (a lead only their own; another's is "not found") behind the same access lists (administrators
 * and the lead change it, analysts read it). Every change goes through the portfolio service,
 * which checks the whole input, writes in one transaction and audits.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import { notFound } from '../../api/problem.ts';
import { portfolioOrganisation } from '../../api/routes/portfolio.ts';
import {
  currentMonth,
  exportPortfolioCsv,
  exportPortfolioRows,
  importPortfolioRows,
  PortfolioInputError,
  portfolioLinkIds,
  portfolioReport,
  saveCheckedInitiative,
  setPortfolioSettings,
  type PortfolioActor,
} from '../../api/services/portfolio.ts';
import { adoptTemplate, CATALOGUE } from '../../core/portfolio/catalogue.ts';
import { isMonth } from '../../core/portfolio/month.ts';
import { STATUSES, TRACKS, type Initiative, type Status, type Track } from '../../core/portfolio/types.ts';
import { portfolioRows, portfolioXlsx } from '../../files/portfolio-file.ts';
import { adminT } from '../../i18n/admin.ts';
import { localize } from '../../i18n/i18n.ts';
import { loadBuiltinInstrument } from '../../instruments/registry.ts';
import { readPortfolio, type Db, type Organisation } from '../../storage/index.ts';
import { withLang } from '../layout.ts';
import { cataloguePage } from '../pages/portfolio-catalogue.ts';
import { initiativePage } from '../pages/portfolio-forms.ts';
import { portfolioCtx, portfolioPath, type PortfolioCtx } from '../pages/portfolio-parts.ts';
import { portfolioPage, type PortfolioFilter } from '../pages/portfolio.ts';
import {
  fileProblemLine,
  initiativeValues,
  INITIATIVE_FIELDS,
  NO_FORM,
  problemsByField,
  problemText,
  readInitiativeForm,
  readSettingsForm,
  type FormState,
} from '../portfolio-form.ts';
import {
  form,
  hidden,
  langOf,
  see,
  sendHtml,
  UPLOAD_LIMIT,
  viewerOf,
  type AdminContext,
} from '../respond.ts';
import { reviewRoutes } from './portfolio-review.ts';

export const READERS = ['admin', 'analyst', 'org_lead'] as const;
export const EDITORS = ['admin', 'org_lead'] as const;
export const BASE = '/admin/organisations/:org/portfolio';

/** Notices come back through the URL as a key of the catalogue, never as free text. */
const NOTICES = ['created', 'saved', 'stopped', 'settings', 'review', 'imported', 'adopted'] as const;

export const noticeOf = (request: FastifyRequest, t: TFunction): string | null => {
  const q = request.query as { notice?: unknown; n?: unknown };
  return (NOTICES as readonly unknown[]).includes(q.notice)
    ? t(`portfolio.notice.${String(q.notice)}`, { count: Number(q.n) || 0 })
    : null;
};

/** The organisation named in the path, as the portfolio API decides who may see it. */
export async function organisationOf(db: Db, request: FastifyRequest): Promise<Organisation> {
  return portfolioOrganisation(db, request, (request.params as { org: string }).org);
}

export function pageCtx(request: FastifyRequest, org: Organisation): PortfolioCtx {
  return portfolioCtx(langOf(request), viewerOf(request), org.name);
}

export const actorOf = (request: FastifyRequest, org: Organisation): PortfolioActor => ({
  actor: viewerOf(request).email,
  organisationId: org.id,
});

export const backTo = (ctx: PortfolioCtx, rest: string, notice: string, n?: number) =>
  withLang(
    `${portfolioPath(ctx.organisation, rest)}?notice=${notice}${n === undefined ? '' : `&n=${n}`}`,
    ctx.lang,
  );

const pick = <T extends string>(list: readonly T[], value: unknown): T | undefined =>
  (list as readonly unknown[]).includes(value) ? (value as T) : undefined;

const competencyLists = new Map<string, Promise<[string, string][]>>();
/** The competencies and domains of dt-offentlig an initiative may name, with their labels. */
function competencyOptions(lang: 'da' | 'en'): Promise<[string, string][]> {
  let found = competencyLists.get(lang);
  if (!found) {
    found = Promise.all([loadBuiltinInstrument('dt-offentlig'), portfolioLinkIds()]).then(([i, ids]) =>
      [...i.def.competencies, ...i.def.domains]
        .filter((c) => ids.has(c.id))
        .map((c): [string, string] => [c.id, localize(c.label, lang)]),
    );
    competencyLists.set(lang, found);
  }
  return found;
}

interface OverviewExtras {
  settingsForm?: FormState;
  importProblems?: string[];
  status?: number;
}

async function showOverview(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  org: Organisation,
  extras: OverviewExtras = {},
) {
  const ctx = pageCtx(request, org);
  const q = request.query as Record<string, unknown>;
  const asOf = typeof q.asOf === 'string' && isMonth(q.asOf) ? q.asOf : currentMonth();
  const filter: PortfolioFilter = {
    track: pick<Track>(TRACKS, q.track),
    status: pick<Status>(STATUSES, q.status),
    owner: typeof q.owner === 'string' && q.owner !== '' ? q.owner.slice(0, 120) : undefined,
  };
  const [report, stored] = await Promise.all([portfolioReport(db, org.id, asOf), readPortfolio(db, org.id)]);
  const query = new URLSearchParams(
    Object.entries({ ...filter, asOf: q.asOf ? asOf : undefined }).filter(
      (e): e is [string, string] => !!e[1],
    ),
  ).toString();
  const body = portfolioPage(
    ctx,
    {
      report,
      initiatives: stored.initiatives,
      filter,
      settingsForm: extras.settingsForm ?? NO_FORM,
      importProblems: extras.importProblems ?? [],
      notice: noticeOf(request, ctx.t),
    },
    `${portfolioPath(org.name)}${query ? `?${query}` : ''}`,
  );
  return sendHtml(reply, body, extras.status ?? 200);
}

async function showInitiative(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: PortfolioCtx,
  initiative: Initiative & { id?: number },
  state: FormState,
  status = 200,
) {
  const editing = initiative.id === undefined ? null : (initiative as Initiative & { id: number });
  const rest = editing ? `/initiatives/${editing.id}` : '/new';
  const body = initiativePage(
    ctx,
    {
      initiative: editing,
      stored: initiativeValues(initiative, ctx.lang),
      state,
      competencies: await competencyOptions(ctx.lang),
      notice: noticeOf(request, ctx.t),
    },
    portfolioPath(ctx.organisation, rest),
  );
  return sendHtml(reply, body, status);
}

async function storedInitiative(db: Db, org: Organisation, request: FastifyRequest) {
  const id = Number((request.params as { id: string }).id);
  const p = await readPortfolio(db, org.id);
  const found = Number.isInteger(id) ? p.initiatives.find((i) => i.id === id) : undefined;
  if (!found) throw notFound('There is no such initiative in this portfolio.');
  return found;
}

/** A new initiative's form: an idea of the organisation's, starting this month. */
const blankInitiative = (organisation: string): Initiative => ({
  organisation,
  initiative: '',
  track: 'skal-loesninger',
  owner: null,
  status: 'ide',
  competency: null,
  start: currentMonth(),
  investmentDkk: 0,
  runningCostDkkPerYear: 0,
  expectedHoursPerYear: 0,
  expectedDkkPerYear: 0,
  gainsBooked: false,
  budgetYear: null,
});

export function portfolioRoutes(app: FastifyInstance, { db }: AdminContext): void {
  const readers = { config: { access: READERS }, schema: hidden };
  const editors = { config: { access: EDITORS }, schema: hidden };

  app.get(BASE, readers, async (request, reply) =>
    showOverview(db, request, reply, await organisationOf(db, request)),
  );

  app.post(`${BASE}/settings`, editors, async (request, reply) => {
    const org = await organisationOf(db, request);
    const ctx = pageCtx(request, org);
    const body = form(request);
    const values = Object.fromEntries(
      ['hourlyCostDkk', 'hoursPerFte', 'discountRate', 'horizonYears'].map((k) => [k, body[k] ?? '']),
    );
    const read = readSettingsForm(body, ctx.t, ctx.lang);
    const refuse = (errors: Record<string, string>) =>
      showOverview(db, request, reply, org, { settingsForm: { values, errors }, status: 422 });
    if (!read.ok) return refuse(read.errors);
    try {
      await setPortfolioSettings(db, org.id, read.input, actorOf(request, org));
    } catch (err) {
      if (!(err instanceof PortfolioInputError)) throw err;
      return refuse(problemsByField(err.problems, Object.keys(values), ctx.t));
    }
    return see(reply, `${backTo(ctx, '', 'settings')}#settings`);
  });

  app.get(`${BASE}/new`, editors, async (request, reply) => {
    const org = await organisationOf(db, request);
    return showInitiative(request, reply, pageCtx(request, org), blankInitiative(org.name), NO_FORM);
  });

  /** Adds (no id) or changes an initiative from its form. */
  async function save(request: FastifyRequest, reply: FastifyReply, id?: number) {
    const org = await organisationOf(db, request);
    const ctx = pageCtx(request, org);
    const existing = id === undefined ? undefined : await storedInitiative(db, org, request);
    const body = form(request);
    const values = Object.fromEntries(INITIATIVE_FIELDS.map((f) => [f, body[f] ?? '']));
    const shownAs = existing ?? blankInitiative(org.name);
    const refuse = (errors: Record<string, string>) =>
      showInitiative(request, reply, ctx, shownAs, { values, errors }, 422);
    const read = readInitiativeForm(body, org.name, ctx.t, ctx.lang);
    if (!read.ok) return refuse(read.errors);
    try {
      const saved = await saveCheckedInitiative(db, org.id, read.initiative, actorOf(request, org), id);
      return see(reply, backTo(ctx, `/initiatives/${saved.id}`, id === undefined ? 'created' : 'saved'));
    } catch (err) {
      if (!(err instanceof PortfolioInputError)) throw err;
      return refuse(problemsByField(err.problems, INITIATIVE_FIELDS, ctx.t));
    }
  }

  app.post(`${BASE}/initiatives`, editors, async (request, reply) => save(request, reply));

  app.get(`${BASE}/initiatives/:id`, editors, async (request, reply) => {
    const org = await organisationOf(db, request);
    return showInitiative(
      request,
      reply,
      pageCtx(request, org),
      await storedInitiative(db, org, request),
      NO_FORM,
    );
  });

  app.post(`${BASE}/initiatives/:id`, editors, async (request, reply) => {
    const org = await organisationOf(db, request);
    return save(request, reply, (await storedInitiative(db, org, request)).id);
  });

  app.post(`${BASE}/initiatives/:id/stop`, editors, async (request, reply) => {
    const org = await organisationOf(db, request);
    const ctx = pageCtx(request, org);
    const existing = await storedInitiative(db, org, request);
    // Stopping is a change of status; the seed's advice is to stop counting its gains too.
    const zero = form(request).zero === 'ja';
    const stopped: Initiative = {
      ...existing,
      status: 'stoppet',
      ...(zero ? { expectedHoursPerYear: 0, expectedDkkPerYear: 0 } : {}),
    };
    try {
      await saveCheckedInitiative(db, org.id, stopped, actorOf(request, org), existing.id);
    } catch (err) {
      if (!(err instanceof PortfolioInputError)) throw err;
      return showInitiative(
        request,
        reply,
        ctx,
        existing,
        { values: {}, errors: problemsByField(err.problems, [], ctx.t) },
        422,
      );
    }
    return see(reply, backTo(ctx, '', 'stopped'));
  });

  app.get(`${BASE}/catalogue`, readers, async (request, reply) => {
    const org = await organisationOf(db, request);
    return sendHtml(reply, cataloguePage(pageCtx(request, org), [], portfolioPath(org.name, '/catalogue')));
  });

  app.post(`${BASE}/catalogue`, editors, async (request, reply) => {
    const org = await organisationOf(db, request);
    const ctx = pageCtx(request, org);
    const entry = CATALOGUE.find((e) => e.id === form(request).template);
    if (!entry) throw notFound('There is no such template.');
    try {
      const saved = await saveCheckedInitiative(
        db,
        org.id,
        adoptTemplate(entry, org.name, currentMonth(), ctx.lang),
        actorOf(request, org),
      );
      return see(reply, backTo(ctx, `/initiatives/${saved.id}`, 'adopted'));
    } catch (err) {
      if (!(err instanceof PortfolioInputError)) throw err;
      const problems = err.problems.map((p) => problemText(p, ctx.t));
      return sendHtml(reply, cataloguePage(ctx, problems, portfolioPath(org.name, '/catalogue')), 422);
    }
  });

  app.post(`${BASE}/import`, { ...editors, bodyLimit: UPLOAD_LIMIT }, async (request, reply) => {
    const org = await organisationOf(db, request);
    const ctx = pageCtx(request, org);
    const t = adminT(ctx.lang);
    const file = form(request)._files?.file;
    const refuse = (lines: string[]) =>
      showOverview(db, request, reply, org, { importProblems: lines, status: 422 });
    if (!file || file.data.length === 0) return refuse([t('portfolio.import.noFile')]);
    const read = await portfolioRows(file.data, file.filename);
    if (!read.ok) return refuse(read.problems.map((p) => fileProblemLine(p, t)));
    try {
      const done = await importPortfolioRows(db, read.rows, actorOf(request, org), read.decimal);
      return see(reply, `${backTo(ctx, '', 'imported', done.rows)}`);
    } catch (err) {
      if (!(err instanceof PortfolioInputError)) throw err;
      return refuse(err.problems.map((p) => fileProblemLine(p, t)));
    }
  });

  app.get(`${BASE}/export`, readers, async (request, reply) => {
    const org = await organisationOf(db, request);
    const q = request.query as { kind?: unknown; format?: unknown };
    const kind = pick(['initiatives', 'realisations'] as const, q.kind) ?? 'initiatives';
    const format = pick(['csv', 'danish', 'xlsx'] as const, q.format) ?? 'csv';
    const name = `portfolio-${kind}`;
    reply.header('cache-control', 'no-store');
    if (format === 'xlsx')
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await portfolioXlsx(await exportPortfolioRows(db, org.id, kind)));
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="${name}${format === 'danish' ? '-excel' : ''}.csv"`,
      )
      .send(await exportPortfolioCsv(db, org.id, kind, format === 'danish'));
  });

  reviewRoutes(app, { db });
}
