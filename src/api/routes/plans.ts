/**
 * The action plan and the competency targets of an organisation in a round: plain HTML forms
 * on the report page (POST, then a redirect back; a rejected form comes back with its errors
 * and works without JavaScript), and JSON routes for integrations. Admins and the
 * organisation's own lead may change them; analysts may read them through the report.
 * Every change is audited in the same transaction.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PLAN_STATUSES, planIsEditable } from '../../core/plans/plan.ts';
import { reportT } from '../../i18n/report.ts';
import { parseUrlEncoded } from '../../admin-ui/forms.ts';
import type { Lang } from '../../core/instrument/types.ts';
import {
  appendAudit,
  createPlanItem,
  deletePlanItem,
  getRoundByName,
  listCompetencyTargets,
  listPlanItems,
  setCompetencyTargets,
  updatePlanItem,
  type Db,
  type PlanItemFields,
  type PlanScope,
  type TargetChange,
} from '../../storage/index.ts';
import { conflict, notFound, problemResponses } from '../problem.ts';
import { langSchema, roundNameSchema } from '../schemas.ts';
import { instrumentOf } from '../services/instruments.ts';
import { reportScope, type ReportScope } from '../services/organisation-scope.ts';
import {
  checkAdviceKey,
  checkTargets,
  planItemCreateSchema,
  planItemFromForm,
  planItemPatchSchema,
  targetsBodySchema,
  targetsFromForm,
  toPlanFields,
} from '../services/plan-input.ts';
import { EDITORS, renderReportPage, sendReportPage } from '../services/report-page.ts';
import { organisationNameSchema } from './organisation-report.ts';

const READERS = ['admin', 'analyst', 'org_lead'] as const;
/** Forms are small; a long plan title is 200 characters. */
const FORM_BODY_LIMIT = 16 * 1024;

const planItemSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    owner: z.string().nullable(),
    dueDate: z.string().nullable(),
    status: z.enum(PLAN_STATUSES),
    adviceKey: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedBy: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PlanItem' });

const targetSchema = z
  .object({ competency: z.string(), target: z.number() })
  .meta({ id: 'CompetencyTarget' });

const apiParams = z.object({ name: roundNameSchema, org: organisationNameSchema });
const itemParams = apiParams.extend({ id: z.coerce.number().int().positive() });
const pageParams = z.object({ round: roundNameSchema, org: organisationNameSchema });
const pageItemParams = pageParams.extend({ id: z.coerce.number().int().positive() });
const langQuery = z.object({ lang: langSchema.default('da') });
const formBody = z.record(z.string(), z.string());

const planScope = (s: ReportScope): PlanScope => ({ organisationId: s.organisation.id, roundId: s.round.id });
const subject = (s: ReportScope) => `organisation:${s.organisation.name}/round:${s.round.name}`;
const actorOf = (request: FastifyRequest) => request.staff!.email;

const roundClosed = (s: ReportScope) =>
  conflict(
    'round-closed',
    `Round ${s.round.name} is closed: its action plan and targets can no longer be changed.`,
  );

/**
 * A closed round's plan and targets are read-only (src/core/plans/plan.ts). Checked again in
 * the writing transaction, so a round closed after the page was loaded refuses the write too.
 */
async function assertEditable(tx: Db, s: ReportScope): Promise<void> {
  const round = await getRoundByName(tx, s.round.name);
  if (!round || !planIsEditable(round.status)) throw roundClosed(s);
}

