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

async function desktop(hub: RunningHub, username: string): Promise<DesktopClient> {
  const client = await DesktopClient.start(temp.make(`centralita-${username}-`), { defaultHubUrl: hub.url });
  cleanups.push(() => client.close());
  await client.must('session.login', { username, password: PASSWORD });
  return client;
}

describe('two agents on a real hub', () => {
  it('offers an item to exactly one agent, who accepts, ends, wraps up, and sees it in the timeline', async () => {
    const hub = await startTestHub(temp.make('centralita-hub-'));
    cleanups.push(() => hub.stop());
    const ana = await desktop(hub, 'ana');
    const jordi = await desktop(hub, 'jordi');
    expect(ana.view?.status).toBe('online');
    expect(ana.view?.user?.displayName).toBe('Ana Martín');
    await ana.must('agent.setState', { state: 'ready', reasonCode: null });
    await jordi.must('agent.setState', { state: 'ready', reasonCode: null });
    await ana.waitFor('ana ready', (c) => c.view?.presence?.state === 'ready');
    await jordi.waitFor('jordi ready', (c) => c.view?.presence?.state === 'ready');

    const admin = await loginToken(hub.url, 'admin');
    const created = await createWorkItem(hub.url, admin, {
      channel: 'email',
      queueId: 'correo',
      from: 'maria.garcia@example.es',
      subject: 'Factura duplicada',
      preview: 'Me han cobrado dos veces.',
    });
    expect(created.customerId).toBe('cust-maria');

    const offered = await Promise.race([
      ana.waitFor('offer to ana', (c) => c.view?.offers.find((o) => o.item.id === created.id) && c),
      jordi.waitFor('offer to jordi', (c) => c.view?.offers.find((o) => o.item.id === created.id) && c),
    ]);
    const other = offered === ana ? jordi : ana;
    const offer = offered.view?.offers.find((o) => o.item.id === created.id);
    if (!offer) throw new Error('offer vanished');
    // Screen pop path: the offer prefetched María into the cache.
    const popped = await offered.waitFor('customer prefetched', (c) => c.customers.find((x) => x.customer.id === 'cust-maria'));
    expect(popped.customer.name).toBe('María García López');
    const cached = await offered.must('customer.context', { customerId: 'cust-maria' });
    expect(cached.source).toBe('cache');
    expect(cached.context?.customer.name).toBe('María García López');

    await offered.must('offer.accept', { offerId: offer.offerId });
    await offered.waitFor('busy', (c) => c.view?.presence?.state === 'busy' && c.view.items.some((i) => i.id === created.id && i.state === 'accepted'));
    expect(offered.view?.offers.some((o) => o.item.id === created.id)).toBe(false);
    expect(other.view?.offers.some((o) => o.item.id === created.id)).toBe(false);
    expect(other.view?.items.some((i) => i.id === created.id)).toBe(false);

    await offered.must('item.end', { itemId: created.id });
    await offered.waitFor('wrap-up', (c) => c.view?.presence?.state === 'after-call-work' && c.view.items.some((i) => i.id === created.id && i.state === 'wrap-up'));
    await offered.must('item.wrapUp', { itemId: created.id, disposition: 'resolved', notes: 'Abono de la factura duplicada.' });
    await offered.waitFor('ready again', (c) => c.view?.presence?.state === 'ready' && c.view.items.length === 0 && c.view.outboxPending === 0);

    const before = offered.customers.length;
    await offered.must('customer.context', { customerId: 'cust-maria' });
    const fresh = await offered.waitFor('fresh context', (c) => c.customers.length > before && c.customers.at(-1));
    const entry = fresh.timeline.find((e) => e.id === `tl-${created.id}`);
    expect(entry?.disposition).toBe('resolved');
    expect(entry?.detail).toContain('Abono de la factura duplicada.');
    const cachedAfter = await offered.must('customer.context', { customerId: 'cust-maria' });
    expect(cachedAfter.context?.timeline.some((e) => e.id === `tl-${created.id}`)).toBe(true);
  });

  it('refuses presence changes while offline with a clear unavailable error', async () => {
    const client = await DesktopClient.start(temp.make());
    cleanups.push(() => client.close());
    const result = await client.invoke('agent.setState', { state: 'ready', reasonCode: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const login = await client.invoke('session.login', { hubUrl: 'http://127.0.0.1:1', username: 'ana', password: PASSWORD });
    expect(login).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(client.view?.status).toBe('signed-out');
  });

  it('reports a wrong password as unauthenticated and stays signed out', async () => {
    const hub = await startTestHub(temp.make('centralita-hub-'));
    cleanups.push(() => hub.stop());
    const client = await DesktopClient.start(temp.make(), { defaultHubUrl: hub.url });
    cleanups.push(() => client.close());
    const result = await client.invoke('session.login', { username: 'ana', password: 'wrong-password' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(client.view?.status).toBe('signed-out');
  });
});
