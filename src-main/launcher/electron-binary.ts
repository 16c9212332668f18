/**
 * Finds Electron's binary without require('electron') (which would try to download it):
 * the electron package writes path.txt and dist/ only once the binary has been fetched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function findElectronBinary(resolveFrom: string): string | null {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(resolveFrom).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile) || !existsSync(path.join(packageDir, 'dist'))) return null;
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
