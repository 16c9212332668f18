import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_LOCK_FILE, lockDataDir } from '../../../src-hub/storage/data-dir-lock';

const dirs: string[] = [];
const children: Array<{ kill(): void }> = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'centralita-lock-'));
  dirs.push(dir);
  return dir;
}

/** Another process, alive until the test ends (it stands for a hub started from another terminal). */
function otherProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  if (child.pid === undefined) throw new Error('no child process');
  return child.pid;
}

async function deadProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('no child process');
  return child.pid;
}

describe('one hub per data folder', () => {
  it('refuses a folder another running hub holds, naming its process and what to do', () => {
    const dir = dataDir();
    const owner = otherProcess();
    writeFileSync(path.join(dir, HUB_LOCK_FILE), `${owner}\n`);
    const refused = lockDataDir(dir);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (refused.ok) return;
    expect(refused.error.message).toContain(`process ${owner}`);
    expect(refused.error.message).toContain(dir);
    expect(refused.error.message).toContain('--data');
    // The other hub's lock is left as it was.
    expect(readFileSync(path.join(dir, HUB_LOCK_FILE), 'utf8').trim()).toBe(String(owner));
  });

  it('takes over a lock whose hub died (kill -9, a crash), and gives the folder back when stopped', async () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, HUB_LOCK_FILE), `${await deadProcess()}\n`);
    const locked = lockDataDir(dir);
    expect(locked.ok).toBe(true);
    expect(readFileSync(path.join(dir, HUB_LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    if (locked.ok) locked.value();
    expect(existsSync(path.join(dir, HUB_LOCK_FILE))).toBe(false);
    // Free again: the next hub gets it.
    expect(lockDataDir(dir).ok).toBe(true);
  });

  it('takes over an unreadable lock file', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, HUB_LOCK_FILE), 'not a process id');
    expect(lockDataDir(dir).ok).toBe(true);
  });
});
