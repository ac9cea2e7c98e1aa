/**
 * The staff pages: server-rendered HTML forms under /admin (no script, no build step). Every
 * route declares its access like the API's; within this plugin a missing log-in becomes a
 * redirect to the log-in page and other errors an HTML page, instead of problem JSON.
 */
import { readFileSync } from 'node:fs';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { logIn } from '../accounts/login.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../accounts/password.ts';
import { sessionPolicy } from '../accounts/policy.ts';
import { csrfTokenFor } from '../accounts/sessions.ts';
import { setPasswordWithToken } from '../accounts/users.ts';
import { roundForStaff, staffOf } from '../api/auth/staff.ts';
import { logOut, logOutEverywhere } from '../api/auth/logout.ts';
import {
  clearCookie,
  loginCookieName,
  readCookie,
  sessionCookieName,
  setCookie,
} from '../api/auth/cookies.ts';
import { crossSite } from '../api/auth/csrf.ts';
import { sessionOf } from '../api/auth/session-authenticator.ts';
import { updateRound } from '../api/data/rounds.ts';
import { logProblem, setProblemHeaders, toHttpProblem } from '../api/error-handler.ts';
import { HttpProblem } from '../api/problem.ts';
import { releaseOnRequest } from '../api/routes/admin-rounds.ts';
import { instrumentOf } from '../api/services/instruments.ts';
import { releaseSummary } from '../api/services/releases.ts';
import type { Lang } from '../core/instrument/types.ts';
import type { ReleaseContent } from '../core/release/types.ts';
import { adminT } from '../i18n/admin.ts';
import { listBuiltinInstruments } from '../instruments/registry.ts';
import { renderSectorReport } from '../reports/sector/html.ts';
import { htmlToPdf } from '../reports/sector/pdf.ts';
import { listAuditPage } from '../rounds/audit.ts';
import { createRoundFromBuiltin } from '../rounds/create.ts';
import {
  DEFAULT_K,
  DEFAULT_RESPONDENT_MIN,
  disclosurePolicy,
  PolicyError,
} from '../core/disclosure/policy.ts';
import { roundDashboard } from '../rounds/dashboard.ts';
import { readInviteeFile } from '../rounds/invitee-file.ts';
import {
  addInvitees,
  InviteeConflict,
  issueLinks,
  linksCsv,
  sendInvitations,
} from '../rounds/invitations.ts';
import { openSmtp, smtpConfigFromEnv } from '../rounds/mail/smtp.ts';
import { publicUrl } from '../rounds/public-url.ts';
import { roundSectorReport } from '../rounds/report-data.ts';
import { localize } from '../i18n/i18n.ts';
import {
  appendAudit,
  assignRoundStaff,
  eraseRoundEmails,
  findUserByEmail,
  getRelease,
  hashToken,
  latestReleaseHead,
  listRounds,
  peekPasswordToken,
  respondentRecords,
  roundIdsOfStaff,
  setRoundTexts,
  staffOfRound,
  StorageError,
  type Db,
  type Round,
} from '../storage/index.ts';
import { parseMultipart, parseUrlEncoded, type FormBody } from './forms.ts';
import { CSS_PATH, withLang, type Viewer } from './layout.ts';
import { errorPage, loginPage, passwordPage } from './pages/auth.ts';
import { auditPage, privacyPage } from './pages/audit.ts';
import type { RoundReleases } from './pages/releases.ts';
import {
  fileProblemText,
  homePage,
  newRoundPage,
  roundPage,
  roundValues,
  type RoundFormValues,
} from './pages/rounds.ts';

const CSS = readFileSync(new URL('./admin.css', import.meta.url), 'utf8');
const ANY_STAFF = ['admin', 'analyst', 'org_lead'] as const;
const RUNNERS = ['admin', 'analyst'] as const;
const ADMIN = ['admin'] as const;
const UPLOAD_LIMIT = 10 * 1024 * 1024;

