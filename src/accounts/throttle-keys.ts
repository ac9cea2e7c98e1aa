/**
 * Keys of the log-in and password-reset throttles. An e-mail is counted as the account lookup
 * reads it (trimmed, lower case, at most 320 characters), so padding or a different case is
 * the same counter; a client address as the respondents' rate limit counts it (IPv6 per /64,
 * which one subscriber can fill with addresses).
 */
import { createHash } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';

/** The address as accounts are looked up by. */
export const normalEmail = (email: string) => email.trim().toLowerCase().slice(0, 320);

/** A hash, so that addresses typed by people without an account are never stored. */
export const emailThrottleKey = (prefix: string, email: string) =>
  `${prefix}:${createHash('sha256').update(normalEmail(email)).digest('hex')}`;

export const clientThrottleKey = (prefix: string, address: string) => `${prefix}:${normalizeIP(address)}`;
