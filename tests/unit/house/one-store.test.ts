/**
 * The renderer keeps one zustand store made of slices (store/app-store.ts): a second store would
 * split what the window knows and need its own wiring, devtools name and reset in tests. This
 * reads every renderer source file and lists where a store is made.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Store factories zustand exports (React hook stores, vanilla stores, the equality-fn variant). */
const STORE_FACTORY = /\b(create|createStore|createWithEqualityFn)\b/;
const ZUSTAND_IMPORT = /import\s*\{([^}]*)\}\s*from\s*['"]zustand(?:\/vanilla|\/traditional)?['"]/g;

/** Files that import a store factory from zustand, relative to the repo. */
function filesMakingStores(files: readonly string[]): string[] {
  return files
    .filter((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(ZUSTAND_IMPORT)].some((m) => STORE_FACTORY.test(m[1] ?? ''));
    })
    .map((file) => path.relative(root, file).split(path.sep).join('/'));
}

describe('the renderer has one store', () => {
  it('only store/app-store.ts makes a zustand store; chat and phone are its slices', () => {
    expect(filesMakingStores(sourceFiles(path.join(root, 'src-renderer')))).toEqual(['src-renderer/store/app-store.ts']);
  });

  it('the check sees a second store where one is made', () => {
    const fixture = path.join(root, 'tests/fixtures/one-store/second-store.ts');
    expect(filesMakingStores([fixture])).toEqual(['tests/fixtures/one-store/second-store.ts']);
  });
});