const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const HEADERS = {
  'content-security-policy': CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

const hidden = { hide: true } as const;

export const langOf = (request: FastifyRequest): Lang => {
  const q = (request.query as { lang?: unknown } | undefined)?.lang;
  const b = (request.body as { lang?: unknown } | undefined)?.lang;
  return q === 'en' || b === 'en' ? 'en' : 'da';
};

function viewerOf(request: FastifyRequest): Viewer {
  const staff = staffOf(request);
  const session = sessionOf(request);
  return { email: staff.email, role: staff.role, csrf: session ? csrfTokenFor(session.sessionId) : null };
}

const sendHtml = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).headers(HEADERS).type('text/html; charset=utf-8').send(body);
const see = (reply: FastifyReply, location: string) =>
  reply.code(303).headers(HEADERS).header('location', location).send();
const form = (request: FastifyRequest) => (request.body ?? {}) as FormBody;

/** Notices come back through the URL as a key of the catalogue, never as free text. */
const NOTICES = [
  'round.created',
  'round.saved',
  'round.opened',
  'round.closed',
  'round.assigned',
  'releases.nothing',
  'login.loggedOut',
] as const;
/** These say which release, by its number in the URL's `release`. */
const RELEASE_NOTICES = ['releases.made', 'releases.unchanged'] as const;
/** The latest release and the ones before it that the round page lists. */
const RECENT_RELEASES = 11;

/**
 * The newest releases, newest first. Numbers run 1, 2, … without gaps, so the latest number
 * is how many there are; only the few listed are read (a round may have thousands).
 */
async function recentReleases(db: Db, round: Round): Promise<RoundReleases> {
  const head = await latestReleaseHead(db, round.id);
  if (!head) return { recent: [], total: 0 };
  const numbers = Array.from({ length: Math.min(RECENT_RELEASES, head.number) }, (_, i) => head.number - i);
  const releases = await Promise.all(numbers.map((n) => getRelease<ReleaseContent>(db, round.id, n)));
  return {
    recent: releases.flatMap((r) => (r ? [releaseSummary(r)] : [])),
    total: head.number,
  };
}

function noticeOf(request: FastifyRequest, lang: Lang): string | null {
  const { notice, release } = request.query as { notice?: string; release?: string };
  const t = adminT(lang);
  if (NOTICES.includes(notice as (typeof NOTICES)[number])) return t(notice!);
  const number = Number(release);
  const known = RELEASE_NOTICES.includes(notice as (typeof RELEASE_NOTICES)[number]);
  if (known && Number.isSafeInteger(number) && number > 0) return t(notice!, { number });
  return null;
}

