/**
 * The desktop writes its session (stream position + state) when the state changed, not on every
 * hub event: 30 colleague notes on customers (events that change nothing this desktop keeps)
 * cost at most one write, while an offer that does change the state is saved with its seq at
 * once, so exactly-once apply after a restart still holds. Counted on the real cache file.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DesktopClient } from './helpers/desktop-client';
import { createWorkItem, loginToken, PASSWORD, startTestHub } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

describe('session saves', () => {
  it('skips events that change nothing, and saves a change with its seq at once', async () => {
    const hub = await startTestHub(temp.make('centralita-hub-'));
    cleanups.push(() => hub.stop());
    const anaDir = temp.make('centralita-ana-');
    const ana = await DesktopClient.start(anaDir, { defaultHubUrl: hub.url });
    cleanups.push(() => ana.close());
    await ana.must('session.login', { username: 'ana', password: PASSWORD });
    const jordi = await DesktopClient.start(temp.make('centralita-jordi-'), { defaultHubUrl: hub.url });
    cleanups.push(() => jordi.close());
    await jordi.must('session.login', { username: 'jordi', password: PASSWORD });

    // Count every write of Ana's session row from now on (a trigger in her real cache file).
    const db = new Database(path.join(anaDir, 'cache.db'));
    cleanups.push(async () => void db.close());
    db.exec(`CREATE TABLE save_count (n INTEGER NOT NULL) STRICT; INSERT INTO save_count VALUES (0);
      CREATE TRIGGER count_inserts AFTER INSERT ON session_state BEGIN UPDATE save_count SET n = n + 1; END;
      CREATE TRIGGER count_updates AFTER UPDATE ON session_state BEGIN UPDATE save_count SET n = n + 1; END;`);
    const saves = (): number => (db.prepare('SELECT n FROM save_count').get() as { n: number }).n;

    const seqBefore = ana.applied.length;
    for (let i = 0; i < 30; i += 1) await jordi.must('customer.addNote', { customerId: 'cust-maria', channel: 'chat', text: `nota ${i}` });
    await ana.waitFor('30 customer-changed events applied', (c) => c.applied.length >= seqBefore + 30);
    expect(saves()).toBeLessThanOrEqual(1);

    await ana.must('agent.setState', { state: 'ready', reasonCode: null });
    await createWorkItem(hub.url, await loginToken(hub.url, 'admin'), { channel: 'email', queueId: 'correo', from: 'maria.garcia@example.es', subject: 'Copia', preview: 'Copia de factura' });
    await ana.waitFor('the offer', (c) => (c.view?.offers.length ?? 0) > 0);
    const lastSeq = ana.applied.at(-1)?.seq;
    await ana.waitFor('the offer saved with its seq', () => {
      const row = db.prepare('SELECT last_seq FROM session_state').get() as { last_seq: number } | undefined;
      return row !== undefined && row.last_seq >= (lastSeq ?? Infinity);
    });
  });
});
