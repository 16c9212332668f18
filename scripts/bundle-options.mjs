// esbuild options for every bundle, shared by scripts/build.mjs and the test that lays out an
// installer-shaped folder (tests/unit/house/electron-bundle.test.ts), so the two cannot drift.

import { sipGrammarTablesEsbuild } from './sip-grammar-tables.mjs';

/** Node entries run from the repo (launcher, hub, benches): npm packages stay external. */
export const nodeBundle = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // Bundled ESM still needs require() for CommonJS-only paths of some packages.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

/**
 * The SQLite cache worker ships inside the desktop installer, so it inlines every pure-JS
 * dependency and keeps only the native module external: the installer carries better-sqlite3
 * and nothing else from node_modules.
 */
export const workerBundle = { ...nodeBundle, packages: undefined, external: ['better-sqlite3'] };

/**
 * Electron main and preloads: CommonJS, Electron and native modules external. native-reg (the
 * Windows policy reader) finds its prebuilt addon next to its own files, so it stays a package.
 */
export const electronBundle = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron', 'better-sqlite3', '@node-rs/argon2', 'native-reg'],
  sourcemap: true,
  logLevel: 'warning',
};

/** The hidden phone window's page (browser, one ES module loaded by phone.html from app://). */
export const phoneWindowBundle = {
  plugins: [sipGrammarTablesEsbuild],
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'chrome130',
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
};
