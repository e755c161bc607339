import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.nx/**', 'coverage/**', 'tests/browser/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Parsers of documents and uploads test for control characters on purpose (binary detection, cleaning names).
      'no-control-regex': 'off',
      // The plan's Chinese text has ideographic spaces (U+3000) inside strings, templates and patterns.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]',
          message: 'No focused or skipped tests.',
        },
      ],
    },
  },
  {
    files: ['apps/console/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Boundaries (README "Layout"): libs are plain TypeScript, the API core knows no feature module,
  // the console talks to the API over HTTP only.
  {
    files: ['libs/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@nestjs/|typeorm|pg$|pg-|express|react|react-dom|react-admin|ra-|@mui/|@emotion/)',
              message: 'libs/ hold plain domain code: no framework, database or UI imports.',
            },
            { regex: '(^|/)apps/', message: 'libs/ may not import application code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/api/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)modules(/|$)',
              message: 'The API core knows no feature: a module registers its own entities and providers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/console/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)(apps/)?api/src(/|$)|(^|/)apps/api(/|$)', message: 'The console uses the API over HTTP, not its code.' },
            { regex: '^(@nestjs/|typeorm|pg$|express)', message: 'Server frameworks have no place in the console.' },
          ],
        },
      ],
    },
  },
  prettier,
);
