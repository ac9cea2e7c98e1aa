/**
 * RFC 9457 problem details: the one shape every API error has. `errors` lists each wrong
 * field (request validation, answers) or cell (imported files), so a client can point at it.
 */
import { z } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Problem types are URNs: stable identifiers that need no web server behind them. */
export const problemType = (slug: string) => `urn:pejling:problem:${slug}`;

export const problemErrorSchema = z
  .object({
    in: z.enum(['body', 'querystring', 'params', 'headers', 'file']),
    field: z.string().describe('the wrong field, as a dotted path (file: the column name)'),
    path: z.array(z.union([z.string(), z.number()])).describe('the same path, segment by segment'),
    message: z.string(),
    code: z.string().optional(),
    row: z.number().int().optional().describe('file problems: the row, 1 = header'),
    column: z.string().optional().describe('file problems: the column letter'),
  })
  .meta({ id: 'ProblemError' });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(problemErrorSchema).optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

export type ProblemError = z.infer<typeof problemErrorSchema>;
export type Problem = z.infer<typeof problemSchema>;

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: ProblemError[],
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail ?? title);
  }

  toProblem(): Problem {
    const { type: _t, title: _ti, status: _s, detail: _d, errors: _e, ...extensions } = this.extensions;
    return {
      type: problemType(this.slug),
      title: this.title,
      status: this.status,
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...extensions,
    };
  }
}

/** Unknown token, round or organisation: always the same words, so a 404 reveals nothing. */
export const notFound = (detail = 'There is nothing here.') =>
  new HttpProblem(404, 'not-found', 'Not found', detail);

export const conflict = (slug: string, detail: string, extensions?: Record<string, unknown>) =>
  new HttpProblem(409, slug, 'Conflict', detail, undefined, extensions);

export const invalid = (slug: string, detail: string, errors: ProblemError[]) =>
  new HttpProblem(422, slug, 'Unprocessable content', detail, errors);

/** A problem of an uploaded file, where it is (row, and column by name and letter). */
export interface FileRowProblem {
  readonly row: number;
  readonly column?: string | undefined;
  readonly columnLetter?: string | undefined;
  readonly message: string;
}

/** 422 for an uploaded file that was refused whole: every problem, with row and column. */
export const invalidFile = (problems: readonly FileRowProblem[]) =>
  invalid(
    'invalid-file',
    `The file has ${problems.length} problem(s); nothing was imported.`,
    problems.map((p) => ({
      in: 'file',
      field: p.column ?? '',
      path: p.column ? [p.row, p.column] : [p.row],
      message: p.message,
      row: p.row,
      ...(p.columnLetter ? { column: p.columnLetter } : {}),
    })),
  );

/** Every problem response a route may give, for its OpenAPI entry. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, problemSchema]));
