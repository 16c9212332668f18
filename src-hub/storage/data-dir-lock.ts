/**
 * One hub per data folder. Two hubs on one SQLite file would each route the same work, and each
 * would fail mid-action on the other's write lock ("database is locked" from a timer, which
 * stops the process); the second one refuses to start instead, naming the first.
 *
 * The lock is an exclusive SQLite transaction on a file of its own, held open for the hub's
 * life: the operating system drops it when the process ends however it ends (a crash, kill -9),
 * so there is no stale lock to judge and a reused process id cannot block a start; a second hub
 * in the same process is refused as well. The owner's process id sits in a file beside it, only
 * to name it in the refusal.
 */
import Database from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../src-common/result';

export const HUB_LOCK_FILE = 'hub.lock';
export const HUB_PID_FILE = 'hub.pid';

function errorCode(cause: unknown): string {
  return typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
}

function holdExclusively(file: string): Database.Database {
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (cause) {
    db.close();
    throw cause;
  }
}

/** Takes the data folder for this hub; the result gives it back. */
export function lockDataDir(dataDir: string): Result<() => void> {
  const lockFile = path.join(dataDir, HUB_LOCK_FILE);
  const pidFile = path.join(dataDir, HUB_PID_FILE);
  let lock: Database.Database;
  try {
    try {
      lock = holdExclusively(lockFile);
    } catch (cause) {
      // Not an SQLite file (written by something else): nobody can hold it, so it is replaced.
      if (errorCode(cause) !== 'SQLITE_NOTADB') throw cause;
      rmSync(lockFile, { force: true });
      lock = holdExclusively(lockFile);
    }
  } catch (cause) {
    if (errorCode(cause) === 'SQLITE_BUSY' || errorCode(cause) === 'SQLITE_LOCKED') {
      const owner = Number.parseInt(readPid(pidFile), 10);
      const who = Number.isInteger(owner) && owner > 0 ? `Another Centralita hub (process ${owner})` : 'Another Centralita hub';
      return err('conflict', `${who} is using the data folder ${dataDir}. Stop it first, or give this one its own folder (--data).`);
    }
    return err('unavailable', `Cannot lock the hub's data folder ${dataDir}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  writeFileSync(pidFile, `${process.pid}\n`);
  return ok(() => {
    if (!lock.open) return;
    rmSync(pidFile, { force: true });
    lock.exec('ROLLBACK');
    lock.close();
  });
}

function readPid(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}
