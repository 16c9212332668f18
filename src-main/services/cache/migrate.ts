/**
 * Migration runner in the manner of Signal-Desktop: PRAGMA user_version holds the schema
 * version, versions only increase, pending migrations run in one transaction, and a database
 * written by a newer app is refused rather than guessed at.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export class NewerDatabaseError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(`cache schema version ${found} is newer than this app supports (${supported})`);
    this.name = 'NewerDatabaseError';
  }
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/** Applies pending migrations; returns the versions applied (empty when up to date). */
export function runMigrations(db: Database.Database, migrations: readonly Migration[]): number[] {
  for (let i = 1; i < migrations.length; i += 1) {
    if (migrations[i].version <= migrations[i - 1].version) {
      throw new Error(`migration versions must increase: ${migrations[i - 1].version} then ${migrations[i].version}`);
    }
  }
  const current = Number(db.pragma('user_version', { simple: true }));
  const latest = latestVersion(migrations);
  if (current > latest) throw new NewerDatabaseError(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return pending.map((m) => m.version);
}
