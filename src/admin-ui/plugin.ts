/**
 * The staff pages: server-rendered HTML forms under /admin (no script, no build step). Every
 * route declares its access like the API's. Errors on these pages (and on the reports) are
 * pages too — a missing log-in leads to the log-in page — by the app's one error handler
 * (`src/admin-ui/errors.ts`, installed in `src/api/app.ts`), not problem JSON.
 */
import type { FastifyInstance } from 'fastify';
import type { AuthSettings } from '../accounts/oidc/settings.ts';
import type { Db } from '../storage/index.ts';
import { parseMultipart, parseUrlEncoded } from './forms.ts';
import { CSS_PATH } from './layout.ts';
import { ADMIN_CSS, hidden, UPLOAD_LIMIT } from './respond.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { inviteeRoutes } from './routes/invitees.ts';
import { jobRoutes } from './routes/jobs.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { portfolioRoutes } from './routes/portfolio.ts';
import { overviewRoutes } from './routes/overview.ts';
import { roundRoutes } from './routes/rounds.ts';
import { sectorReportRoutes } from './routes/sector-report.ts';
import { panelReportRoutes } from './routes/panel-report.ts';
import type { PdfPrinter } from '../reports/organisation/pdf.ts';
import { ssoRoutes } from './routes/sso.ts';
import { userRoutes } from './routes/users.ts';

export async function adminUi(
  app: FastifyInstance,
  { db, auth, printer }: { db: Db; auth: AuthSettings; printer: PdfPrinter },
): Promise<void> {
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

  app.get(CSS_PATH, { config: { access: 'public' }, schema: hidden }, (_request, reply) =>
    reply
      .headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=3600' })
      .type('text/css; charset=utf-8')
      .send(ADMIN_CSS),
  );

  // One module per page or use case; all share this plugin's parsers and error pages.
  for (const routes of [
    authRoutes,
    ssoRoutes,
    roundRoutes,
    invitationRoutes,
    inviteeRoutes,
    jobRoutes,
    organisationRoutes,
    portfolioRoutes,
    overviewRoutes,
    sectorReportRoutes,
    panelReportRoutes,
    auditRoutes,
    userRoutes,
  ])
    routes(app, { db, auth, printer });
}
