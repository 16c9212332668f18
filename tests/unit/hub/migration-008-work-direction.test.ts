/**
 * Migration 008 on a real SQLite file: a hub database written before outbound calls (schema 7,
 * with a finished inbound call) upgrades in place, keeps that call as inbound, and refuses a
 * direction that is neither inbound nor outbound.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDb } from '../../../src-hub/storage/database';
import { migrate, schemaVersion } from '../../../src-hub/storage/migrate';
import { HUB_MIGRATIONS } from '../../../src-hub/storage/migrations';

let dir: string;
let db: SqliteDb | null = null;
afterEach(() => {
  db?.close();
  db = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 008 (work item direction)', () => {
  it('upgrades a schema-7 database in place: old items read as inbound, only inbound/outbound are accepted', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'centralita-m008-'));
    db = openDatabase(path.join(dir, 'hub.db'));
    const before = HUB_MIGRATIONS.filter((m) => m.version < 8);
    expect(migrate(db, before).ok).toBe(true);
    expect(schemaVersion(db)).toBe(7);
    db.prepare(`INSERT INTO work_items (id, channel, queue_id, priority, subject, from_address, preview, state, created_at)
      VALUES ('wi-old', 'voice', 'soporte-voz', 0, '+34600100200', '+34600100200', '', 'done', '2026-11-01T10:00:00.000Z')`).run();

    expect(migrate(db, HUB_MIGRATIONS).ok).toBe(true);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(8);
    expect(db.prepare("SELECT direction FROM work_items WHERE id = 'wi-old'").get()).toEqual({ direction: 'inbound' });
    expect(() => db?.prepare("UPDATE work_items SET direction = 'sideways' WHERE id = 'wi-old'").run()).toThrow(/CHECK constraint/);
  });
});
