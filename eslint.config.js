// Lint rules, including the layering of CONTRIBUTING.md "Project layout": core is pure, effects alone touch the page,
// the element wires them.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layer = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'custom-elements.json',
      'test-results/',
      'playwright-report/',
      'docs/.vitepress/dist/',
      'docs/.vitepress/cache/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  layer(
    ['src/core/**/*.ts'],
    ['**/effects/**', '**/element/**', 'lit', 'lit/*'],
    'src/core is pure logic: no effects, no element, no DOM libraries.',
  ),
  layer(
    ['src/effects/**/*.ts'],
    ['**/element/**', '**/ui/**', 'lit', 'lit/*'],
    'src/effects must not depend on the element.',
  ),
  layer(
    ['src/element/**/*.ts'],
    ['**/ui/**', '**/i18n/**', '**/embeds/**', 'lit', 'lit/*', 'lit-html', 'lit-html/*', '@lit/*'],
    'src/element runs on every page: no Lit, no texts; it loads src/ui/banner-ui.ts and src/embeds/embeds.ts with import() alone (docs/explanation/design-decisions.md).',
  ),
  layer(
    ['src/embeds/**/*.ts'],
    ['**/ui/**', 'lit', 'lit/*', 'lit-html', 'lit-html/*', '@lit/*'],
    'src/embeds is plain DOM: it ships as a file of its own, without Lit (docs/guide/embeds.md).',
  ),
  {
    // The interface takes what it needs of the element's stage through UiHost: a value imported
    // from there would make the modules every page runs wait on this one's loading.
    files: ['src/ui/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**', '**/effects/**', '**/element/**'],
              allowTypeImports: true,
              message: 'src/ui imports only types from the element stage; values come in UiHost.',
            },
          ],
        },
      ],
    },
  },
  layer(
    ['src/server/**/*.ts'],
    ['**/effects/**', '**/element/**', '**/i18n/**', 'lit', 'lit/*', 'node:*'],
    'src/server runs in Node and edge runtimes: pure core only, no DOM, no Node built-ins.',
  ),
  layer(
    ['src/i18n/**/*.ts'],
    ['**/effects/**', '**/element/**', 'lit', 'lit/*'],
    'src/i18n holds strings only.',
  ),
  {
    // src/core and src/server never touch a page: no window, document, navigator, location.
    files: ['src/core/**/*.ts', 'src/server/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'location',
        'localStorage',
        'sessionStorage',
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
