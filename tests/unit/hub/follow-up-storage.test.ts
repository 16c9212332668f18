/** Migration 007 (follow-ups) on a real SQLite file: STRICT, ordering, done ones leave the open list, query plan. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FollowUp } from '../../../src-common/domain';
import { openDatabase, type SqliteDb } from '../../../src-hub/storage/database';
import { migrate } from '../../../src-hub/storage/migrate';
import { HUB_MIGRATIONS } from '../../../src-hub/storage/migrations';
import { sqliteFollowUps } from '../../../src-hub/storage/sqlite/follow-ups';

const open: SqliteDb[] = [];
const dirs: string[] = [];
afterEach(() => {
  open.splice(0).forEach((db) => db.open && db.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function migratedDb(): SqliteDb {
  const dir = mkdtempSync(path.join(tmpdir(), 'centralita-follow-ups-'));
  dirs.push(dir);
  const db = openDatabase(path.join(dir, 'hub.db'));
  open.push(db);
  const result = migrate(db, HUB_MIGRATIONS);
  if (!result.ok) throw new Error(result.error.message);
  db.exec(`INSERT INTO customers (id, name, tags, updated_at) VALUES ('c-1', 'María', '[]', '2026-01-01T00:00:00.000Z'), ('c-2', 'Joan', '[]', '2026-01-01T00:00:00.000Z')`);
  return db;
}

const followUp = (id: string, dueAt: string | null, createdAt: string, customerId = 'c-1'): FollowUp => ({
  id, customerId, text: `tarea ${id}`, dueAt, createdAt, createdBy: 'ana', createdByName: 'Ana Martín', doneAt: null, doneBy: null,
});

describe('follow-ups (migration 007)', () => {
  it('lists a customer\'s open follow-ups oldest due first, undated last, in the order written on ties', () => {
    const repo = sqliteFollowUps(migratedDb());
    repo.insert(followUp('fu-undated-1', null, '2026-01-01T10:00:00.000Z'));
    repo.insert(followUp('fu-later', '2026-03-10T09:00:00.000Z', '2026-01-01T10:00:00.000Z'));
    repo.insert(followUp('fu-undated-2', null, '2026-01-01T10:00:00.000Z'));
    repo.insert(followUp('fu-sooner', '2026-03-01T09:00:00.000Z', '2026-01-02T10:00:00.000Z'));
    repo.insert(followUp('fu-other', '2026-02-01T09:00:00.000Z', '2026-01-01T10:00:00.000Z', 'c-2'));
    expect(repo.openFor('c-1').map((f) => f.id)).toEqual(['fu-sooner', 'fu-later', 'fu-undated-1', 'fu-undated-2']);
  });

  it('marks one done once: it leaves the open list and keeps who and when', () => {
    const repo = sqliteFollowUps(migratedDb());
    repo.insert(followUp('fu-1', null, '2026-01-01T10:00:00.000Z'));
    repo.markDone('fu-1', 'jordi', '2026-01-03T10:00:00.000Z');
    repo.markDone('fu-1', 'marta', '2026-01-04T10:00:00.000Z');
    expect(repo.openFor('c-1')).toEqual([]);
    expect(repo.get('fu-1')).toMatchObject({ doneAt: '2026-01-03T10:00:00.000Z', doneBy: 'jordi' });
  });

  it('is STRICT, belongs to an existing customer, and finds open ones through its index', () => {
    const db = migratedDb();
    expect(() => db.exec(`INSERT INTO follow_ups (id, customer_id, text, created_at, created_by, created_by_name) VALUES ('x', 'c-1', X'00', 'a', 'b', 'c')`)).toThrow(/cannot store BLOB value in TEXT column/);
    db.pragma('foreign_keys = ON');
    expect(() => db.exec(`INSERT INTO follow_ups (id, customer_id, text, created_at, created_by, created_by_name) VALUES ('y', 'nobody', 't', 'a', 'b', 'c')`)).toThrow(/FOREIGN KEY/);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM follow_ups WHERE customer_id = ? AND done_at IS NULL ORDER BY due_at IS NULL, due_at, created_at, rowid`).all('c-1') as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/USING INDEX follow_ups_open_by_customer/);
  });
});
