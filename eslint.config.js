// Lint rules: the recommended sets, plus a guard that keeps the core pure (no I/O imports).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ENGINE_INTERNALS = {
  group: [
    '**/core/util/stats*',
    '**/core/figures/quantiles*',
    '**/core/figures/evaluate*',
    '**/core/figures/table*',
  ],
  message:
    'Figures are computed only in src/core/figures and shown only from a release (src/core/release/read.ts).',
};

const LOWER_LAYERS = [
  'src/storage/**/*.ts',
  'src/accounts/**/*.ts',
  'src/rounds/**/*.ts',
  'src/reports/**/*.ts',
  'src/open-data/**/*.ts',
  'src/charts/**/*.ts',
  'src/files/**/*.ts',
  'src/instruments/**/*.ts',
  'src/i18n/**/*.ts',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'test-output/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'net'],
              message: 'src/core is pure: no I/O.',
            },
            {
              group: ['**/storage/**', '**/api/**', '**/cli/**', '**/web/**'],
              message: 'src/core must not depend on the edges.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every figure anyone sees is computed in src/core/figures and released by src/core/release;
    // the edges format what a release holds. They may not do the arithmetic themselves.
    files: ['src/**/*.ts', 'src/**/*.tsx', 'web/src/**/*.ts', 'web/src/**/*.tsx'],
    ignores: ['src/core/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ENGINE_INTERNALS] }] },
  },
  {
    // The layers below the HTTP API serve it, the staff pages and the CLI alike; they never
    // reach up into one of them (ARCHITECTURE.md, "may import").
    files: LOWER_LAYERS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ENGINE_INTERNALS,
            {
              group: ['**/api/**', '**/admin-ui/**', '**/cli/**', '**/web-server/**'],
              message:
                'This layer lies below the API, the staff pages and the CLI; move shared use cases here or up.',
            },
          ],
        },
      ],
    },
  },
);
