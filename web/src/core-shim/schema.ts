/**
 * Browser stand-in for src/core/instrument/schema.ts: the runtime constants the core's
 * answer rules need, without the zod schemas (see vite.config.ts). Types still come from the
 * real module. test/web/core-shim.test.ts keeps the two equal.
 */
export const MISSING_TOKENS = ['dont_know', 'not_relevant'] as const;
