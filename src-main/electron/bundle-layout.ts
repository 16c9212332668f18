/**
 * Where the shell finds its files. Bundles live in dist/main next to dist/renderer and
 * dist/node; icons ship as extra resources in a packaged app. The cache worker runs from
 * app.asar.unpacked: a worker thread loads its ES module through Node's own loader, which
 * cannot read inside an asar archive (electron-builder.yml unpacks it with its dependencies).
 */
import path from 'node:path';

export interface BundleLayout {
  renderer: string;
  preload: string;
  /** Preload of the hidden phone window (its own, narrower bridge). */
  phonePreload: string;
  cacheWorker: string;
  trayIcon: string;
}

/** Turns a path inside app.asar into the same path inside app.asar.unpacked. */
export function unpackedPath(file: string): string {
  const marker = `${path.sep}app.asar${path.sep}`;
  return file.includes(marker) ? file.replace(marker, `${path.sep}app.asar.unpacked${path.sep}`) : file;
}

/** `mainDir` is the folder of the running main bundle (dist/main). */
export function bundleLayout(mainDir: string, packaged: boolean, resourcesPath: string): BundleLayout {
  const resources = packaged ? resourcesPath : path.join(mainDir, '..', '..', 'resources');
  return {
    renderer: path.join(mainDir, '..', 'renderer'),
    preload: path.join(mainDir, 'preload.cjs'),
    phonePreload: path.join(mainDir, 'phone-preload.cjs'),
    cacheWorker: unpackedPath(path.join(mainDir, '..', 'node', 'cache-worker.mjs')),
    trayIcon: path.join(resources, 'icons', 'tray.png'),
  };
}
