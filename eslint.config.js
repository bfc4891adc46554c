// Lint rules for the whole repository: typescript-eslint's recommended set; formatting is Prettier's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'editor/dist-web/**', 'test/fixtures/**', 'test/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Terminal frames and desk names are checked for control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // Guest code is evaluated for its value: the prelude is one function expression the host calls.
    files: ['**/*.guest.js'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // Tests read JSON answers of every shape; typing each one would only restate the assertion.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
