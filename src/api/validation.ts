/**
 * Request validation with zod. Unlike the type provider's compiler, this one keeps each
 * issue's path as an array, so a problem can name an answer id such as `why.importance`
 * without confusing its dots with nesting.
 */
import type { FastifySchemaCompiler } from 'fastify';
import { safeParse, type $ZodType } from 'zod/v4/core';
import type { ProblemError } from './problem.ts';

export interface PathIssue {
  path: (string | number)[];
  message: string;
  code: string;
  /** Fastify's default formatter reads these two. */
  instancePath: string;
  keyword: string;
}

export const zodValidatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema }) =>
  (data) => {
    const result = safeParse(schema, data);
    if (result.success) return { value: result.data };
    const issues: PathIssue[] = result.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      return {
        path,
        message: issue.message,
        code: issue.code,
        instancePath: `/${path.join('/')}`,
        keyword: issue.code,
      };
    });
    return { error: issues as never };
  };

export function isPathIssue(value: unknown): value is PathIssue {
  return typeof value === 'object' && value !== null && Array.isArray((value as PathIssue).path);
}

export const fieldName = (path: readonly (string | number)[]) =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');

export function issueToError(issue: PathIssue, where: ProblemError['in']): ProblemError {
  return {
    in: where,
    field: fieldName(issue.path),
    path: issue.path,
    message: issue.message,
    code: issue.code,
  };
}