export const planRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => done(null, parseUrlEncoded(body as string)),
  );

  // ---------------------------------------------------------------- changes, shared by forms and JSON

  const createItem = (request: FastifyRequest, scope: ReportScope, fields: PlanItemFields) =>
    db.transaction(async (tx) => {
      await assertEditable(tx, scope);
      const item = await createPlanItem(tx, planScope(scope), fields, actorOf(request));
      await appendAudit(tx, {
        actor: actorOf(request),
        action: 'plan.create',
        subject: subject(scope),
        details: { id: item.id },
      });
      return item;
    });

  const updateItem = (
    request: FastifyRequest,
    scope: ReportScope,
    id: number,
    fields: Partial<PlanItemFields>,
  ) =>
    db.transaction(async (tx) => {
      await assertEditable(tx, scope);
      const item = await updatePlanItem(tx, planScope(scope), id, fields, actorOf(request));
      if (item)
        await appendAudit(tx, {
          actor: actorOf(request),
          action: 'plan.update',
          subject: subject(scope),
          details: { id, fields: Object.keys(fields).sort() },
        });
      return item;
    });

  const deleteItem = (request: FastifyRequest, scope: ReportScope, id: number) =>
    db.transaction(async (tx) => {
      await assertEditable(tx, scope);
      const deleted = await deletePlanItem(tx, planScope(scope), id);
      if (deleted)
        await appendAudit(tx, {
          actor: actorOf(request),
          action: 'plan.delete',
          subject: subject(scope),
          details: { id },
        });
      return deleted;
    });

  const setTargets = (request: FastifyRequest, scope: ReportScope, changes: TargetChange[]) =>
    db.transaction(async (tx) => {
      await assertEditable(tx, scope);
      const targets = await setCompetencyTargets(tx, planScope(scope), changes, actorOf(request));
      await appendAudit(tx, {
        actor: actorOf(request),
        action: 'targets.set',
        subject: subject(scope),
        details: { competencies: changes.map((c) => c.competency) },
      });
      return targets;
    });

  // ---------------------------------------------------------------- HTML forms (POST → 303, or 422 with the page)

  const pageUrl = (scope: ReportScope, lang: Lang, done: string, anchor: string) =>
    `/reports/${encodeURIComponent(scope.round.name)}/organisations/${encodeURIComponent(scope.organisation.name)}` +
    `?lang=${lang}&done=${done}#${anchor}`;

  /** A form posted to a closed round: the page again, saying plainly why nothing was saved. */
  const refuseClosed = async (request: FastifyRequest, reply: FastifyReply, scope: ReportScope, lang: Lang) =>
    sendReportPage(
      reply,
      await renderReportPage(db, request, scope, lang, { problem: reportT(lang)('planEdit.closedRefused') }),
      409,
    );

  const formRoute = { config: { access: EDITORS }, bodyLimit: FORM_BODY_LIMIT } as const;
  const formSchema = <P extends z.ZodType>(params: P) => ({
    hide: true,
    params,
    querystring: langQuery,
    body: formBody,
  });

  app.post(
    '/reports/:round/organisations/:org/plan',
    { ...formRoute, schema: formSchema(pageParams) },
    async (request, reply) => {
      const { lang } = request.query;
      const scope = await reportScope(db, request, request.params.round, request.params.org);
      if (!planIsEditable(scope.round.status)) return refuseClosed(request, reply, scope, lang);
      const instrument = await instrumentOf(db, scope.round.instrument);
      const form = request.body.form ?? 'plan-new';
      const parsed = planItemFromForm(instrument, request.body, lang, form === 'plan-new');
      if (!parsed.ok) {
        const state = { form, values: request.body, errors: parsed.errors };
        return sendReportPage(reply, await renderReportPage(db, request, scope, lang, { form: state }), 422);
      }
      await createItem(request, scope, parsed.value);
      return reply
        .code(303)
        .header('location', pageUrl(scope, lang, 'plan-saved', 'plan'))
        .send();
    },
  );

  app.post(
    '/reports/:round/organisations/:org/plan/:id',
    { ...formRoute, schema: formSchema(pageItemParams) },
    async (request, reply) => {
      const { lang } = request.query;
      const scope = await reportScope(db, request, request.params.round, request.params.org);
      if (!planIsEditable(scope.round.status)) return refuseClosed(request, reply, scope, lang);
      const instrument = await instrumentOf(db, scope.round.instrument);
      const form = `plan-${request.params.id}`;
      const parsed = planItemFromForm(instrument, request.body, lang, true);
      if (!parsed.ok) {
        const state = { form, values: request.body, errors: parsed.errors };
        return sendReportPage(reply, await renderReportPage(db, request, scope, lang, { form: state }), 422);
      }
      if (!(await updateItem(request, scope, request.params.id, parsed.value))) throw notFound();
      return reply
        .code(303)
        .header('location', pageUrl(scope, lang, 'plan-saved', 'plan'))
        .send();
    },
  );

  app.post(
    '/reports/:round/organisations/:org/plan/:id/delete',
    { ...formRoute, schema: formSchema(pageItemParams) },
    async (request, reply) => {
      const { lang } = request.query;
      const scope = await reportScope(db, request, request.params.round, request.params.org);
      if (!planIsEditable(scope.round.status)) return refuseClosed(request, reply, scope, lang);
      if (request.body.confirm !== 'yes') {
        // Asks first: the page with a box to confirm (or keep) this item, no script needed.
        const items = await listPlanItems(db, planScope(scope));
        if (!items.some((i) => i.id === request.params.id)) throw notFound();
        return sendReportPage(
          reply,
          await renderReportPage(db, request, scope, lang, { confirmDelete: request.params.id }),
        );
      }
      if (!(await deleteItem(request, scope, request.params.id))) throw notFound();
      return reply
        .code(303)
        .header('location', pageUrl(scope, lang, 'plan-deleted', 'plan'))
        .send();
    },
  );

  app.post(
    '/reports/:round/organisations/:org/targets',
    { ...formRoute, schema: formSchema(pageParams) },
    async (request, reply) => {
      const { lang } = request.query;
      const scope = await reportScope(db, request, request.params.round, request.params.org);
      if (!planIsEditable(scope.round.status)) return refuseClosed(request, reply, scope, lang);
      const instrument = await instrumentOf(db, scope.round.instrument);
      const parsed = targetsFromForm(instrument, request.body, lang);
      if (!parsed.ok) {
        const state = { form: 'targets', values: request.body, errors: parsed.errors };
        return sendReportPage(reply, await renderReportPage(db, request, scope, lang, { form: state }), 422);
      }
      await setTargets(request, scope, parsed.value);
      return reply
        .code(303)
        .header('location', pageUrl(scope, lang, 'targets-saved', 'targets'))
        .send();
    },
  );

  // ---------------------------------------------------------------- JSON

  const tags = ['plans'];

  app.get(
    '/api/rounds/:name/organisations/:org/plan',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: "The organisation's action plan in the round",
        params: apiParams,
        response: { 200: z.array(planItemSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const scope = await reportScope(db, request, request.params.name, request.params.org);
      return listPlanItems(db, planScope(scope));
    },
  );

  app.post(
    '/api/rounds/:name/organisations/:org/plan',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: 'Add an item to the action plan',
        params: apiParams,
        body: planItemCreateSchema,
        response: { 201: planItemSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const scope = await reportScope(db, request, request.params.name, request.params.org);
      checkAdviceKey(await instrumentOf(db, scope.round.instrument), request.body.adviceKey);
      const fields = toPlanFields(request.body) as PlanItemFields;
      return reply.code(201).send(await createItem(request, scope, fields));
    },
  );

  app.patch(
    '/api/rounds/:name/organisations/:org/plan/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: 'Change an item of the action plan',
        params: itemParams,
        body: planItemPatchSchema,
        response: { 200: planItemSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const scope = await reportScope(db, request, request.params.name, request.params.org);
      checkAdviceKey(await instrumentOf(db, scope.round.instrument), request.body.adviceKey);
      const item = await updateItem(request, scope, request.params.id, toPlanFields(request.body));
      if (!item) throw notFound();
      return item;
    },
  );

  app.delete(
    '/api/rounds/:name/organisations/:org/plan/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: 'Remove an item from the action plan',
        params: itemParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const scope = await reportScope(db, request, request.params.name, request.params.org);
      if (!(await deleteItem(request, scope, request.params.id))) throw notFound();
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/rounds/:name/organisations/:org/targets',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Competency targets set in this round for the next',
        params: apiParams,
        response: { 200: z.array(targetSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const scope = await reportScope(db, request, request.params.name, request.params.org);
      return listCompetencyTargets(db, planScope(scope));
    },
  );

  app.put(
    '/api/rounds/:name/organisations/:org/targets',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: 'Set competency targets (a number sets, null removes, others are kept)',
        params: apiParams,
        body: targetsBodySchema,
        response: { 200: z.array(targetSchema), ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const scope = await reportScope(db, request, request.params.name, request.params.org);
      checkTargets(await instrumentOf(db, scope.round.instrument), request.body.targets);
      return setTargets(request, scope, request.body.targets);
    },
  );
};
