/**
 * Invitation tokens: 256 random bits, shown to the respondent once. Only the SHA-256 is
 * stored, so a database leak does not leak working links. A plain (unsalted) hash is enough
 * because the token has full entropy: there is nothing to brute-force.
 */
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string could be a token at all; spares a lookup for garbage input. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
