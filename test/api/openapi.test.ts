/** The OpenAPI document matches the routes, and no route can exist without an access rule. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { installAccessControl } from '../../src/api/access.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import type { Database } from '../../src/storage/index.ts';

let dir: string;
let db: Database;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-openapi-'));
  db = await openApiDatabase({ backend: 'sqlite', dataDir: dir });
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists exactly the routes, with their methods', async () => {
    const app = buildApp({ db });
    // Like the web survey's static files: public, and deliberately not part of the API document.
    app.register(async (web) => {
      web.get('/assets/*', { config: { access: 'public' }, schema: { hide: true } }, async () => '');
    });
    await app.ready();
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\.1\./);

    const routes = app.registeredRoutes
      .filter((r) => r.method !== 'HEAD' && !r.hidden)
      .map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.url)}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(routes.length).toBeGreaterThanOrEqual(16);
    expect(documented.sort()).toEqual(routes.sort());
    await app.close();
  });

  it('marks staff routes with bearer security and errors as problem+json', async () => {
    const app = buildApp({ db });
    await app.ready();
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    const get = doc.paths['/api/rounds/{name}'].get;
    expect(get.security).toEqual([{ bearerAuth: [] }]);
    expect(get.description).toMatch(/Roles: admin, analyst/);
    expect(Object.keys(get.responses['404'].content)).toEqual(['application/problem+json']);
    expect(doc.paths['/api/survey/{token}'].get.security).toBeUndefined();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    await app.close();
  });

  it('refuses to register a route that does not declare who may call it', async () => {
    const app = Fastify();
    installAccessControl(app, db, []);
    app.get('/declared', { config: { access: 'public' } }, async () => 'ok');
    expect(() => app.get('/undeclared', async () => 'oops')).toThrow(/does not declare config.access/);
    expect(() => app.get('/bad', { config: { access: [] } }, async () => 'oops')).toThrow(/config.access/);
    expect(() => app.get('/survey', { config: { access: 'respondent' } }, async () => 'oops')).toThrow(
      /:token/,
    );
    await app.close();
  });

  it('applies the same rule to routes added by later plugins', async () => {
    const app = buildApp({ db });
    app.register(async (child) => {
      child.get('/api/forgotten', async () => 'oops');
    });
    await expect(app.ready()).rejects.toThrow(/GET \/api\/forgotten does not declare config.access/);
  });
});
