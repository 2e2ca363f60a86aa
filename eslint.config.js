// Lint rules, including the process boundaries of docs/architecture.md:
// a wrong import between layers fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

function restrict(paths, patterns, message) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: paths.map((name) => ({ name, message })),
        patterns: patterns.map((group) => ({ group: [group], message })),
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.tsbuild/',
      'test-results/',
      'bench/.work/',
      '.scratch*/',
      '.sallyport-dev/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.js', '*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'react', 'react-dom'],
      ['**/src-main/**', '**/src-renderer/**', '**/src-facility/**', 'node:*', 'react-dom/*'],
      'src-shared runs in every process: no Node, DOM, React or Electron, and no other layer.',
    ),
  },
  {
    files: ['src-main/**/*.ts'],
    // test-support is imported only by tests; it may start the demo facility as a test peer.
    ignores: ['src-main/electron/**', 'src-main/host/**', 'src-main/test-support/**'],
    rules: restrict(
      ['electron'],
      ['**/src-renderer/**', '**/src-facility/**'],
      "Only src-main/electron imports 'electron'; the product never depends on the renderer or the demo facility.",
    ),
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: restrict(
      [],
      ['**/src-renderer/**', '**/src-facility/**', '**/host/**'],
      'The Electron shell never packages the renderer source, the demo facility or the browser host.',
    ),
  },
  {
    files: ['src-main/host/**/*.ts'],
    rules: restrict(
      ['electron'],
      ['**/src-renderer/**'],
      'The browser host serves the built renderer; it does not import its source, nor Electron.',
    ),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...nodeBuiltins, 'electron'],
        ['**/src-main/**', '**/src-facility/**', 'node:*'],
        'src-renderer talks to main only through the typed contract client.',
      ),
    },
  },
  {
    files: ['src-facility/**/*.ts'],
    rules: restrict(
      ['electron'],
      ['**/src-main/**', '**/src-renderer/**'],
      'The demo facility is the other end of the wire: it shares only src-shared with the workstation.',
    ),
  },
);
