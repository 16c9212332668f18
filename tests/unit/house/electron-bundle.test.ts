/**
 * The Electron binary never runs on this machine, so this test runs the next best thing: the
 * bundled Electron main (built as scripts/build.mjs builds it) in Node 22 with a stand-in
 * `electron` module, laid out the way electron-builder.yml packs the app: dist/main,
 * dist/node/cache-worker.mjs, and in node_modules only the packages the installer carries.
 * A bundle that needs a package the installer leaves out, or a shell that fails to boot,
 * fails here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_OP_NAMES, PHONE_OP_NAMES } from '../../../src-common/ipc';

interface BundleOptions {
  electronBundle: BuildOptions;
  workerBundle: BuildOptions;
}

const root = path.resolve(import.meta.dirname, '../../..');
const app = mkdtempSync(path.join(tmpdir(), 'centralita-packed-'));
const at = (...parts: string[]): string => path.join(app, ...parts);

/** Packages electron-builder.yml puts in the installer's node_modules. */
function packagedModules(): string[] {
  const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] };
  const names = config.files.flatMap((pattern) => /^node_modules\/((?:@[^/]+\/)?[^/*]+)\//.exec(pattern)?.[1] ?? []);
  return [...new Set(names)];
}

beforeAll(async () => {
  // The very options scripts/build.mjs uses (scripts/bundle-options.mjs), quieter.
  const { electronBundle, workerBundle } = (await import(path.join(root, 'scripts/bundle-options.mjs'))) as BundleOptions;
  const quiet = { logLevel: 'error', sourcemap: false } as const;
  await Promise.all([
    build({ ...electronBundle, ...quiet, entryPoints: [path.join(root, 'src-main/electron/main.ts')], outfile: at('dist/main/electron-main.cjs') }),
    build({ ...electronBundle, ...quiet, entryPoints: [path.join(root, 'src-main/electron/preload.ts')], outfile: at('dist/main/preload.cjs') }),
    build({ ...electronBundle, ...quiet, entryPoints: [path.join(root, 'src-main/electron/phone-preload.ts')], outfile: at('dist/main/phone-preload.cjs') }),
    build({ ...workerBundle, ...quiet, entryPoints: [path.join(root, 'src-main/services/cache/cache-worker.ts')], outfile: at('dist/node/cache-worker.mjs') }),
    build({ entryPoints: [path.join(root, 'tests/unit/shell/electron-stand-in.ts')], outfile: at('node_modules/electron/index.js'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' }),
  ]);
  for (const name of packagedModules()) {
    mkdirSync(path.dirname(at('node_modules', name)), { recursive: true });
    symlinkSync(path.join(root, 'node_modules', name), at('node_modules', name), 'dir');
  }
}, 60_000);

afterAll(() => rmSync(app, { recursive: true, force: true }));

const BOOT = `
const electron = require('electron');
const report = (line) => process.stdout.write('REPORT ' + JSON.stringify(line) + '\\n');
process.argv.push('--data', process.env.BOOT_DATA);
require('./dist/main/electron-main.cjs');
const started = Date.now();
const poll = setInterval(async () => {
  const r = electron.recorded;
  if (r.windows.length < 2 && Date.now() - started < 15000) return;
  clearInterval(poll);
  const agent = r.windows.find((w) => w.webContents.url.endsWith('/index.html'));
  const call = (op) => r.ipcHandlers.get('centralita:' + op)({ sender: agent.webContents, senderFrame: agent.webContents.mainFrame }, {});
  report({ windows: r.windows.length, handlers: r.ipcHandlers.size, settings: await call('settings.get'), view: await call('view.get') });
  electron.app.quit();
  const quitting = setInterval(() => {
    if (r.ipcHandlers.size > 0) return;
    clearInterval(quitting);
    report({ handlersAfterQuit: r.ipcHandlers.size, quitCalls: r.quitCalls });
  }, 50);
}, 50);
`;

describe('packed Electron app', () => {
  it('requires only Node built-ins, electron and the packages the installer carries', () => {
    const allowed = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron', ...packagedModules()]);
    // ws loads these optional native helpers in try/catch; they are not installed and need not be.
    const optional = new Set(['bufferutil', 'utf-8-validate']);
    for (const file of ['dist/main/electron-main.cjs', 'dist/main/preload.cjs', 'dist/node/cache-worker.mjs']) {
      const text = readFileSync(at(file), 'utf8');
      // A require inside a string is ajv's code generator naming its runtime, not a real import;
      // `from "${url}"` is electron-updater's log message quoting a template value, and a
      // bundled doc comment may say `from "{@link http://…}"`: only module-shaped names count.
      const specifiers = [...text.matchAll(/(?<![`'"\w.$])(?:require\(|from\s+|import\()\s*["']((?:node:)?(?:@[\w.-]+\/)?[\w.-]+(?:\/[\w.-]+)*)["']/g)].map(
        (m) => m[1] ?? '',
      );
      const packages = specifiers.map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.startsWith('node:') ? s : (s.split('/')[0] ?? s)));
      expect(packages.filter((p) => !allowed.has(p) && !optional.has(p)), file).toEqual([]);
    }
  });

  it('keeps the preloads tiny and free of Node and zod', () => {
    for (const file of ['dist/main/preload.cjs', 'dist/main/phone-preload.cjs']) {
      const preload = readFileSync(at(file), 'utf8');
      expect(preload.length, file).toBeLessThan(20_000);
      expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]), file).toEqual(['electron']);
    }
  });

  it('boots, answers IPC with its SQLite cache running from the packed layout, and quits cleanly', () => {
    const dataDir = at('user-data');
    writeFileSync(at('boot.cjs'), BOOT);
    const run = spawnSync(process.execPath, ['boot.cjs'], {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', BOOT_DATA: dataDir, HOME: app },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const reports = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('REPORT '))
      .map((line) => JSON.parse(line.slice('REPORT '.length)) as Record<string, unknown>);
    expect(reports, run.stderr.slice(-2000)).toHaveLength(2);
    expect(reports[0]).toMatchObject({
      windows: 2,
      // One handler per IPC op of the contract, and one per phone op relayed to the phone window.
      handlers: IPC_OP_NAMES.length + PHONE_OP_NAMES.length,
      settings: { ok: true, value: { values: { language: 'es' } } },
      view: { ok: true, value: { status: 'signed-out' } },
    });
    expect(reports[1]).toEqual({ handlersAfterQuit: 0, quitCalls: 2 });
    // The cache worker started from dist/node with only the packed node_modules to resolve from.
    expect(existsSync(path.join(dataDir, 'cache.db'))).toBe(true);
    expect(run.stderr).not.toMatch(/cache unavailable|cache worker bundle not found/);
    // It must exit by itself after quit: a leaked timer, socket or worker thread would keep it
    // alive until spawnSync's timeout kills it (status null).
    expect(run.status).toBe(0);
  });
});
