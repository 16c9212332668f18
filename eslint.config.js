// One lint config for the whole tree. The runtime layering of docs/ARCHITECTURE.md
// ("imports follow runtimes") is enforced here with no-restricted-imports, one block per
// runtime folder; tests/unit/house/layering.test.ts proves the rule fires.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3', 'ws', 'pino', 'conf', '@node-rs/argon2', 'jose', 'yaml'];

/** Builds a no-restricted-imports rule: `paths` are bare module names, `folders` are project folders. */
function forbid(message, paths, folders) {
  return [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: folders.length ? [{ group: folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]), message }] : [],
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'tests/fixtures/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src-common/**'],
    rules: {
      'no-restricted-imports': forbid(
        'src-common has no runtime: no Node, DOM, Electron or app-folder imports.',
        [...nodeBuiltins, ...nodeOnlyPackages, 'electron', 'react', 'react-dom', 'zustand', 'sip.js'],
        ['src-hub', 'src-main', 'src-renderer', 'src-phone'],
      ),
    },
  },
  // Browser runtimes. The phone serves the renderer (through src-common/phone-host.ts), never the
  // other way round; the customers' chat widget is its own product and shares only src-common.
  {
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': forbid(
        'The renderer runs in a browser: no Node or Electron modules, no main or hub code.',
        [...nodeBuiltins, ...nodeOnlyPackages, 'electron'],
        ['src-hub', 'src-main'],
      ),
    },
  },
  {
    files: ['src-phone/**'],
    rules: {
      'no-restricted-imports': forbid(
        'The phone runs in a browser and serves the renderer: no Node or Electron modules, no main, hub, renderer or widget code.',
        [...nodeBuiltins, ...nodeOnlyPackages, 'electron'],
        ['src-hub', 'src-main', 'src-renderer', 'src-widget'],
      ),
    },
  },
  {
    files: ['src-widget/**'],
    rules: {
      'no-restricted-imports': forbid(
        'The chat widget runs on customers\' sites: it imports src-common only, nothing of the desktop or hub.',
        [...nodeBuiltins, ...nodeOnlyPackages, 'electron', 'react', 'react-dom', 'zustand', 'sip.js'],
        ['src-hub', 'src-main', 'src-renderer', 'src-phone'],
      ),
    },
  },
  {
    files: ['src-hub/**'],
    rules: {
      'no-restricted-imports': forbid(
        'The hub never imports desktop code or Electron.',
        ['electron'],
        ['src-main', 'src-renderer', 'src-phone'],
      ),
    },
  },
  {
    files: ['src-main/services/**', 'src-main/web/**'],
    rules: {
      'no-restricted-imports': forbid(
        'Main services and the web host run in plain Node: no Electron, no shell, no hub internals.',
        ['electron'],
        ['electron', 'src-hub', 'src-renderer', 'src-phone'],
      ),
    },
  },
  {
    files: ['src-main/launcher/**'],
    rules: {
      'no-restricted-imports': forbid(
        'The launcher wires services, web host and the embedded hub; it never imports the Electron shell.',
        ['electron'],
        ['electron', 'src-renderer', 'src-phone'],
      ),
    },
  },
  {
    files: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': forbid('The Electron shell may import main services, never the renderer or hub.', [], ['src-renderer', 'src-phone', 'src-hub']),
    },
  },
  {
    files: ['tests/**', 'bench/**', 'scripts/**', '*.config.*', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.js', '*.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
