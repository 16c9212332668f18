/**
 * A hub upgraded from one that stored typing flags as events still resumes desktops: rows of a
 * kind the stream no longer carries are skipped on replay, the rest come back in order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubStore } from '../../../src-hub/storage/repositories';
import { openSqliteStore } from '../../../src-hub/storage/sqlite/sqlite-store';

const dirs: string[] = [];
const stores: HubStore[] = [];
afterEach(() => {
  stores.splice(0).forEach((s) => s.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('the event log after typing became a live update', () => {
  it('replays around an old typing row instead of failing the resume', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'centralita-event-log-'));
    dirs.push(dir);
    const file = path.join(dir, 'hub.db');
    const opened = openSqliteStore(file);
    if (!opened.ok) throw new Error(opened.error.message);
    stores.push(opened.value);
    const events = opened.value.events;
    const at = '2026-03-02T08:00:00.000Z';
    events.append('ana', at, { kind: 'customer-changed', customerId: 'c-1' });
    // What an older hub wrote for "the customer is typing".
    const raw = new Database(file);
    raw.prepare('INSERT INTO events (at, audience, body) VALUES (?, ?, ?)').run(at, 'ana', JSON.stringify({ kind: 'chat-typing', itemId: 'i-1', typing: true }));
    raw.close();
    events.append('ana', at, { kind: 'customer-changed', customerId: 'c-2' });

    const replayed = events.since('ana', 0);
    expect(replayed.map((e) => [e.seq, e.event])).toEqual([
      [1, { kind: 'customer-changed', customerId: 'c-1' }],
      [3, { kind: 'customer-changed', customerId: 'c-2' }],
    ]);
  });
});
