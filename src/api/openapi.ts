/**
 * The OpenAPI 3.1 document, generated from the routes' zod schemas, so it cannot drift from
 * what the server validates. Staff routes get the bearer security requirement from their
 * access declaration.
 */
import { STATUS_CODES } from 'node:http';
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';

const API_VERSION = '1.0.0';

export function registerOpenApi(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!Array.isArray(access)) return;
    route.schema = {
      ...route.schema,
      security: [{ bearerAuth: [] }],
      description: [route.schema?.description, `Roles: ${access.join(', ')}.`].filter(Boolean).join('\n\n'),
    };
  });
  app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pejling API',
        version: API_VERSION,
        description:
          'Surveys, rounds and figures of Pejling. Errors are RFC 9457 problem details (application/problem+json).',
      },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'a staff API token (pejling token create)',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => describeResponses(jsonSchemaTransformObject(input)),
  });
}

interface ResponseObject {
  description?: string;
  content?: Record<string, unknown>;
}
type Document = ReturnType<typeof jsonSchemaTransformObject>;

/** Error responses are problem documents; say so, and name every status instead of "Default Response". */
function describeResponses(doc: Document): Document {
  const problemType = PROBLEM_CONTENT_TYPE.split(';')[0]!;
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      const responses = (operation as { responses?: Record<string, ResponseObject> }).responses ?? {};
      for (const [status, response] of Object.entries(responses)) {
        if (response.description === 'Default Response')
          response.description = STATUS_CODES[status] ?? status;
        const json = response.content?.['application/json'];
        if (Number(status) >= 400 && json && response.content) {
          response.content = { [problemType]: json };
        }
      }
    }
  }
  return doc;
}

export function openApiRoute(app: FastifyInstance): void {
  app.get(
    '/api/openapi.json',
    { config: { access: 'public' }, schema: { tags: ['meta'], summary: 'This OpenAPI document' } },
    async () => app.swagger(),
  );
}
