import { afterEach, describe, expect, it } from 'vitest';
import { DesktopClient } from './helpers/desktop-client';
import { createWorkItem, loginToken, PASSWORD, startTestHub, type RunningHub } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

describe('hub restart on the same data folder', () => {
  it('keeps queued items, and the connected desktop reconnects by itself and is offered them', async () => {
    const hubDir = temp.make('centralita-hub-');
    let hub: RunningHub | null = await startTestHub(hubDir);
    const port = hub.port;
    cleanups.push(async () => hub?.stop());
    const ana = await DesktopClient.start(temp.make('centralita-ana-'), { defaultHubUrl: hub.url });
    cleanups.push(() => ana.close());
    await ana.must('session.login', { username: 'ana', password: PASSWORD });
    await ana.must('agent.setState', { state: 'not-ready', reasonCode: 'break' });

    const admin = await loginToken(hub.url, 'admin');
    const queued = [
      await createWorkItem(hub.url, admin, { channel: 'chat', queueId: 'ventas', from: 'chat-restart-a', subject: 'Primera' }),
      await createWorkItem(hub.url, admin, { channel: 'email', queueId: 'correo', from: 'maria.garcia@example.es', subject: 'Segunda' }),
    ];
    expect(queued.map((i) => i.state)).toEqual(['queued', 'queued']);

    await hub.stop();
    hub = null;
    await ana.waitFor('reconnecting', (c) => c.view?.status === 'reconnecting');
    hub = await startTestHub(hubDir, port);
    await ana.waitFor('back online', (c) => c.view?.status === 'online');

    await ana.must('agent.setState', { state: 'ready', reasonCode: null });
    // The hub may offer one item at a time: accept each offer until both were offered.
    const offeredIds: string[] = [];
    while (offeredIds.length < queued.length) {
      const offer = await ana.waitFor('next queued item offered', (c) =>
        c.view?.offers.find((o) => queued.some((q) => q.id === o.item.id) && !offeredIds.includes(o.item.id)),
      );
      offeredIds.push(offer.item.id);
      await ana.must('offer.accept', { offerId: offer.offerId });
    }
    expect(offeredIds.sort()).toEqual(queued.map((q) => q.id).sort());
  });
});
