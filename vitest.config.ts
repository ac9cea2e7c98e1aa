import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // A deployment has its public address configured; tests that need it unset stub it.
    env: { PEJLING_PUBLIC_URL: 'https://pejling.test' },
  },
});
