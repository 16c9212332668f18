/**
 * The voice router's Call-ID → item map lives in SQLite (migration 006): after a hub restart,
 * a SIP server asking again about a caller who still waits gets that caller's item back, and a
 * ring that already failed is not rung again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { openDatabase } from '../../../src-hub/storage/database';
import { migrate } from '../../../src-hub/storage/migrate';
import { HUB_MIGRATIONS } from '../../../src-hub/storage/migrations';
import { startTestHub, type TestHub } from './support/test-hub';

const SECRET = 'centralita-lab-voice-routing';

describe('voice calls across a hub restart', () => {
  const dirs: string[] = [];
  const hubs: TestHub[] = [];
  afterEach(async () => {
    for (const hub of hubs.splice(0)) await hub.stop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const start = async (dataDir: string): Promise<TestHub> => {
    const hub = await startTestHub({ dataDir, seedDemoData: true, config: { ...demoHubConfig(), disconnectGraceSeconds: 0 } });
    hubs.push(hub);
    return hub;
  };
  const route = async (hub: TestHub, callId: string, extra: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> => {
    const query = new URLSearchParams({ callId, from: '+34600100200', to: '5000', ...extra });
    const res = await fetch(`${hub.url}/api/voice/route?${query.toString()}`, { headers: { 'x-centralita-voice-secret': SECRET } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('answers a waiting caller from the same item after a restart, never a second item or an error', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-voice-calls-'));
    dirs.push(dataDir);
    const first = await start(dataDir);
    const waiting = await route(first, 'restart-call');
    expect(waiting).toMatchObject({ status: 202, body: { action: 'wait' } });
    const itemId = waiting.body.itemId;
    // Ana rings, her phone does not answer (the failure route reports it), then the hub restarts.
    first.center.setState('ana', 'ready', null);
    const ring = await route(first, 'restart-call');
    expect(ring).toMatchObject({ status: 200, body: { action: 'ring', itemId, agentId: 'ana' } });
    expect(await route(first, 'restart-call', { failedOffer: String(ring.body.offerId), failedStatus: '408' })).toMatchObject({ status: 202, body: { itemId } });
    await first.stop();
    hubs.splice(0);

    const second = await start(dataDir);
    const again = await route(second, 'restart-call');
    expect(again.body.itemId).toBe(itemId);
    expect([200, 202]).toContain(again.status);
    if (again.status === 200) expect(again.body.offerId).not.toBe(ring.body.offerId);
    const answered = await fetch(`${second.url}/api/voice/abandoned`, { method: 'POST', headers: { 'x-centralita-voice-secret': SECRET, 'content-type': 'application/x-www-form-urlencoded' }, body: 'callId=restart-call' });
    expect(await answered.json()).toEqual({ itemId, state: 'abandoned' });
  });

  it('keeps voice calls in a STRICT table whose lookups use an index (migration 006)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'centralita-voice-calls-'));
    dirs.push(dir);
    const db = openDatabase(path.join(dir, 'hub.db'));
    try {
      expect(migrate(db, HUB_MIGRATIONS).ok).toBe(true);
      const ddl = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'voice_calls'").get();
      expect(ddl?.sql).toMatch(/STRICT$/);
      const plan = (q: string): string => db.prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${q}`).all().map((r) => r.detail).join(' | ');
      expect(plan("SELECT * FROM voice_calls WHERE call_id = 'c'")).toMatch(/USING (INDEX|PRIMARY KEY)/);
      expect(plan("SELECT * FROM voice_calls WHERE item_id = 'i'")).toMatch(/USING INDEX/);
      expect(plan('SELECT item_id FROM voice_calls WHERE first_seen_at < 5')).toMatch(/voice_calls_first_seen/);
    } finally {
      db.close();
    }
  });
});
