import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleLayout, unpackedPath } from '../../../src-main/electron/bundle-layout';

describe('bundle layout', () => {
  it('finds renderer, preload, worker and icons next to the bundles in a source checkout', () => {
    const main = path.join('/repo', 'dist', 'main');
    expect(bundleLayout(main, false, '/unused')).toEqual({
      renderer: path.join('/repo', 'dist', 'renderer'),
      preload: path.join(main, 'preload.cjs'),
      phonePreload: path.join(main, 'phone-preload.cjs'),
      cacheWorker: path.join('/repo', 'dist', 'node', 'cache-worker.mjs'),
      trayIcon: path.join('/repo', 'resources', 'icons', 'tray.png'),
    });
  });

  it('runs the cache worker from app.asar.unpacked in a packaged app, and icons from resources', () => {
    const resources = path.join('/opt', 'Centralita', 'resources');
    const layout = bundleLayout(path.join(resources, 'app.asar', 'dist', 'main'), true, resources);
    expect(layout.cacheWorker).toBe(path.join(resources, 'app.asar.unpacked', 'dist', 'node', 'cache-worker.mjs'));
    expect(layout.renderer).toBe(path.join(resources, 'app.asar', 'dist', 'renderer'));
    expect(layout.trayIcon).toBe(path.join(resources, 'icons', 'tray.png'));
  });

  it('leaves paths outside an archive alone', () => {
    expect(unpackedPath(path.join('/srv', 'app.asar.d', 'x.mjs'))).toBe(path.join('/srv', 'app.asar.d', 'x.mjs'));
  });
});
