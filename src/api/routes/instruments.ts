/** The built-in instruments, and any version a round pins, in one language. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { describeInstrument } from '../../instruments/describe.ts';
import { listBuiltinInstruments } from '../../instruments/registry.ts';
import { localize } from '../../i18n/i18n.ts';
import type { Db } from '../../storage/index.ts';
import { notFound, problemResponses } from '../problem.ts';
import { langSchema } from '../schemas.ts';
import { builtinSource, instrumentOf } from '../services/instruments.ts';

const instrumentSummary = z.object({
  id: z.string(),
  version: z.string(),
  title: z.object({ da: z.string(), en: z.string() }),
});

export const instrumentRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/instruments',
    {
      config: { access: 'public' },
      schema: {
        tags: ['instruments'],
        summary: 'The built-in instruments',
        response: { 200: z.array(instrumentSummary) },
      },
    },
    async () => {
      const ids = await listBuiltinInstruments();
      const sources = await Promise.all(ids.map((id) => builtinSource(id)));
      return sources.flatMap((s) =>
        s
          ? [
              {
                id: s.instrument.id,
                version: s.instrument.version,
                title: {
                  da: localize(s.instrument.def.title, 'da'),
                  en: localize(s.instrument.def.title, 'en'),
                },
              },
            ]
          : [],
      );
    },
  );

  app.get(
    '/api/instruments/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['instruments'],
        summary: 'An instrument: sections, items, scales, texts in one language',
        params: z.object({ id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'not an instrument id') }),
        querystring: z.object({
          lang: langSchema.default('da'),
          version: z
            .string()
            .max(64)
            .optional()
            .describe('a version a round pins; default: the built-in version'),
        }),
        response: {
          200: z.object({ id: z.string(), version: z.string() }).catchall(z.unknown()),
          ...problemResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { lang, version } = request.query;
      const builtin = await builtinSource(id);
      if (builtin && (version === undefined || version === builtin.instrument.version)) {
        return describeInstrument(builtin.instrument, lang);
      }
      if (version === undefined) throw notFound(`No instrument ${JSON.stringify(id)}.`);
      return describeInstrument(await instrumentOf(db, { id, version }), lang);
    },
  );
};
