/** The home page, creating a round, and the round page's own forms: settings, status, release. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { staffOf } from '../../api/auth/staff.ts';
import { updateRound } from '../../api/data/rounds.ts';
import { toHttpProblem } from '../../api/error-handler.ts';
import { HttpProblem } from '../../api/problem.ts';
import { releaseOnRequest } from '../../api/routes/admin-rounds.ts';
import { createRoundFromBuiltin } from '../../api/services/create-round.ts';
import { reportsOfLead } from '../../api/services/organisation-scope.ts';
import { releaseSummary } from '../../api/services/releases.ts';
import { listBuiltinInstruments } from '../../instruments/registry.ts';
import { listRounds, roundIdsOfStaff, setRoundTexts, StorageError, type Round } from '../../storage/index.ts';
import { withLang } from '../layout.ts';
import { homePage, newRoundPage } from '../pages/rounds.ts';
import { nextChange, statusPage, targetStatus, type StatusChange } from '../pages/status.ts';
import {
  ANY_STAFF,
  form,
  hidden,
  langOf,
  RUNNERS,
  see,
  sendHtml,
  viewerOf,
  type AdminContext,
} from '../respond.ts';
import { roundParam, roundPath, showRound } from '../round-page.ts';
import { parseSettings } from '../settings-form.ts';

export function roundRoutes(app: FastifyInstance, { db }: AdminContext): void {
  app.get('/admin', { config: { access: ANY_STAFF }, schema: hidden }, async (request, reply) => {
    const viewer = viewerOf(request);
    let rounds: Round[] = [];
    if (viewer.role === 'admin') rounds = await listRounds(db);
    else if (viewer.role === 'analyst') {
      const mine = new Set(await roundIdsOfStaff(db, staffOf(request).userId));
      rounds = (await listRounds(db)).filter((r) => mine.has(r.id));
    }
    const lead = viewer.role === 'org_lead' ? await reportsOfLead(db, staffOf(request).userId) : null;
    return sendHtml(reply, homePage(langOf(request), viewer, rounds, lead));
  });

  app.get('/admin/rounds/new', { config: { access: RUNNERS }, schema: hidden }, async (request, reply) =>
    sendHtml(
      reply,
      newRoundPage(
        langOf(request),
        viewerOf(request),
        await listBuiltinInstruments(),
        { instrument: 'dt-offentlig', k: '5', lang_da: '1', lang_en: '1' },
        [],
      ),
    ),
  );

  app.post('/admin/rounds', { config: { access: RUNNERS }, schema: hidden }, async (request, reply) => {
    const lang = langOf(request);
    const values = form(request);
    const settings = parseSettings(values, lang);
    const name = (values.name ?? '').trim();
    const instruments = await listBuiltinInstruments();
    if (!settings.ok)
      return sendHtml(
        reply,
        newRoundPage(lang, viewerOf(request), instruments, values, settings.problems),
        422,
      );
    try {
      const staff = staffOf(request);
      const round = await createRoundFromBuiltin(
        db,
        values.instrument ?? 'dt-offentlig',
        { name, ...settings.value },
        staff,
      );
      return see(
        reply,
        withLang(`/admin/rounds/${encodeURIComponent(round.name)}?notice=round.created`, lang),
      );
    } catch (err) {
      if (err instanceof StorageError)
        return sendHtml(
          reply,
          newRoundPage(lang, viewerOf(request), instruments, values, [err.message]),
          422,
        );
      throw err;
    }
  });

  app.get('/admin/rounds/:name', { config: { access: RUNNERS }, schema: hidden }, async (request, reply) =>
    showRound(db, request, reply, await roundParam(db, request)),
  );

  app.post(
    '/admin/rounds/:name/settings',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const lang = langOf(request);
      const values = form(request);
      const settings = parseSettings(values, lang);
      if (!settings.ok)
        return showRound(db, request, reply, round, { values, problems: settings.problems, status: 422 });
      const { title, opensAt, closesAt, kMin, respondentMin, languages, intro, organiser } = settings.value;
      try {
        await db.transaction(async (tx) => {
          const updated = await updateRound(
            tx,
            round.name,
            { title, opensAt, closesAt, kMin, respondentMin },
            staffOf(request).email,
          );
          await setRoundTexts(tx, updated.id, { languages, intro, organiser });
        });
      } catch (err) {
        const problem = err instanceof StorageError || err instanceof HttpProblem ? toHttpProblem(err) : null;
        if (problem && problem.status < 500)
          return showRound(db, request, reply, round, {
            values,
            problems: [problem.detail ?? problem.title],
            status: 422,
          });
        throw err;
      }
      return see(reply, roundPath(round, lang, 'round.saved'));
    },
  );

  app.post(
    '/admin/rounds/:name/status',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const values = form(request);
      const change = allowedChange(request, round, values.change);
      // Only the confirmation page's own button changes anything.
      if (values.confirm !== 'yes' || values.status !== targetStatus(change))
        return sendHtml(reply, statusPage(langOf(request), viewerOf(request), round, change));
      await updateRound(db, round.name, { status: targetStatus(change) }, staffOf(request).email, {
        reopen: change === 'reopen',
      });
      return see(reply, roundPath(round, langOf(request), NOTICE_OF[change]));
    },
  );

  // What will follow, before anything changes.
  app.get(
    '/admin/rounds/:name/status',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const change = allowedChange(request, round, (request.query as { change?: unknown }).change);
      return sendHtml(reply, statusPage(langOf(request), viewerOf(request), round, change));
    },
  );

  // The same role check and audit entry as POST /api/rounds/:name/releases.
  app.post(
    '/admin/rounds/:name/release',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const lang = langOf(request);
      const release = await releaseOnRequest(db, round, staffOf(request).email);
      if (!release) return see(reply, roundPath(round, lang, 'releases.nothing'));
      const fresh = releaseSummary(release).groups.some((g) => g.status === 'current');
      return see(
        reply,
        roundPath(round, lang, fresh ? 'releases.made' : 'releases.unchanged', release.number),
      );
    },
  );
}

const NOTICE_OF: Readonly<Record<StatusChange, string>> = {
  open: 'round.opened',
  close: 'round.closed',
  reopen: 'round.reopened',
};

/** The change asked for, if it is the one this round may get next from this person. */
function allowedChange(request: FastifyRequest, round: Round, asked: unknown): StatusChange {
  const change = nextChange(round, viewerOf(request));
  // Not saying which: the one that comes next (still only after the confirmation).
  if (change !== null && (asked === undefined || asked === '')) return change;
  if (change === null || asked !== change) {
    if (asked === 'reopen' && round.status === 'closed')
      throw new HttpProblem(403, 'forbidden', 'Forbidden', 'Only an administrator can reopen a round.');
    throw new HttpProblem(409, 'invalid-transition', 'Conflict', `Round ${round.name} is ${round.status}.`);
  }
  return change;
}
