/**
 * Whether the client reached the app over HTTPS: directly, through a trusted proxy that says
 * so (X-Forwarded-Proto, believed only with `trustProxy`), or by the operator's word
 * (PEJLING_SECURE_COOKIES=true behind a TLS-terminating proxy that is not configured as
 * trusted). Secure cookies and HSTS both follow it.
 */
import type { FastifyRequest } from 'fastify';

export const reachedOverHttps = (request: FastifyRequest): boolean =>
  request.protocol === 'https' || process.env.PEJLING_SECURE_COOKIES === 'true';
