// Lint catches defects and keeps the layers of STYLE.md §1 apart; Prettier owns the layout.
// Data flows one way: file → core → workers → store (src/state) → features; App composes.
import { readdirSync } from 'node:fs';
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const root = import.meta.dirname;
const features = readdirSync(`${root}/src/features`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default defineConfig(
  globalIgnores(['dist/', 'bench-data/', 'test-results/', 'docs/screenshots/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // no-cycle follows each import into the module it names, so it must parse TypeScript and find extensionless .ts(x) paths.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] })],
    },
    rules: {
      // A cycle can hand a module an import that is still undefined while it loads. Type-only imports are not followed (they vanish at build).
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            {
              target: './src/core',
              from: ['./src/state', './src/features', './src/ui', './src/workers', './src/App.tsx', './src/main.tsx'],
              message: 'core is pure TypeScript and imports nothing outside core.',
            },
            {
              target: './src/ui',
              from: './src/state',
              message: 'ui pieces do not read the store: take values and callbacks as props from the feature that uses them.',
            },
            {
              target: './src/workers',
              from: './src/state',
              message: 'Workers do not know the store.',
            },
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: './src/features',
              except: [`./${feature}`],
              message: 'Features never import each other: move the shared piece to src/ui or src/core, and let App compose them.',
            })),
          ],
        },
      ],
      // tsc's noUnusedLocals and noUnusedParameters already report these, and know that a merged
      // interface must repeat its type parameters (src/features/table/columns.tsx).
      '@typescript-eslint/no-unused-vars': 'off',
      // Spaces in the tests' regular expressions match JSON indentation as it is written.
      'no-regex-spaces': 'off',
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'recharts', '@tanstack/*', 'html-to-image', 'idb-keyval'],
              message: 'core is pure TypeScript: no React, zustand or browser-only packages.',
            },
          ],
        },
      ],
    },
  },
  {
    // Hooks live in components; tests/e2e's useJourneys is a vitest helper, not a React hook.
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
