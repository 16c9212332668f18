import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerContext } from '../../src-common/domain';
import { anaBehindProxy } from './helpers/desktop-behind-proxy';
import { DesktopClient } from './helpers/desktop-client';
import { PASSWORD, startTestHub, type RunningHub } from './helpers/hub-fixture';
import { itemInWrapUp } from './helpers/work-steps';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

/** María's timeline straight from the hub, through a fresh desktop's context refresh. */
async function timelineEntriesWith(client: DesktopClient, note: string): Promise<CustomerContext['timeline']> {
  const before = client.customers.length;
  await client.must('customer.context', { customerId: 'cust-maria' });
  const fresh = await client.waitFor('fresh context', (c) => c.customers.length > before && c.customers.at(-1));
  return fresh.timeline.filter((e) => e.detail.includes(note));
}

describe('outbox: a wrap-up taken offline is delivered exactly once', () => {
  it('queues while the hub is down and delivers once when it is back, also across a desktop restart', async () => {
    const hubDir = temp.make('centralita-hub-');
    let hub: RunningHub | null = await startTestHub(hubDir);
    const port = hub.port;
    cleanups.push(async () => hub?.stop());
    const dataDir = temp.make('centralita-ana-');
    let ana = await DesktopClient.start(dataDir, { defaultHubUrl: hub.url });
    await ana.must('session.login', { username: 'ana', password: PASSWORD });
    await ana.must('agent.setState', { state: 'ready', reasonCode: null });

    // 1) Same desktop, hub down and back.
    const first = await itemInWrapUp(hub, ana, 'Outbox uno');
    await hub.stop();
    hub = null;
    await ana.waitFor('reconnecting', (c) => c.view?.status === 'reconnecting');
    const noteOne = `nota-${randomUUID()}`;
    expect(await ana.invoke('item.wrapUp', { itemId: first, disposition: 'callback', notes: noteOne })).toEqual({ ok: true, value: null });
    expect(ana.view?.outboxPending).toBe(1);
    hub = await startTestHub(hubDir, port);
    await ana.waitFor('delivered', (c) => c.view?.status === 'online' && c.view.outboxPending === 0 && !c.view.items.some((i) => i.id === first));
    const one = await timelineEntriesWith(ana, noteOne);
    expect(one.map((e) => [e.id, e.disposition])).toEqual([[`tl-${first}`, 'callback']]);

    // 2) Hub down, wrap-up queued, desktop closed and started again, then hub back.
    const second = await itemInWrapUp(hub, ana, 'Outbox dos');
    await hub.stop();
    hub = null;
    await ana.waitFor('reconnecting', (c) => c.view?.status === 'reconnecting');
    const noteTwo = `nota-${randomUUID()}`;
    await ana.must('item.wrapUp', { itemId: second, disposition: 'escalated', notes: noteTwo });
    expect(ana.view?.outboxPending).toBe(1);
    await ana.close();

    hub = await startTestHub(hubDir, port);
    ana = await DesktopClient.start(dataDir, { defaultHubUrl: hub.url });
    const restarted = ana;
    cleanups.push(() => restarted.close());
    await ana.must('session.login', { username: 'ana', password: PASSWORD });
    await ana.waitFor('delivered after restart', (c) => c.view?.outboxPending === 0 && !c.view.items.some((i) => i.id === second));
    const two = await timelineEntriesWith(ana, noteTwo);
    expect(two.map((e) => [e.id, e.disposition])).toEqual([[`tl-${second}`, 'escalated']]);
    expect(await timelineEntriesWith(ana, noteOne)).toHaveLength(1);
  });

  it('replays with the same idempotency key when the answer was lost, so the hub acts once and accepts the replay', async () => {
    const hub = await startTestHub(temp.make('centralita-hub-'));
    cleanups.push(() => hub.stop());
    const { proxy, ana } = await anaBehindProxy(hub.port, temp, cleanups);
    await ana.must('agent.setState', { state: 'ready', reasonCode: null });
    const itemId = await itemInWrapUp(hub, ana, 'Respuesta perdida');

    const note = `nota-${randomUUID()}`;
    proxy.loseNextAnswer();
    expect(await ana.invoke('item.wrapUp', { itemId, disposition: 'sale', notes: note })).toEqual({ ok: true, value: null });
    await ana.waitFor('replayed and acknowledged', (c) => c.view?.status === 'online' && c.view.outboxPending === 0);
    expect(proxy.cuts).toBe(1);
    // A replay without the key would have been refused ("already wrapped up") and reported.
    expect(ana.view?.lastError).toBeNull();
    const entries = await timelineEntriesWith(ana, note);
    expect(entries.map((e) => [e.id, e.disposition])).toEqual([[`tl-${itemId}`, 'sale']]);
  });

  it('does not queue accept or presence changes while offline: they fail fast', async () => {
    const hubDir = temp.make('centralita-hub-');
    let hub: RunningHub | null = await startTestHub(hubDir);
    cleanups.push(async () => hub?.stop());
    const ana = await DesktopClient.start(temp.make('centralita-ana-'), { defaultHubUrl: hub.url });
    cleanups.push(() => ana.close());
    await ana.must('session.login', { username: 'ana', password: PASSWORD });
    await hub.stop();
    hub = null;
    await ana.waitFor('reconnecting', (c) => c.view?.status === 'reconnecting');
    expect(await ana.invoke('agent.setState', { state: 'ready', reasonCode: null })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await ana.invoke('offer.accept', { offerId: 'offer-x' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(ana.view?.outboxPending).toBe(0);
  });
});
