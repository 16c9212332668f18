/**
 * An agent whose desktop is gone stops getting offers: after the grace period with no desktop
 * connected the hub sets them Offline (a real hub, real sockets, a hand-driven clock).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { login, TestSocket } from './support/hub-client';
import { ManualClock } from './support/manual-clock';
import { startTestHub, submitWork, type TestHub } from './support/test-hub';

const GRACE_MS = 45_000;

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('agents without a connected desktop', () => {
  let clock: ManualClock;
  let hub: TestHub;
  let adminToken: string;
  const sockets: TestSocket[] = [];

  const connect = async (username: string): Promise<TestSocket> => {
    const socket = await TestSocket.open(hub.url);
    sockets.push(socket);
    await socket.hello((await login(hub.url, username)).token);
    return socket;
  };
  const goReady = async (socket: TestSocket): Promise<void> => {
    const result = await socket.request('setState', { state: 'ready', reasonCode: null });
    expect(result.ok).toBe(true);
  };
  const stateOf = (agentId: string): string | undefined => hub.center.snapshot(agentId)?.presence.state;
  const disconnect = async (socket: TestSocket, agentId: string, expectedState: string): Promise<void> => {
    socket.close();
    await until(() => socket.closed !== null, 'socket closed');
    // The hub handles the close asynchronously; give it a moment, then the clock decides.
    await new Promise((r) => setTimeout(r, 50));
    expect(stateOf(agentId)).toBe(expectedState);
  };

  beforeEach(async () => {
    clock = new ManualClock();
    hub = await startTestHub({ seedDemoData: true, clock, config: { ...demoHubConfig(), disconnectGraceSeconds: GRACE_MS / 1000 } });
    adminToken = (await login(hub.url, 'admin')).token;
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await hub.cleanup();
  });

  it('sets a Ready agent Offline when no desktop is back within the grace, and their offer goes to the next agent', async () => {
    const ana = await connect('ana');
    await goReady(ana);
    clock.advance(1000);
    const jordi = await connect('jordi');
    await goReady(jordi);
    const created = await submitWork(hub.url, adminToken, { channel: 'chat', queueId: 'ventas', from: 'maria.garcia@example.es', subject: 'Hola' });
    expect(created.status).toBe(201);
    expect(hub.center.snapshot('ana')?.offers).toHaveLength(1);

    await disconnect(ana, 'ana', 'ready');
    clock.advance(GRACE_MS - 1000);
    expect(stateOf('ana')).toBe('ready');
    clock.advance(1000);
    expect(stateOf('ana')).toBe('offline');
    expect(hub.center.snapshot('ana')?.offers).toEqual([]);
    expect(hub.center.snapshot('jordi')?.offers.map((o) => o.item.subject)).toEqual(['Hola']);
  });

  it('keeps an agent who comes back within the grace (a reload, a network blip)', async () => {
    const ana = await connect('ana');
    await goReady(ana);
    await disconnect(ana, 'ana', 'ready');
    clock.advance(GRACE_MS / 2);
    await connect('ana');
    clock.advance(GRACE_MS);
    expect(stateOf('ana')).toBe('ready');
  });

  it('leaves an agent who holds work in place, and sets them Offline once the work is done', async () => {
    const ana = await connect('ana');
    await goReady(ana);
    await submitWork(hub.url, adminToken, { channel: 'chat', queueId: 'ventas', from: 'maria.garcia@example.es', subject: 'Hola' });
    const offerId = hub.center.snapshot('ana')?.offers[0]?.offerId ?? '';
    const accepted = await ana.request('acceptOffer', { offerId });
    expect(accepted.ok).toBe(true);
    const itemId = accepted.ok ? (accepted.value as { id: string }).id : '';

    await disconnect(ana, 'ana', 'busy');
    clock.advance(GRACE_MS);
    expect(stateOf('ana')).toBe('busy');
    expect(hub.center.endWork('ana', itemId).ok).toBe(true);
    expect(hub.center.wrapUp('ana', itemId, 'resolved', '').ok).toBe(true);
    expect(stateOf('ana')).toBe('ready');
    clock.advance(GRACE_MS);
    expect(stateOf('ana')).toBe('offline');
  });

  it('gives agents who were working before a hub restart one grace period to reconnect', async () => {
    const ana = await connect('ana');
    await goReady(ana);
    ana.close();
    await hub.stop();
    hub = await startTestHub({ dataDir: hub.dataDir, clock, config: { ...demoHubConfig(), disconnectGraceSeconds: GRACE_MS / 1000 } });
    expect(stateOf('ana')).toBe('ready');
    clock.advance(GRACE_MS);
    expect(stateOf('ana')).toBe('offline');
  });
});
