/** Where respondents and staff reach the app: PEJLING_PUBLIC_URL, else the address of the request. */
import type { FastifyRequest } from 'fastify';

export function publicUrl(request: FastifyRequest): string {
  const configured = process.env.PEJLING_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}
