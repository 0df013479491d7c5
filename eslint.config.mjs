// ESLint flat config (`npm run lint` = `eslint .`): @eslint/js recommended for every file,
// typescript-eslint recommended (not type-aware, so it stays fast) for the TypeScript sources.
// Layout is Prettier's job (.prettierrc.json, `npm run format`): no stylistic rule is enabled.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Unused parameters, variables and caught errors named with a leading `_` are kept on purpose
// (a callback's contract, a destructured slot); tsconfig's noUnusedParameters agrees.
const unused = [
  'error',
  { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
];

export default defineConfig([
  globalIgnores(['**/node_modules/', '**/out/', '.e2e-cache/', 'test-results/', 'bench/.data/', 'bench/results/', '**/*.vsix']),
  js.configs.recommended,
  {
    rules: {
      'no-unused-vars': unused,
      // The one rule of these sets that eslint-config-prettier (not installed) turns off: it can
      // disagree with how Prettier breaks lines; the type check and the tests catch the real cases.
      'no-unexpected-multiline': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: { 'no-unused-vars': 'off', '@typescript-eslint/no-unused-vars': unused },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The end-to-end tests hand functions to the browser (page.evaluate): they see the DOM.
    files: ['test/e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The @vscode/test-electron suite runs under mocha inside the extension host.
    files: ['test/vscode/**/*.js', 'test/vscode/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
  },
  {
    // Tests match indented claim lines as they are written (`/^  line 20553 units 1 dx A$/m`):
    // two literal spaces read better there than ` {2}`.
    // Tests of colour output match ANSI escapes (\x1b) in regular expressions on purpose.
    files: ['test/**'],
    rules: { 'no-regex-spaces': 'off', 'no-control-regex': 'off' },
  },
]);
