/**
 * The HTTP API as a Fastify instance (not listening): `serve` listens on it, tests inject
 * requests into it. Order matters: access control and the OpenAPI hook are installed before
 * any route, so every route is checked and documented.
 */
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../storage/index.ts';
import {
  bearerTokenAuthenticator,
  installAccessControl,
  type RegisteredRoute,
  type StaffAuthenticator,
} from './access.ts';
import { installErrorHandling } from './error-handler.ts';
import { loggerOptions, type LoggerSettings } from './logging.ts';
import { openApiRoute, registerOpenApi } from './openapi.ts';
import { exchangeRoutes } from './routes/exchange.ts';
import { healthRoutes } from './routes/health.ts';
import { instrumentRoutes } from './routes/instruments.ts';
import { reportRoutes } from './routes/reports.ts';
import { roundRoutes } from './routes/rounds.ts';
import { surveyRoutes } from './routes/survey.ts';
import { zodValidatorCompiler } from './validation.ts';
import { installCsrfProtection } from './auth/csrf.ts';
import { installHttpPolicy } from './http-policy.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { sessionAuthenticator } from './auth/session-authenticator.ts';
import { adminAuthRoutes } from './routes/admin-auth.ts';
import { adminRoundRoutes } from './routes/admin-rounds.ts';
import { adminAuditRoutes } from './routes/admin-audit.ts';
import { inviteeRoutes } from './routes/invitees.ts';
import { adminUi } from '../admin-ui/plugin.ts';
import { isPageRequest, sendHtmlError } from '../admin-ui/errors.ts';
import { organisationReportRoutes } from './routes/organisation-report.ts';
import { planRoutes } from './routes/plans.ts';
import { planPortfolioRoutes } from './routes/plan-portfolio.ts';
import { portfolioRoutes } from './routes/portfolio.ts';
import { panelRoutes } from './routes/panel.ts';
import { portfolioAcrossRoutes } from './routes/portfolio-across.ts';
import { jobRoutes } from './routes/jobs.ts';
import { installRespondentRateLimit } from '../web-server/rate-limit.ts';
import { authSettingsFromEnv, type AuthSettings } from '../accounts/oidc/settings.ts';
import { PdfPrinter } from '../reports/organisation/pdf.ts';

export interface BuildAppOptions {
  readonly db: Db;
  /** false (default) for silence; true or settings for JSON lines. */
  readonly logger?: LoggerSettings | boolean;
  /** Staff authenticators tried in order; default: API bearer tokens. */
  readonly authenticators?: readonly StaffAuthenticator[];
  /**
   * Proxies whose X-Forwarded-For is believed (Fastify's `trustProxy`: addresses, CIDR
   * ranges, or a hop count). Behind a reverse proxy the rate limits then see each client's own
   * address instead of the proxy's. Default: none.
   */
  readonly trustProxy?: string | number;
  /** Single sign-on and password log-in; default: from the environment (`PEJLING_OIDC_*`). */
  readonly auth?: AuthSettings;
  /**
   * The PDF printer every route prints with (one warm Chromium for the app); by default the
   * app makes its own and closes it with itself.
   */
  readonly printer?: PdfPrinter;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access declaration, as registered. */
    readonly registeredRoutes: readonly RegisteredRoute[];
  }
}

function trustProxyFunction(
  setting: string | number | undefined,
): string | boolean | ((address: string, hop: number) => boolean) {
  if (setting === undefined) return false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}

/** Most bodies are small JSON; routes that take more (drafts, imports) raise it themselves. */
const DEFAULT_BODY_LIMIT = 64 * 1024;

export function buildApp(options: BuildAppOptions): FastifyInstance {
  const { db } = options;
  // Read before anything listens: a wrong SSO configuration stops the start with its variable's name.
  const auth = options.auth ?? authSettingsFromEnv();
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: DEFAULT_BODY_LIMIT,
    // HEAD only where it is asked for (health): an implicit HEAD on an export would run it.
    exposeHeadRoutes: false,
    // Fastify's types omit the hop count its docs allow; a function says the same for any of them.
    trustProxy: trustProxyFunction(options.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  const printer = options.printer ?? new PdfPrinter();
  if (!options.printer) app.addHook('onClose', () => printer.close());
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, { matches: isPageRequest, send: sendHtmlError });
  // First, so that every answer carries them, refusals included.
  installSecurityHeaders(app);
  // Before access control, which reads the session cookie.
  app.register(fastifyCookie);
  // Before access control: a flood of token guesses is refused before any token lookup.
  installRespondentRateLimit(app, db);
  const routes = installAccessControl(
    app,
    db,
    options.authenticators ?? [bearerTokenAuthenticator(db), sessionAuthenticator(db)],
  );
  app.decorate('registeredRoutes', routes);
  installCsrfProtection(app);
  installHttpPolicy(app);

  registerOpenApi(app);
  app.register(async (api) => {
    openApiRoute(api);
    for (const plugin of [
      healthRoutes,
      instrumentRoutes,
      surveyRoutes,
      roundRoutes,
      exchangeRoutes,
      reportRoutes,
      adminAuthRoutes,
      adminRoundRoutes,
      inviteeRoutes,
      adminAuditRoutes,
      adminUi,
      organisationReportRoutes,
      planRoutes,
      planPortfolioRoutes,
      portfolioRoutes,
      panelRoutes,
      portfolioAcrossRoutes,
      jobRoutes,
    ]) {
      await api.register(plugin as FastifyPluginAsync<{ db: Db; auth: AuthSettings; printer: PdfPrinter }>, {
        db,
        auth,
        printer,
      });
    }
  });
  return app;
}
