/**
 * The respondent's survey in the browser, as one Fastify plugin for the API app:
 * the profile route the thank-you page needs, and the built front end (dist/web) with its
 * SPA fallback and security headers. Build first with `ensureWebBuild()`.
 *
 *   await app.register(webServer, { db });
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../storage/index.ts';
import { profileRoute } from './profile.ts';
import { webStatic } from './static.ts';

export { ensureWebBuild, webBuildIsCurrent, WEB_DIST } from './build.ts';

export interface WebServerOptions {
  readonly db: Db;
  /** The build output; default dist/web. */
  readonly root?: string;
}

export async function webServer(app: FastifyInstance, options: WebServerOptions): Promise<void> {
  await app.register(profileRoute, { db: options.db });
  await app.register(webStatic, { root: options.root });
}
