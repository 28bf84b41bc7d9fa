// Lint and the dependency rule (DESIGN.md "Architecture"): core imports no SDK or UI library, tabs import
// neither api nor bot, and only api's data layer (and tests) import @azure/cosmos.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const cosmosOnlyInDataLayer = {
  group: ['@azure/cosmos', '@azure/cosmos/*'],
  message: 'Only api/src/data (the repositories) may import @azure/cosmos.',
};

const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restrict(cosmosOnlyInDataLayer),
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        {
          group: [
            '@azure/*',
            'botbuilder',
            'botbuilder-*',
            '@microsoft/*',
            'react',
            'react-dom',
            '@fluentui/*',
            'jose',
          ],
          message: 'core/ is the pure domain: no SDKs, no UI libraries (DESIGN.md).',
        },
        { group: ['node:*', 'fs', 'http', 'https'], message: 'core/ does no I/O.' },
        {
          group: ['@peerloop/api', '@peerloop/bot', '@peerloop/tabs', '**/api/**', '**/bot/**', '**/tabs/**'],
          message: 'core/ depends on nothing of ours.',
        },
      ),
    },
  },
  {
    files: ['bot/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(cosmosOnlyInDataLayer, {
        group: ['@peerloop/api', '@peerloop/tabs', '**/api/**', '**/tabs/**', 'react', '@fluentui/*'],
        message: 'bot/ depends on core only; api/ wires it to the repositories.',
      }),
    },
  },
  {
    files: ['tabs/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(cosmosOnlyInDataLayer, {
        group: ['@peerloop/api', '@peerloop/bot', '**/api/src/**', '**/bot/src/**', 'botbuilder', '@azure/*', 'jose'],
        message: 'tabs/ talks to the API over HTTP only and shares core contracts for types.',
      }),
    },
  },
  {
    files: ['api/src/data/**/*.ts', 'tests/**/*.ts', '**/*.test.ts', 'scripts/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests read JSON answers as a user would see them; typing every response body adds nothing there.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
