/**
 * The migration runner: applies pending migrations in one transaction and records the schema
 * version in PRAGMA user_version. It refuses a database written by a newer app (its version
 * is above the newest migration we know), because running older code on it could corrupt it.
 */
import type { SqliteDb } from './database';
import type { Migration } from './migrations/migration';
import { err, ok, type Result } from '../../src-common/result';

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

export function schemaVersion(db: SqliteDb): number {
  return Number(db.pragma('user_version', { simple: true }));
}

export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      // A programming error in the list itself, caught by the first test that opens a database.
      throw new Error(`migration list out of order: position ${i} has version ${m.version}, expected ${i + 1}`);
    }
  });
}

export function migrate(db: SqliteDb, migrations: readonly Migration[]): Result<MigrationReport> {
  checkMigrationList(migrations);
  const from = schemaVersion(db);
  const newest = migrations.length;
  if (from > newest) {
    return err(
      'conflict',
      `The database was written by a newer version of Centralita (schema ${from}; this version knows up to ${newest}). Upgrade the hub or use another data directory.`,
    );
  }
  const pending = migrations.slice(from);
  if (pending.length === 0) return ok({ from, to: from, applied: [] });
  db.transaction(() => {
    for (const m of pending) m.up(db);
    // PRAGMA cannot take a bound parameter; the value is an integer we computed.
    db.pragma(`user_version = ${newest}`);
  })();
  return ok({ from, to: newest, applied: pending.map((m) => `${m.version}-${m.name}`) });
}
