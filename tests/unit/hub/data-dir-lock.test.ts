import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_LOCK_FILE, HUB_PID_FILE, lockDataDir } from '../../../src-hub/storage/data-dir-lock';

const dirs: string[] = [];
const releases: Array<() => void> = [];
afterEach(() => {
  for (const release of releases.splice(0)) release();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'centralita-lock-'));
  dirs.push(dir);
  return dir;
}

function take(dir: string) {
  const locked = lockDataDir(dir);
  if (locked.ok) releases.push(locked.value);
  return locked;
}

describe('one hub per data folder', () => {
  it('refuses a second hub on a folder one holds, naming its process and what to do, until the first gives it back', () => {
    const dir = dataDir();
    const first = take(dir);
    expect(first.ok).toBe(true);
    const second = take(dir);
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (second.ok) return;
    expect(second.error.message).toContain(`process ${process.pid}`);
    expect(second.error.message).toContain(dir);
    expect(second.error.message).toContain('--data');
    if (first.ok) first.value();
    expect(existsSync(path.join(dir, HUB_PID_FILE))).toBe(false);
    expect(take(dir).ok).toBe(true);
  });

  it('is free again once the hub holding it is killed: the system drops its lock, whatever its pid file says', async () => {
    const dir = dataDir();
    // A hub in another process (the same exclusive transaction the hub takes), then kill -9.
    const holder = spawn(process.execPath, ['-e', `
      const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new Database(${JSON.stringify(path.join(dir, HUB_LOCK_FILE))});
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
      require('node:fs').writeFileSync(${JSON.stringify(path.join(dir, HUB_PID_FILE))}, String(process.pid));
      console.log('locked');
      setInterval(() => {}, 1000);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout?.once('data', () => resolve()));
    expect(take(dir)).toMatchObject({ ok: false, error: { message: expect.stringContaining(`process ${holder.pid ?? '?'}`) } });
    const gone = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await gone;
    expect(take(dir).ok).toBe(true);
  });

  it('replaces a lock file that is not its own kind', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, HUB_LOCK_FILE), '12345\n');
    expect(take(dir).ok).toBe(true);
  });
});
