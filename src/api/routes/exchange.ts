/**
 * Import and export of a round in the exchange format (staff). An import is checked as a
 * whole before anything is written; an export is spooled from one database snapshot to a
 * temporary file and then streamed, so a slow client never holds a database transaction open.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseExchangeCsv } from '../../core/exchange/csv.ts';
import type { ExchangeResult } from '../../core/exchange/parse.ts';
import type { Instrument } from '../../core/instrument/types.ts';
import { csvText, NOT_UTF8, readExchangeFile } from '../../files/exchange-file.ts';
import { countSubmittedRespondents, requireRoundByName, type Db } from '../../storage/index.ts';
import { exportJobThreshold } from '../services/export-jobs.ts';
import { conflict, invalidFile, problemResponses } from '../problem.ts';
import { roundParamsSchema } from '../schemas.ts';
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_EXTENSIONS,
  EXPORT_FORMATS,
  exportRoundFile,
} from '../services/export.ts';
import { importInstrument, importOrganisations } from '../services/import.ts';

const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD = 'upload';

const importSummarySchema = z.object({
  round: z.string(),
  roundCreated: z.boolean(),
  organisations: z.number().int(),
  respondents: z.number().int(),
  organisationsCreated: z.number().int(),
  respondentsCreated: z.number().int(),
  submissionsCreated: z.number().int(),
  submissionsSuperseded: z.number().int(),
  unchanged: z.number().int(),
  readAs: z
    .object({ delimiter: z.enum([',', ';']), decimal: z.enum(['.', ',']).nullable() })
    .optional()
    .describe('CSV: the separator found in the header and the decimal mark of its numbers (null: none)'),
});

const uploadSchema = z
  .custom<Buffer>((v) => Buffer.isBuffer(v), 'the body must be a CSV or XLSX file')
  .meta({
    type: 'string',
    format: 'binary',
    description: 'the exchange file: CSV (text/csv, UTF-8) or XLSX',
  });

async function parseUpload(
  instrument: Instrument,
  body: Buffer,
  contentType: string,
): Promise<ExchangeResult> {
  if (contentType.startsWith(XLSX)) {
    // The XLSX reader works on files; a private temporary directory keeps uploads apart.
    const dir = await mkdtemp(join(tmpdir(), 'pejling-import-'));
    try {
      const file = join(dir, `${UPLOAD}.xlsx`);
      await writeFile(file, body);
      const result = await readExchangeFile(instrument, file);
      return result.ok
        ? result
        : { ok: false, problems: result.problems.map((p) => ({ ...p, file: `${UPLOAD}.xlsx` })) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const text = csvText(body);
  if (text === null) return { ok: false, problems: [{ file: `${UPLOAD}.csv`, row: 1, message: NOT_UTF8 }] };
  return parseExchangeCsv(instrument, text, `${UPLOAD}.csv`);
}

export const exchangeRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  // Scoped to this plugin: only the import route takes files.
  app.addContentTypeParser(['text/csv', XLSX], { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/api/rounds/:name/import',
    {
      config: { access: ['admin'] },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['exchange'],
        summary: 'Import an exchange file (CSV or XLSX) into a round, creating it if missing',
        description:
          'All or nothing: the whole file is checked first and every problem is listed with row and column ' +
          '(422); only a valid file is written, in one transaction. Importing the same file again changes nothing.',
        consumes: ['text/csv', XLSX],
        params: roundParamsSchema,
        querystring: z.object({ instrument: z.string().max(64).default('dt-offentlig') }),
        body: uploadSchema,
        response: { 200: importSummarySchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const roundName = request.params.name;
      const { instrument, source } = await importInstrument(db, roundName, request.query.instrument);
      const parsed = await parseUpload(instrument, request.body, request.headers['content-type'] ?? '');
      if (!parsed.ok) throw invalidFile(parsed.problems);
      const summary = await importOrganisations(db, {
        roundName,
        source,
        organisations: parsed.organisations,
        actor: request.staff!.email,
      });
      return { ...summary, ...(parsed.dialect ? { readAs: parsed.dialect } : {}) };
    },
  );

  app.get(
    '/api/rounds/:name/export',
    {
      // Raw answers of single respondents: analysts see aggregates only (docs/rounds.md).
      config: { access: ['admin'] },
      schema: {
        tags: ['exchange'],
        summary: "The round's current submissions in the exchange format (csv, xlsx) or as JSON",
        description:
          'Free text that a spreadsheet would run as a formula is written with a leading apostrophe. ' +
          '`csv-excel-da` is the same CSV as a Danish Excel opens it: `;` between cells, decimal comma, ' +
          'and a byte-order mark; import reads it back unchanged.',
        params: roundParamsSchema,
        querystring: z.object({ format: z.enum(EXPORT_FORMATS).default('csv') }),
        produces: Object.values(EXPORT_CONTENT_TYPES),
        response: {
          200: z.any().meta({ type: 'string', format: 'binary', description: 'the export file' }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      const { format } = request.query;
      const round = await requireRoundByName(db, name);
      const respondents = await countSubmittedRespondents(db, round.id);
      if (respondents > exportJobThreshold())
        throw conflict(
          'export-too-large',
          `Round ${name} has ${respondents} respondents: export it as a background job (POST /api/rounds/${name}/export-jobs).`,
        );
      const dir = await mkdtemp(join(tmpdir(), 'pejling-export-'));
      const cleanUp = () => void rm(dir, { recursive: true, force: true });
      try {
        const file = join(dir, `export.${EXPORT_EXTENSIONS[format]}`);
        await exportRoundFile(db, name, format, file);
        const stream = createReadStream(file);
        stream.on('close', cleanUp);
        const filename = `pejling-${name}${format === 'csv-excel-da' ? '-excel' : ''}.${EXPORT_EXTENSIONS[format]}`;
        return reply
          .type(EXPORT_CONTENT_TYPES[format])
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'no-store')
          .send(stream);
      } catch (err) {
        cleanUp();
        throw err;
      }
    },
  );
};
