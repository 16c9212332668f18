/**
 * Integration tests run the bundled worker/entry files (the SQLite worker thread cannot load
 * TypeScript), so they build the Node bundles once before the first test file.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--node-only'], { stdio: 'inherit' });
}
