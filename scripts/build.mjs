// Builds every bundle the product ships or runs:
//   dist/node/*.mjs        Node entries (launcher, standalone hub, cache worker) — esbuild
//   dist/bench/*.mjs       benchmarks — esbuild
//   dist/main/*.cjs        Electron main + preloads — esbuild, electron kept external
//   dist/renderer/         renderer (React) — Vite; the hidden phone window's page — esbuild
// `--node-only` skips Vite and Electron (fast path for hub/integration work).
// Node bundles keep npm packages external (native modules and their own files must stay
// resolvable); the desktop installer ships only what electron-builder.yml lists.
import { build as esbuild } from 'esbuild';
import { electronBundle, nodeBundle, phoneWindowBundle, workerBundle } from './bundle-options.mjs';
import { copyFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const nodeOnly = process.argv.includes('--node-only');
const at = (p) => path.join(root, p);

/** [entry, outfile]; entries that do not exist yet are skipped so partial trees still build. */
const nodeEntries = [
  ['src-main/launcher/start.ts', 'dist/node/start.mjs'],
  ['src-hub/cli.ts', 'dist/node/hub.mjs'],
  ['src-main/services/cache/cache-worker.ts', 'dist/node/cache-worker.mjs'],
  ['bench/routing.ts', 'dist/bench/routing.mjs'],
  ['bench/screenpop.ts', 'dist/bench/screenpop.mjs'],
  ['bench/chat.ts', 'dist/bench/chat.mjs'],
  ['bench/call-setup.ts', 'dist/bench/call-setup.mjs'],
  ['bench/outbox.ts', 'dist/bench/outbox.mjs'],
  ['bench/supervisor.ts', 'dist/bench/supervisor.mjs'],
  ['bench/email.ts', 'dist/bench/email.mjs'],
  ['bench/dtmf.ts', 'dist/bench/dtmf.mjs'],
].filter(([entry]) => existsSync(at(entry)));

const phoneWindowEntry = 'src-phone/window/phone-window.ts';

const electronEntries = [
  ['src-main/electron/main.ts', 'dist/main/electron-main.cjs'],
  ['src-main/electron/preload.ts', 'dist/main/preload.cjs'],
  ['src-main/electron/phone-preload.ts', 'dist/main/phone-preload.cjs'],
].filter(([entry]) => existsSync(at(entry)));

// The customer-facing chat widget the hub serves at /widget.js (browser, one self-contained
// script). Built in --node-only too: the hub (and its integration tests) serve it.
const widgetEntries = [['src-widget/widget.ts', 'dist/widget/chat-widget.js']].filter(([entry]) => existsSync(at(entry)));

// zod re-exports every locale's error messages (~260 KB); the widget shows its own words, so
// the locale table is swapped for English only, which zod uses by default anyway.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: path.join(path.dirname(args.importer), '../locales/en.js') } : undefined,
    );
  },
};

const started = Date.now();
await Promise.all(
  widgetEntries.map(([entry, out]) =>
    esbuild({ entryPoints: [at(entry)], outfile: at(out), bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, sourcemap: false, legalComments: 'none', logLevel: 'warning', plugins: [zodEnglishOnly] }),
  ),
);
await Promise.all(
  nodeEntries.map(([entry, out]) =>
    esbuild({ ...(entry.includes('cache-worker') ? workerBundle : nodeBundle), entryPoints: [at(entry)], outfile: at(out) }),
  ),
);

if (!nodeOnly) {
  await Promise.all(
    electronEntries.map(([entry, out]) =>
      esbuild({ ...electronBundle, entryPoints: [at(entry)], outfile: at(out) }),
    ),
  );
  if (existsSync(at('src-renderer/index.html'))) {
    const { build: viteBuild } = await import('vite');
    await viteBuild({ configFile: at('vite.config.ts'), logLevel: 'warn' });
  }
  // The hidden phone window's page (Electron): after Vite, which empties dist/renderer.
  if (existsSync(at(phoneWindowEntry))) {
    await esbuild({ ...phoneWindowBundle, entryPoints: [at(phoneWindowEntry)], outfile: at('dist/renderer/phone.js') });
    copyFileSync(at('src-phone/window/phone.html'), at('dist/renderer/phone.html'));
  }
}
console.log(`build: ${nodeEntries.length} node, ${widgetEntries.length} widget, ${nodeOnly ? 0 : electronEntries.length} electron bundles${nodeOnly ? '' : ' + renderer'} in ${Date.now() - started} ms`);
