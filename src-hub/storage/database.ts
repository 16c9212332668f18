/**
 * Opens the hub database: WAL so readers never block the single writer, foreign keys on,
 * and a busy timeout so a backup or inspection tool holding a lock briefly is waited for.
 */
import Database from 'better-sqlite3';
import type { Database as SqliteDb } from 'better-sqlite3';

export type { SqliteDb };

export function openDatabase(file: string): SqliteDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}
