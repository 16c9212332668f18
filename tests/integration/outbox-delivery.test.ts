/**
 * The outbox keeps every action until the hub accepts it or refuses it for good: a link that
 * fails fifty times in a row loses nothing and doubles nothing, and a refused action stays in
 * the view as "not sent", with its words, until the agent retries or discards it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { anaBehindProxy } from './helpers/desktop-behind-proxy';
import { DesktopClient } from './helpers/desktop-client';
import { PASSWORD, startTestHub } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';
import { itemInWrapUp, offeredEmail } from './helpers/work-steps';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

/** How many timeline rows on the hub's own SQLite file carry `text`. */
function hubRowsWith(hubDir: string, text: string): number {
  const db = new Database(path.join(hubDir, 'hub.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM timeline_entries WHERE instr(detail, ?) > 0").get(text)?.n ?? 0;
  } finally {
    db.close();
  }
}

describe('outbox: nothing given up, nothing doubled', () => {
  it('delivers every entry exactly once after the link failed 50 times in a row', async () => {
    const hubDir = temp.make('centralita-hub-');
    const hub = await startTestHub(hubDir);
    cleanups.push(() => hub.stop());
    const { proxy, ana } = await anaBehindProxy(hub.port, temp, cleanups);
    await ana.must('agent.setState', { state: 'ready', reasonCode: null });
    const itemId = await itemInWrapUp(hub, ana, 'Enlace inestable');

    proxy.setDown(true);
    await ana.waitFor('offline', (c) => c.view?.status === 'reconnecting');
    const wrapNote = `cierre-${randomUUID()}`;
    await ana.must('item.wrapUp', { itemId, disposition: 'resolved', notes: wrapNote });
    const notes = Array.from({ length: 5 }, (_, i) => `nota-${i}-${randomUUID()}`);
    for (const text of notes) await ana.must('customer.addNote', { customerId: 'cust-maria', channel: 'email', text });
    expect(ana.view?.outboxPending).toBe(6);

    proxy.failRequests(50);
    proxy.setDown(false);
    await ana.waitFor('delivered', (c) => c.view?.status === 'online' && c.view.outboxPending === 0, 90_000);
    expect(proxy.swallowed).toBe(50);
    expect(ana.view?.outboxRefused).toEqual([]);
    expect(hubRowsWith(hubDir, wrapNote)).toBe(1);
    for (const text of notes) expect(hubRowsWith(hubDir, text)).toBe(1);
  }, 120_000);

  it('keeps a refused action as "not sent" with its reason and words; retry sends it again, discard lets it go', async () => {
    const hubDir = temp.make('centralita-hub-');
    const hub = await startTestHub(hubDir);
    cleanups.push(() => hub.stop());
    const ana = await DesktopClient.start(temp.make('centralita-ana-'), { defaultHubUrl: hub.url });
    cleanups.push(() => ana.close());
    await ana.must('session.login', { username: 'ana', password: PASSWORD });
    await ana.must('agent.setState', { state: 'ready', reasonCode: null });

    // Wrapped up before the offer was accepted: the hub refuses it ("accept the offer first").
    const { itemId, offerId } = await offeredEmail(hub, ana, 'Cierre rechazado');
    const notes = `notas-${randomUUID()}`;
    const refused = await ana.invoke('item.wrapUp', { itemId, disposition: 'sale', notes });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const shown = await ana.waitFor('refused in view', (c) => c.view?.outboxRefused.find((r) => r.text === notes));
    expect(shown).toMatchObject({ op: 'wrapUp', detail: 'sale', reason: { code: 'conflict' } });
    expect(ana.view?.outboxPending).toBe(0);

    // After accepting, a retry (a fresh key: the old one's refusal is remembered) is accepted.
    await ana.must('offer.accept', { offerId });
    await ana.waitFor('accepted', (c) => c.view?.items.some((i) => i.id === itemId));
    await ana.must('outbox.retry', { key: shown.key });
    await ana.waitFor('retried and delivered', (c) => c.view?.outboxRefused.length === 0 && c.view.outboxPending === 0 && !c.view.items.some((i) => i.id === itemId));
    expect(hubRowsWith(hubDir, notes)).toBe(1);

    // A note on a customer the hub does not know: refused, kept, then discarded by the agent.
    const text = `nota-${randomUUID()}`;
    expect(await ana.invoke('customer.addNote', { customerId: 'cust-nadie', channel: 'voice', text })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const note = await ana.waitFor('note refused', (c) => c.view?.outboxRefused.find((r) => r.text === text));
    expect(note.op).toBe('addCustomerNote');
    expect(await ana.invoke('outbox.discard', { key: 'no-such-key' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await ana.must('outbox.discard', { key: note.key });
    await ana.waitFor('discarded', (c) => c.view?.outboxRefused.length === 0);
    expect(hubRowsWith(hubDir, text)).toBe(0);
  });
});
