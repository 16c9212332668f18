/** The migration runner on real SQLite files. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDb } from '../../../src-hub/storage/database';
import { migrate, schemaVersion } from '../../../src-hub/storage/migrate';
import { HUB_MIGRATIONS } from '../../../src-hub/storage/migrations';
import type { Migration } from '../../../src-hub/storage/migrations/migration';

const open: SqliteDb[] = [];
const dirs: string[] = [];
afterEach(() => {
  open.splice(0).forEach((db) => db.open && db.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
function tempDb(): { file: string; db: SqliteDb } {
  const dir = mkdtempSync(path.join(tmpdir(), 'centralita-mig-'));
  dirs.push(dir);
  const file = path.join(dir, 'hub.db');
  const db = openDatabase(file);
  open.push(db);
  return { file, db };
}
const tables = (db: SqliteDb): string[] =>
  db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all().map((r) => r.name);

const m1: Migration = { version: 1, name: 'a', up: (db) => db.exec('CREATE TABLE a (x INTEGER) STRICT') };
const m2: Migration = { version: 2, name: 'b', up: (db) => db.exec('CREATE TABLE b (y INTEGER) STRICT') };

describe('migrations', () => {
  it('applies pending migrations in order and records the version', () => {
    const { db } = tempDb();
    expect(migrate(db, [m1])).toEqual({ ok: true, value: { from: 0, to: 1, applied: ['1-a'] } });
    expect(migrate(db, [m1, m2])).toEqual({ ok: true, value: { from: 1, to: 2, applied: ['2-b'] } });
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).toEqual(['a', 'b']);
    expect(migrate(db, [m1, m2])).toEqual({ ok: true, value: { from: 2, to: 2, applied: [] } });
  });

  it('refuses a database written by a newer app and leaves it untouched', () => {
    const { db } = tempDb();
    db.pragma('user_version = 7');
    const result = migrate(db, [m1, m2]);
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!result.ok && result.error.message).toMatch(/newer version of Centralita \(schema 7; this version knows up to 2\)/);
    expect(tables(db)).toEqual([]);
  });

  it('applies all pending steps in one transaction: a failing step leaves nothing behind', () => {
    const { db } = tempDb();
    const broken: Migration = { version: 2, name: 'broken', up: (d) => d.exec('CREATE TABLE c (z INTEGER) STRICT; CREATE TABLE c (z INTEGER)') };
    expect(() => migrate(db, [m1, broken])).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('rejects a migration list whose versions do not increase one by one', () => {
    const { db } = tempDb();
    expect(() => migrate(db, [m2, m1])).toThrow(/out of order/);
  });

  it('builds the hub schema with STRICT tables and indexed hot queries', () => {
    const { db } = tempDb();
    expect(migrate(db, HUB_MIGRATIONS).ok).toBe(true);
    expect(schemaVersion(db)).toBe(HUB_MIGRATIONS.length);
    const sql = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
    expect(sql.length).toBeGreaterThanOrEqual(10);
    for (const { sql: ddl } of sql) expect(ddl).toMatch(/STRICT$/);
    const plan = (q: string): string => db.prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${q}`).all().map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM customer_identities WHERE kind = 'phone' AND value = '+34600100200'")).toMatch(/USING (INDEX|PRIMARY KEY)/);
    expect(plan("SELECT * FROM events WHERE seq > 5 AND (audience = 'ana' OR audience = '*') ORDER BY seq")).toMatch(/events_audience|PRIMARY KEY|INTEGER PRIMARY KEY/);
    expect(plan("SELECT * FROM timeline_entries WHERE customer_id = 'cust-maria' ORDER BY at DESC")).toMatch(/timeline_entries_customer/);
    expect(plan("SELECT * FROM work_items WHERE agent_id = 'ana' AND state NOT IN ('done','abandoned') AND state IN ('accepted','wrap-up')")).toMatch(/work_items_agent/);
    const openItems = plan("SELECT * FROM work_items WHERE state NOT IN ('done','abandoned') ORDER BY created_at, id");
    expect(openItems).toMatch(/work_items_open/);
    expect(openItems).not.toMatch(/TEMP B-TREE/);
    expect(plan('SELECT * FROM offers WHERE outcome IS NULL')).toMatch(/offers_pending/);
  });
});
