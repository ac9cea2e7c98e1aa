/**
 * Logger settings: JSON lines (pino). Nothing secret reaches the log: no headers except a
 * few harmless ones, invitation tokens cut out of URLs, no bodies (answers) at all.
 */
import type { FastifyServerOptions } from 'fastify';
import { redactUrl } from './request-path.ts';

export interface LoggerSettings {
  level?: string;
  /** Where the JSON lines go (default stdout); tests pass a capturing stream. */
  stream?: { write(line: string): void };
}

interface RawRequest {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
  ip?: string;
  headers?: Record<string, unknown>;
}

export function loggerOptions(
  settings: LoggerSettings | boolean | undefined,
): FastifyServerOptions['logger'] {
  if (settings === false || settings === undefined) return false;
  const { level = 'info', stream } = settings === true ? {} : settings;
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: RawRequest) => ({
        method: req.method,
        url: redactUrl(req.url ?? ''),
        route: req.routeOptions?.url,
        ip: req.ip,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      // Only these fields: drivers and validators attach extras that may carry data values.
      err: (err: Error & { code?: unknown; cause?: unknown }) => ({
        type: err.name,
        message: err.message,
        code: err.code,
        stack: err.stack ?? '',
        cause: err.cause instanceof Error ? `${err.cause.name}: ${err.cause.message}` : undefined,
      }),
    },
  };
}
