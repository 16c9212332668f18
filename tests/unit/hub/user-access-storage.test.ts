/**
 * Migration 009 on a real SQLite file: a schema-8 hub database upgrades in place, and an
 * administrator's decision about a user (role, disabled) survives the start-up sync from the
 * configuration file, which rewrites the users table, and a reopen of the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-hub/storage/database';
import { migrate, schemaVersion } from '../../../src-hub/storage/migrate';
import { HUB_MIGRATIONS } from '../../../src-hub/storage/migrations';
import { openSqliteStore } from '../../../src-hub/storage/sqlite/sqlite-store';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('user access storage (migration 009)', () => {
  it("keeps an administrator's decision over the configuration's role across a resync and a restart", () => {
    dir = mkdtempSync(path.join(tmpdir(), 'centralita-m009-'));
    const file = path.join(dir, 'hub.db');
    const old = openDatabase(file);
    expect(migrate(old, HUB_MIGRATIONS.filter((m) => m.version < 9)).ok).toBe(true);
    old.prepare("INSERT INTO users (id, username, display_name, role, updated_at) VALUES ('sara', 'sara', 'Sara', 'supervisor', '2026-03-01T00:00:00.000Z')").run();
    old.close();

    const first = openSqliteStore(file);
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.users.byId('sara')).toEqual({ id: 'sara', username: 'sara', displayName: 'Sara', role: 'supervisor', disabled: false });
    first.value.users.saveAccess({ userId: 'sara', role: 'agent', disabled: true, changedBy: 'admin', changedAt: '2026-03-02T09:00:00.000Z' });
    // What the start-up sync from the configuration file does.
    first.value.users.upsert({ id: 'sara', username: 'sara', displayName: 'Sara Vidal', role: 'supervisor' }, '2026-03-02T10:00:00.000Z');
    first.value.close();

    const second = openSqliteStore(file);
    if (!second.ok) throw new Error(second.error.message);
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(HUB_MIGRATIONS.length);
    db.close();
    expect(second.value.users.byId('sara')).toEqual({ id: 'sara', username: 'sara', displayName: 'Sara Vidal', role: 'agent', disabled: true });
    expect(second.value.users.byUsername('SARA')?.disabled).toBe(true);
    second.value.close();
  });
});