export async function adminUi(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const policy = sessionPolicy();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) =>
    done(null, parseUrlEncoded(body as string)),
  );
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
    (request, body, done) => {
      try {
        done(null, parseMultipart(body as Buffer, request.headers['content-type'] ?? ''));
      } catch (err) {
        done(Object.assign(err as Error, { statusCode: 400 }), undefined);
      }
    },
  );

  app.setErrorHandler((err, request, reply) => {
    const lang = langOf(request);
    const t = adminT(lang);
    const problem = toHttpProblem(err as Error);
    if (problem.status >= 500) logProblem(request, err as Error, problem);
    if (problem.status === 401) return see(reply, withLang('/admin/login', lang));
    const message =
      problem.slug === 'csrf'
        ? t('errors.csrf')
        : problem.status === 403
          ? t('errors.forbidden')
          : problem.status === 404
            ? t('errors.notFound')
            : problem.status === 503
              ? t('errors.unavailable')
              : problem.status < 500
                ? (problem.detail ?? t('errors.generic'))
                : t('errors.generic');
    // A 503 (database down, disk full) says when to try again.
    setProblemHeaders(reply, problem);
    // The problem type, as the API gives it in JSON, for clients and tests that need the reason.
    reply.header('x-problem-type', problem.slug);
    return sendHtml(reply, errorPage(lang, problem.title, message), problem.status);
  });

  app.get(CSS_PATH, { config: { access: 'public' }, schema: hidden }, (_request, reply) =>
    reply
      .headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=3600' })
      .type('text/css; charset=utf-8')
      .send(CSS),
  );

  // Log-in: a double-submit token guards the form against log-in CSRF (no session exists yet).
  app.get('/admin/login', { config: { access: 'public' }, schema: hidden }, (request, reply) => {
    const lang = langOf(request);
    const token = randomBytes(32).toString('base64url');
    setCookie(request, reply, loginCookieName(request), token, 3600);
    const notice =
      (request.query as { notice?: string }).notice === 'login.loggedOut'
        ? adminT(lang)('login.loggedOut')
        : null;
    return sendHtml(reply, loginPage(lang, token, null, notice));
  });

  app.post('/admin/login', { config: { access: 'public' }, schema: hidden }, async (request, reply) => {
    const lang = langOf(request);
    const t = adminT(lang);
    const body = form(request);
    const cookie = readCookie(request, loginCookieName(request)) ?? '';
    const presented = body._login ?? '';
    const fresh = () => {
      const token = randomBytes(32).toString('base64url');
      setCookie(request, reply, loginCookieName(request), token, 3600);
      return token;
    };
    const sameToken =
      cookie.length > 0 &&
      cookie.length === presented.length &&
      timingSafeEqual(Buffer.from(cookie), Buffer.from(presented));
    if (crossSite(request) || !sameToken)
      return sendHtml(reply, loginPage(lang, fresh(), t('login.expired'), null, body.email ?? ''), 403);
    const result = await logIn(
      db,
      {
        email: (body.email ?? '').slice(0, 320),
        password: (body.password ?? '').slice(0, MAX_PASSWORD_LENGTH * 4),
        address: request.ip,
        presentedSessionId: readCookie(request, sessionCookieName(request)),
      },
      policy,
    );
    if (!result.ok) {
      const status = result.reason === 'locked' ? 429 : 401;
      return sendHtml(
        reply,
        loginPage(
          lang,
          fresh(),
          t(result.reason === 'locked' ? 'login.locked' : 'login.invalid'),
          null,
          body.email ?? '',
        ),
        status,
      );
    }
    clearCookie(request, reply, loginCookieName(request));
    setCookie(request, reply, sessionCookieName(request), result.session.id);
    return see(reply, withLang('/admin', lang));
  });

  app.post('/admin/logout', { config: { access: ANY_STAFF }, schema: hidden }, async (request, reply) => {
    await logOut(db, request, reply);
    return see(reply, withLang('/admin/login?notice=login.loggedOut', langOf(request)));
  });

  app.post(
    '/admin/logout-everywhere',
    { config: { access: ANY_STAFF }, schema: hidden },
    async (request, reply) => {
      await logOutEverywhere(db, request, reply);
      return see(reply, withLang('/admin/login?notice=login.loggedOut', langOf(request)));
    },
  );

  // The token is in the path (a link from a mail or the CLI): keep these requests out of the log.
  app.get(
    '/admin/password/:token',
    { config: { access: 'public' }, logLevel: 'warn', schema: hidden },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const live =
        /^[A-Za-z0-9_-]{43}$/.test(token) &&
        (await peekPasswordToken(db, hashToken(token), new Date().toISOString())) !== undefined;
      return sendHtml(
        reply,
        passwordPage(langOf(request), token, [], live ? 'form' : 'invalid'),
        live ? 200 : 404,
      );
    },
  );

  app.post(
    '/admin/password/:token',
    { config: { access: 'public' }, logLevel: 'warn', schema: hidden },
    async (request, reply) => {
      const lang = langOf(request);
      const t = adminT(lang);
      const { token } = request.params as { token: string };
      const body = form(request);
      if (crossSite(request))
        return sendHtml(reply, errorPage(lang, t('password.title'), t('errors.csrf')), 403);
      const password = body.password ?? '';
      if (password !== (body.repeat ?? ''))
        return sendHtml(reply, passwordPage(lang, token, [t('password.mismatch')], 'form'), 422);
      const result = await setPasswordWithToken(db, token, password);
      if (result.ok) return sendHtml(reply, passwordPage(lang, token, [], 'done'));
      if (result.reason === 'invalid-link')
        return sendHtml(reply, passwordPage(lang, token, [], 'invalid'), 404);
      const messages = result.problems.map((p) =>
        t(`password.${p}`, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH }),
      );
      return sendHtml(reply, passwordPage(lang, token, messages, 'form'), 422);
    },
  );

  app.get('/admin', { config: { access: ANY_STAFF }, schema: hidden }, async (request, reply) => {
    const viewer = viewerOf(request);
    let rounds: Round[] = [];
    if (viewer.role === 'admin') rounds = await listRounds(db);
    else if (viewer.role === 'analyst') {
      const mine = new Set(await roundIdsOfStaff(db, staffOf(request).userId));
      rounds = (await listRounds(db)).filter((r) => mine.has(r.id));
    }
    return sendHtml(reply, homePage(langOf(request), viewer, rounds));
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

  const showRound = async (
    request: FastifyRequest,
    reply: FastifyReply,
    round: Round,
    extra: { values?: RoundFormValues; problems?: string[]; notice?: string | null; status?: number } = {},
  ) => {
    const lang = langOf(request);
    const body = roundPage(lang, viewerOf(request), {
      round,
      dashboard: await roundDashboard(db, round),
      staff: await staffOfRound(db, round.id),
      smtp: Boolean(process.env.SMTP_URL),
      releases: await recentReleases(db, round),
      values: extra.values ?? roundValues(round),
      problems: extra.problems ?? [],
      notice: extra.notice ?? noticeOf(request, lang),
    });
    return sendHtml(reply, body, extra.status ?? 200);
  };
  const roundParam = (request: FastifyRequest) =>
    roundForStaff(db, request, (request.params as { name: string }).name);
  const roundPath = (round: Round, lang: Lang, notice?: string, release?: number) => {
    const query = [notice && `notice=${notice}`, release !== undefined && `release=${release}`]
      .filter(Boolean)
      .join('&');
    return withLang(`/admin/rounds/${encodeURIComponent(round.name)}${query ? `?${query}` : ''}`, lang);
  };

  app.get('/admin/rounds/:name', { config: { access: RUNNERS }, schema: hidden }, async (request, reply) =>
    showRound(request, reply, await roundParam(request)),
  );

  app.post(
    '/admin/rounds/:name/settings',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(request);
      const lang = langOf(request);
      const values = form(request);
      const settings = parseSettings(values, lang);
      if (!settings.ok)
        return showRound(request, reply, round, { values, problems: settings.problems, status: 422 });
      const { title, opensAt, closesAt, kMin, respondentMin, languages, intro } = settings.value;
      try {
        await db.transaction(async (tx) => {
          const updated = await updateRound(
            tx,
            round.name,
            { title, opensAt, closesAt, kMin, respondentMin },
            staffOf(request).email,
          );
          await setRoundTexts(tx, updated.id, { languages, intro });
        });
      } catch (err) {
        const problem = err instanceof StorageError || err instanceof HttpProblem ? toHttpProblem(err) : null;
        if (problem && problem.status < 500)
          return showRound(request, reply, round, {
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
      const round = await roundParam(request);
      const status = form(request).status;
      if (status !== 'open' && status !== 'closed')
        throw new HttpProblem(400, 'invalid-request', 'Bad request', 'Unknown status.');
      await updateRound(db, round.name, { status }, staffOf(request).email);
      return see(
        reply,
        roundPath(round, langOf(request), status === 'open' ? 'round.opened' : 'round.closed'),
      );
    },
  );

  // The same role check and audit entry as POST /api/rounds/:name/releases.
  app.post(
    '/admin/rounds/:name/release',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(request);
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

  app.post(
    '/admin/rounds/:name/invitations',
    { config: { access: RUNNERS }, bodyLimit: UPLOAD_LIMIT, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(request);
      const t = adminT(langOf(request));
      const file = form(request)._files?.file;
      if (!file || file.data.length === 0)
        return showRound(request, reply, round, { problems: [t('round.fileProblems')], status: 422 });
      const parsed = await readInviteeFile(file.data, /\.xlsx$/i.test(file.filename) ? 'xlsx' : 'csv');
      const problems = (list: Parameters<typeof fileProblemText>[1][]) => [
        t('round.fileProblems'),
        ...list.map((p) => fileProblemText(t, p)),
      ];
      if (!parsed.ok)
        return showRound(request, reply, round, { problems: problems(parsed.problems), status: 422 });
      try {
        const result = await addInvitees(db, round, parsed.rows, staffOf(request).email);
        return showRound(request, reply, round, { notice: t('round.uploaded', { ...result }) });
      } catch (err) {
        if (err instanceof InviteeConflict)
          return showRound(request, reply, round, { problems: problems(err.problems), status: 422 });
        throw err;
      }
    },
  );

  app.post(
    '/admin/rounds/:name/links',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(request);
      const scope = form(request).scope === 'pending' ? 'pending' : 'new';
      const links = await issueLinks(db, round, scope, publicUrl(request), staffOf(request).email);
      return reply
        .headers(HEADERS)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pejling-${round.name}-links.csv"`)
        .send(linksCsv(links));
    },
  );

  app.post(
    '/admin/rounds/:name/send',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(request);
      const t = adminT(langOf(request));
      const config = smtpConfigFromEnv();
      if (!config) return showRound(request, reply, round, { problems: [t('round.noSmtp')], status: 503 });
      const smtp = await openSmtp(config);
      try {
        const scope = form(request).scope === 'pending' ? 'pending' : 'new';
        const result = await sendInvitations(
          db,
          round,
          scope,
          smtp,
          publicUrl(request),
          staffOf(request).email,
        );
        return showRound(request, reply, round, { notice: t('round.sent', { ...result }) });
      } finally {
        await smtp.close();
      }
    },
  );

  app.post(
    '/admin/rounds/:name/erase-emails',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(request);
      const t = adminT(langOf(request));
      if (round.status !== 'closed')
        return showRound(request, reply, round, { problems: [t('round.eraseNote')], status: 409 });
      const erased = await eraseRoundEmails(db, round.id);
      await appendAudit(db, {
        actor: staffOf(request).email,
        action: 'privacy.erase-emails',
        subject: `round:${round.name}`,
        details: { erased },
      });
      return showRound(request, reply, round, { notice: t('round.erased', { count: erased }) });
    },
  );

  app.post(
    '/admin/rounds/:name/staff',
    { config: { access: ADMIN }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(request);
      const email = form(request).email ?? '';
      const user = await findUserByEmail(db, email);
      if (!user || user.role !== 'analyst')
        return showRound(request, reply, round, {
          problems: [`${email}: ${adminT(langOf(request))('errors.notFound')}`],
          status: 422,
        });
      await assignRoundStaff(db, round.id, user.id);
      await appendAudit(db, {
        actor: staffOf(request).email,
        action: 'round.assign-analyst',
        subject: `round:${round.name}`,
        details: { analyst: user.email },
      });
      return see(reply, roundPath(round, langOf(request), 'round.assigned'));
    },
  );

  const reportHtml = async (request: FastifyRequest, round: Round, pdf: boolean) => {
    const lang = langOf(request);
    const [report, instrument] = await Promise.all([
      roundSectorReport(db, round),
      instrumentOf(db, round.instrument),
    ]);
    const base = `/admin/rounds/${encodeURIComponent(round.name)}`;
    await appendAudit(db, {
      actor: staffOf(request).email,
      action: pdf ? 'export.sector-report-pdf' : 'report.sector-view',
      subject: `round:${round.name}`,
    });
    return renderSectorReport({
      report,
      instrument,
      title: localize(round.title, lang),
      lang,
      stylesheet: pdf ? { inline: CSS } : { href: CSS_PATH },
      links: pdf
        ? undefined
        : {
            pdf: withLang(`${base}/report.pdf`, lang),
            json: `/api/rounds/${encodeURIComponent(round.name)}/sector-report`,
            other: withLang(`${base}/report`, lang === 'da' ? 'en' : 'da'),
          },
    });
  };

  app.get(
    '/admin/rounds/:name/report',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => sendHtml(reply, await reportHtml(request, await roundParam(request), false)),
  );

  app.get(
    '/admin/rounds/:name/report.pdf',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(request);
      const pdf = await htmlToPdf(await reportHtml(request, round, true));
      return reply
        .headers(HEADERS)
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="pejling-${round.name}-sector-${langOf(request)}.pdf"`,
        )
        .send(pdf);
    },
  );

  app.get('/admin/audit', { config: { access: ADMIN }, schema: hidden }, async (request, reply) => {
    const before = Number((request.query as { before?: string }).before);
    const limit = 100;
    const entries = await listAuditPage(db, {
      before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
      limit,
    });
    return sendHtml(reply, auditPage(langOf(request), viewerOf(request), entries, limit));
  });

  app.get('/admin/privacy', { config: { access: ADMIN }, schema: hidden }, async (request, reply) =>
    sendHtml(reply, privacyPage(langOf(request), viewerOf(request))),
  );

  app.post('/admin/privacy', { config: { access: ADMIN }, schema: hidden }, async (request, reply) => {
    const email = (form(request).email ?? '').trim().toLowerCase();
    if (!z.email().safeParse(email).success)
      throw new HttpProblem(400, 'invalid-request', 'Bad request', 'Not an e-mail address.');
    const records = await respondentRecords(db, email);
    await appendAudit(db, {
      actor: staffOf(request).email,
      action: 'privacy.respondent-export',
      details: { records: records.length },
    });
    return reply
      .headers(HEADERS)
      .type('application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="pejling-respondent-data.json"')
      .send(JSON.stringify({ email, records }, null, 2));
  });
}

type Settings = {
  title: { da: string; en?: string };
  opensAt: string | null;
  closesAt: string | null;
  kMin: number;
  respondentMin: number;
  languages: Lang[];
  intro: { da: string; en?: string } | null;
};

function parseSettings(
  values: FormBody,
  lang: Lang,
): { ok: true; value: Settings } | { ok: false; problems: string[] } {
  const t = adminT(lang);
  const problems: string[] = [];
  const text = (name: string) => (values[name] ?? '').trim();
  const date = (name: string, label: string) => {
    const v = text(name);
    if (v === '') return null;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      problems.push(`${label}: ${v}`);
      return null;
    }
    return d.toISOString();
  };
  const titleDa = text('title_da');
  const titleEn = text('title_en');
  if (titleDa === '' || titleDa.length > 500) problems.push(t('round.titleDa'));
  if (titleEn.length > 500) problems.push(t('round.titleEn'));
  const opensAt = date('opens_at', t('round.opensAt'));
  const closesAt = date('closes_at', t('round.closesAt'));
  const kMin = Number(text('k') || String(DEFAULT_K));
  const respondentMin = Number(text('respondent_min') || String(DEFAULT_RESPONDENT_MIN));
  try {
    disclosurePolicy({ k: kMin, respondentMin });
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    problems.push(t(err.field === 'k' ? 'round.kFloor' : 'round.respondentMinFloor'));
  }
  const languages = (['da', 'en'] as const).filter((l) => values[`lang_${l}`]);
  if (languages.length === 0) problems.push(t('round.languages'));
  const introDa = text('intro_da');
  const introEn = text('intro_en');
  if (introDa.length > 2000 || introEn.length > 2000) problems.push(t('round.introDa'));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      title: titleEn ? { da: titleDa, en: titleEn } : { da: titleDa },
      opensAt,
      closesAt,
      kMin,
      respondentMin,
      languages,
      intro: introDa ? (introEn ? { da: introDa, en: introEn } : { da: introDa }) : null,
    },
  };
}
