/**
 * One hub per data folder. Two hubs on one SQLite file would each route the same work, and each
 * would fail mid-action on the other's write lock ("database is locked" from a timer, which
 * stops the process); the second one refuses to start instead, naming the first. The lock is a
 * file holding the owner's process id: one whose process is gone (a crash, kill -9) is stale and
 * taken over, as is one left by this same process (a hub restarted in place).
 */
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../src-common/result';

export const HUB_LOCK_FILE = 'hub.lock';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    // EPERM: it exists, owned by another user.
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the data folder for this process; the result releases it. */
export function lockDataDir(dataDir: string): Result<() => void> {
  const file = path.join(dataDir, HUB_LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return ok(() => {
        if (ownerOf(file) === process.pid) rmSync(file, { force: true });
      });
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') return err('unavailable', `Cannot lock the hub's data folder ${dataDir}: ${(cause as Error).message}`);
      const owner = ownerOf(file);
      if (owner !== null && owner !== process.pid && isRunning(owner)) {
        return err('conflict', `Another Centralita hub (process ${owner}) is using the data folder ${dataDir}. Stop it first, or give this one its own folder (--data).`);
      }
      rmSync(file, { force: true });
    }
  }
  return err('unavailable', `Cannot lock the hub's data folder ${dataDir}: another process keeps taking it.`);
}
