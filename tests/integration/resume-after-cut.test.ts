import { afterEach, describe, expect, it } from 'vitest';
import { anaBehindProxy } from './helpers/desktop-behind-proxy';
import { DesktopClient } from './helpers/desktop-client';
import { createWorkItem, loginToken, PASSWORD, referenceStream, startTestHub } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries an action that failed only because the link was down at that moment. An answer
 * lost in a cut may hide a success, so the view (`done`) is the judge, as for a user.
 */
async function whenOnline(client: DesktopClient, action: () => Promise<{ ok: boolean }>, done: (c: DesktopClient) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    await client.waitFor('online', (c) => c.view?.status === 'online');
    if (done(client) || (await action()).ok) return;
    await sleep(30);
  }
  throw new Error('action never succeeded');
}

describe('resume after the network is cut mid-stream', () => {
  it('applies every event exactly once, in order, and converges with the hub', async () => {
    const hub = await startTestHub(temp.make('centralita-hub-'));
    cleanups.push(() => hub.stop());
    const { proxy, ana } = await anaBehindProxy(hub.port, temp, cleanups);
    await ana.must('agent.setState', { state: 'ready', reasonCode: null });
    const admin = await loginToken(hub.url, 'admin');

    // Cut the link every ~120 ms while items flow; items keep arriving while the link is down.
    let working = true;
    const chaos = (async () => {
      while (working) {
        await sleep(120);
        proxy.setDown(true);
        await sleep(60);
        proxy.setDown(false);
      }
    })();

    const itemIds: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      // Every other item arrives while the link is down: its offer must come by resume.
      if (i % 2 === 0) proxy.setDown(true);
      const item = await createWorkItem(hub.url, admin, { channel: 'chat', queueId: 'ventas', from: `chat-resume-${i}`, subject: `Consulta ${i}` });
      itemIds.push(item.id);
      if (i % 2 === 0) {
        await sleep(80);
        proxy.setDown(false);
      }
      const offer = await ana.waitFor(`offer ${i}`, (c) => c.view?.offers.find((o) => o.item.id === item.id));
      const stateOf = (c: DesktopClient) => c.view?.items.find((x) => x.id === item.id)?.state;
      await whenOnline(ana, () => ana.invoke('offer.accept', { offerId: offer.offerId }), (c) => stateOf(c) !== undefined);
      await ana.waitFor(`accepted ${i}`, (c) => stateOf(c) !== undefined);
      await whenOnline(ana, () => ana.invoke('item.end', { itemId: item.id }), (c) => stateOf(c) === 'wrap-up');
      await ana.waitFor(`wrap-up ${i}`, (c) => stateOf(c) === 'wrap-up');
      await whenOnline(ana, () => ana.invoke('item.wrapUp', { itemId: item.id, disposition: 'resolved', notes: `nota ${i}` }), () => false);
    }
    working = false;
    await chaos;
    expect(proxy.cuts).toBeGreaterThan(2);
    await ana.waitFor('all work done', (c) => c.view?.status === 'online' && c.view.outboxPending === 0 && c.view.items.length === 0 && c.view.presence?.state === 'ready');

    const applied = ana.applied.map((a) => a.seq);
    for (let i = 1; i < applied.length; i += 1) expect(applied[i]).toBeGreaterThan(applied[i - 1] ?? 0);
    const first = applied[0] ?? 0;
    const last = applied.at(-1) ?? 0;
    const anaToken = await loginToken(hub.url, 'ana');
    const reference = await referenceStream(hub.url, anaToken, first - 1, (events) => events.some((e) => e.seq >= last));
    const expected = reference.events.filter((e) => e.seq <= last).map((e) => e.seq);
    // No gap (every event the hub has for ana was applied) and no duplicate (same list).
    expect(applied).toEqual(expected);
    // Every item went through the whole flow and ended done in ana's stream.
    for (const id of itemIds) {
      expect(ana.applied.some((a) => a.event.kind === 'item' && a.event.item.id === id && a.event.item.state === 'done')).toBe(true);
    }

    const snapshot = await referenceStream(hub.url, anaToken, null, () => true);
    expect(snapshot.welcome.snapshot?.presence.state).toBe(ana.view?.presence?.state);
    expect(snapshot.welcome.snapshot?.offers.map((o) => o.offerId)).toEqual(ana.view?.offers.map((o) => o.offerId));
    expect(snapshot.welcome.snapshot?.items.filter((i) => i.state !== 'done').map((i) => i.id)).toEqual(ana.view?.items.map((i) => i.id));
  });

  it('resumes from the persisted position after a restart of the desktop services', async () => {
    const hub = await startTestHub(temp.make('centralita-hub-'));
    cleanups.push(() => hub.stop());
    const dataDir = temp.make('centralita-ana-');
    const first = await DesktopClient.start(dataDir, { defaultHubUrl: hub.url });
    await first.must('session.login', { username: 'ana', password: PASSWORD });
    await first.must('agent.setState', { state: 'ready', reasonCode: null });
    const admin = await loginToken(hub.url, 'admin');
    await first.waitFor('ready', (c) => c.view?.presence?.state === 'ready');
    const lastBefore = first.applied.at(-1)?.seq ?? 0;
    await first.close();

    // Work arrives while the desktop is closed.
    const item = await createWorkItem(hub.url, admin, { channel: 'chat', queueId: 'ventas', from: 'chat-restart-1', subject: 'Mientras tanto' });
    const second = await DesktopClient.start(dataDir, { defaultHubUrl: hub.url });
    cleanups.push(() => second.close());
    await second.must('session.login', { username: 'ana', password: PASSWORD });
    await second.waitFor('offer after restart', (c) => c.view?.offers.some((o) => o.item.id === item.id));
    // Resumed, not re-snapshotted: it applied the events after its saved position.
    expect(second.applied.length).toBeGreaterThan(0);
    expect(second.applied[0]?.seq).toBeGreaterThan(lastBefore);
    expect(second.view?.presence?.state).toBe('ready');
  });
});
