// Lint rules the team relies on (STYLE §8): no floating promises, no console in the
// server, and imports that point down the layers (docs/architecture.md). Type-aware, so it
// uses each workspace's tsconfig. Import cycles are checked by madge in `npm run lint`.
import js from '@eslint/js';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { LAYER_ZONES } from './scripts/layers.js';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/dist-types/**',
      'node_modules/**',
      'bench/reference/**',
      'test-artifacts/**',
      'web/test/consumer/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: [
          'shared/tsconfig.test.json',
          'server/tsconfig.test.json',
          'web/tsconfig.json',
          'web/tsconfig.test.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['shared/**/*.ts', 'server/**/*.ts', 'web/**/*.ts', 'web/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      // Sources import `./x.js` for `./x.ts`, as Node's ESM resolution wants.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
        }),
      ],
    },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }] },
  },
  {
    // STYLE: functions under about 40 lines, in source; a test's describe block may be longer.
    files: ['shared/src/**/*.ts', 'server/src/**/*.ts', 'web/src/**/*.ts', 'web/src/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/test/**'],
    rules: { 'max-lines-per-function': ['error', { max: 40, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);
