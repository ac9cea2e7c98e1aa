/**
 * Serves the built survey (`dist/web`) from the API server:
 *
 * - `/assets/*`: Vite's content-hashed files, cached for a year (`immutable`), sent
 *   pre-compressed (brotli/gzip, written by the build) when the browser accepts it;
 * - other files at the top of `dist/web` (icons): cached for a day;
 * - every other GET outside `/api/` and `/admin/` (`/s/<token>` and the rest): `index.html`,
 *   the single-page app, which reads the path itself (SPA fallback). Unknown `/api/…` and
 *   `/admin/…` paths keep their own 404s.
 *
 * Every route of this plugin carries the survey's Content-Security-Policy (only our own scripts,
 * styles, images and API; `SURVEY_HELMET` in src/api/security-headers.ts); the rest of the
 * headers (no referrer: the invitation token is in the URL) are the app's own, as everywhere.
 *
 * Without a build (`ensureWebBuild()` not run) the API keeps working and pages answer 503 with
 * what to run, so an app built for API tests needs no front end.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SURVEY_HELMET } from '../api/security-headers.ts';
import { WEB_DIST } from './build.ts';

export interface WebStaticOptions {
  /** The build output; default `dist/web` (see ensureWebBuild). */
  readonly root?: string;
}

export async function webStatic(app: FastifyInstance, options: WebStaticOptions = {}): Promise<void> {
  const root = options.root ?? WEB_DIST;
  const built = await readBuild(root);
  if (!built) {
    // An app built without the front end (API tests, a production install that skipped the
    // build): the API works, pages say what is missing.
    app.log.warn({ root }, 'the web survey is not built; run `npm start` or `npx vite build`');
    app.get(
      '/*',
      { config: { access: 'public' }, helmet: SURVEY_HELMET, schema: { hide: true } },
      (request, reply) => {
        if (isApiPath((request.params as { '*': string })['*'])) return reply.callNotFound();
        return reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send('The web survey is not built. Run `npm start` (or `npx vite build`) and reload.');
      },
    );
    return;
  }
  const { indexHtml, topFiles } = built;

  await app.register(fastifyStatic, { root, serve: false, preCompressed: true, index: false });

  const sendIndex = (reply: FastifyReply) =>
    reply.code(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);

  app.get<{ Params: { '*': string } }>(
    '/assets/*',
    { config: { access: 'public' }, helmet: SURVEY_HELMET, schema: { hide: true } },
    (request, reply) =>
      reply.sendFile(`assets/${request.params['*']}`, {
        immutable: true,
        maxAge: '365d',
        cacheControl: true,
      }),
  );

  app.get<{ Params: { '*': string } }>(
    '/*',
    { config: { access: 'public' }, helmet: SURVEY_HELMET, schema: { hide: true } },
    (request, reply) => {
      const path = request.params['*'];
      if (isApiPath(path)) return reply.callNotFound();
      if (topFiles.has(path)) return reply.sendFile(path, { maxAge: '1d', immutable: false });
      return sendIndex(reply);
    },
  );
}

/** Paths other parts of the app own (the API, the staff pages, the reports): their 404s stay theirs. */
const isApiPath = (path: string) => /^(api|admin|reports)(\/|$)/.test(path);

async function readBuild(root: string): Promise<{ indexHtml: string; topFiles: Set<string> } | null> {
  try {
    const indexHtml = await readFile(join(root, 'index.html'), 'utf8');
    const entries = await readdir(root, { withFileTypes: true });
    const topFiles = new Set(
      entries
        .filter(
          (e) =>
            e.isFile() && e.name !== 'index.html' && !e.name.startsWith('.') && !/\.(br|gz)$/.test(e.name),
        )
        .map((e) => e.name),
    );
    return { indexHtml, topFiles };
  } catch {
    return null;
  }
}
