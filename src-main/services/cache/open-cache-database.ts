/**
 * Opens (or creates) the cache database. The cache is rebuildable from the hub, so a file
 * that is not a database, or one written by a newer app, is moved aside (kept for support,
 * never deleted) and a fresh one is created: the agent can always start working.
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { CACHE_MIGRATIONS } from './migrations';
import { NewerDatabaseError, runMigrations } from './migrate';

export interface OpenedCache {
  db: Database.Database;
  /** Where an unusable previous file was moved, if it was. */
  movedAside: string | null;
  reason: string | null;
}

function openAndMigrate(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    runMigrations(db, CACHE_MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isUnusableFile(error: unknown): boolean {
  if (error instanceof NewerDatabaseError) return true;
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

export function openCacheDatabase(file: string, now: () => Date = () => new Date()): OpenedCache {
  try {
    return { db: openAndMigrate(file), movedAside: null, reason: null };
  } catch (error) {
    if (!isUnusableFile(error)) throw error;
    const label = error instanceof NewerDatabaseError ? 'newer' : 'corrupt';
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    const movedAside = `${file}.${label}-${stamp}`;
    renameSync(file, movedAside);
    // The WAL and shared-memory files belong to the old file; leaving them would confuse SQLite.
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, movedAside + suffix);
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { db: openAndMigrate(file), movedAside, reason };
  }
}
