/**
 * Follow-ups on a customer, end to end on a real hub (SQLite file, sockets) and real desktop
 * services (cache worker, outbox): what one agent adds, another sees; done ones disappear;
 * made offline, they reach the hub once, in order; a lost answer does not double them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerContext, FollowUp } from '../../src-common/domain';
import { anaBehindProxy } from './helpers/desktop-behind-proxy';
import { DesktopClient } from './helpers/desktop-client';
import { createWorkItem, loginToken, PASSWORD, startTestHub, type RunningHub } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

async function signedIn(hubUrl: string, username: string): Promise<DesktopClient> {
  const client = await DesktopClient.start(temp.make(`centralita-${username}-`), { defaultHubUrl: hubUrl });
  cleanups.push(() => client.close());
  await client.must('session.login', { username, password: PASSWORD });
  return client;
}

/** The newest context of María the desktop was pushed that satisfies `predicate`. */
function mariaWhere(client: DesktopClient, what: string, predicate: (context: CustomerContext) => boolean): Promise<CustomerContext> {
  return client.waitFor(what, (c) => [...c.customers].reverse().find((ctx) => ctx.customer.id === 'cust-maria' && predicate(ctx)));
}
const texts = (context: CustomerContext): string[] => (context.followUps ?? []).map((f) => f.text);

describe('follow-ups on a customer', () => {
  it('one agent adds them, another sees them oldest due first, and done ones leave every panel (also after a hub restart)', async () => {
    const hubDir = temp.make('centralita-hub-');
    let hub: RunningHub | null = await startTestHub(hubDir);
    const port = hub.port;
    cleanups.push(async () => hub?.stop());
    const ana = await signedIn(hub.url, 'ana');
    const jordi = await signedIn(hub.url, 'jordi');
    await jordi.must('customer.context', { customerId: 'cust-maria' });
    await mariaWhere(jordi, 'jordi has María', () => true);

    await ana.must('customer.addFollowUp', { customerId: 'cust-maria', text: 'Enviar presupuesto', dueAt: null });
    await ana.must('customer.addFollowUp', { customerId: 'cust-maria', text: 'Llamar el lunes', dueAt: '2030-03-04T09:00:00+01:00' });
    await ana.must('customer.addFollowUp', { customerId: 'cust-maria', text: 'Confirmar envío', dueAt: '2030-03-01T10:00:00.000Z' });
    // Jordi did nothing: the hub's customer-changed event refreshed his panel and cache.
    const seen = await mariaWhere(jordi, 'three follow-ups at jordi', (ctx) => texts(ctx).length === 3);
    expect(texts(seen)).toEqual(['Confirmar envío', 'Llamar el lunes', 'Enviar presupuesto']);
    const monday = seen.followUps?.find((f) => f.text === 'Llamar el lunes') as FollowUp;
    expect(monday).toMatchObject({ dueAt: '2030-03-04T08:00:00.000Z', createdByName: 'Ana Martín', doneAt: null });

    await jordi.must('customer.completeFollowUp', { followUpId: monday.id });
    const afterDone = await mariaWhere(ana, 'done one gone at ana', (ctx) => texts(ctx).length === 2 && !texts(ctx).includes('Llamar el lunes'));
    expect(texts(afterDone)).toEqual(['Confirmar envío', 'Enviar presupuesto']);
    // Done twice (another agent, an old screen) is not an error and changes nothing.
    await ana.must('customer.completeFollowUp', { followUpId: monday.id });
    expect(await ana.invoke('customer.completeFollowUp', { followUpId: 'fu-nope' })).toMatchObject({ ok: false });
    expect(await ana.invoke('customer.addFollowUp', { customerId: 'cust-nobody', text: 'x', dueAt: null })).toMatchObject({ ok: false });

    await hub.stop();
    hub = await startTestHub(hubDir, port);
    const later = await signedIn(hub.url, 'marta');
    await later.must('customer.context', { customerId: 'cust-maria' });
    const restarted = await mariaWhere(later, 'marta sees the hub copy', (ctx) => ctx.followUps !== undefined && texts(ctx).length > 0);
    expect(texts(restarted)).toEqual(['Confirmar envío', 'Enviar presupuesto']);
  });

  it('keeps them readable offline, queues add and done made offline, and sends them once, in order, on reconnect', async () => {
    const hubDir = temp.make('centralita-hub-');
    let hub: RunningHub | null = await startTestHub(hubDir);
    const port = hub.port;
    cleanups.push(async () => hub?.stop());
    const ana = await signedIn(hub.url, 'ana');
    await ana.must('customer.addFollowUp', { customerId: 'cust-maria', text: 'Revisar factura', dueAt: '2020-01-01T09:00:00.000Z' });
    const before = await mariaWhere(ana, 'first follow-up cached', (ctx) => texts(ctx).includes('Revisar factura'));
    const invoice = before.followUps?.find((f) => f.text === 'Revisar factura') as FollowUp;

    await hub.stop();
    hub = null;
    await ana.waitFor('reconnecting', (c) => c.view?.status === 'reconnecting');
    const offline = await ana.must('customer.context', { customerId: 'cust-maria' });
    expect(offline.source).toBe('cache');
    expect(offline.context?.followUps?.map((f) => f.text)).toEqual(['Revisar factura']);

    expect(await ana.invoke('customer.addFollowUp', { customerId: 'cust-maria', text: 'Devolver llamada', dueAt: null })).toEqual({ ok: true, value: null });
    expect(await ana.invoke('customer.completeFollowUp', { followUpId: invoice.id })).toEqual({ ok: true, value: null });
    expect(await ana.invoke('customer.addFollowUp', { customerId: 'cust-maria', text: 'Mandar catálogo', dueAt: null })).toEqual({ ok: true, value: null });
    expect(ana.view?.outboxPending).toBe(3);

    hub = await startTestHub(hubDir, port);
    await ana.waitFor('delivered', (c) => c.view?.status === 'online' && c.view.outboxPending === 0);
    expect(ana.view?.lastError).toBeNull();
    const jordi = await signedIn(hub.url, 'jordi');
    await jordi.must('customer.context', { customerId: 'cust-maria' });
    const fresh = await mariaWhere(jordi, 'jordi sees the replayed ones', (ctx) => ctx.followUps !== undefined && texts(ctx).length >= 2);
    // Once each, in the order written (same due = undated, so oldest created first); the done one gone.
    expect(texts(fresh)).toEqual(['Devolver llamada', 'Mandar catálogo']);
  });

  it('a follow-up and a transfer whose answers were lost are replayed with their key and act once', async () => {
    const hub = await startTestHub(temp.make('centralita-hub-'));
    cleanups.push(() => hub.stop());
    const { proxy, ana } = await anaBehindProxy(hub.port, temp, cleanups);

    proxy.loseNextAnswer();
    expect(await ana.invoke('customer.addFollowUp', { customerId: 'cust-maria', text: 'Una sola vez', dueAt: null })).toEqual({ ok: true, value: null });
    await ana.waitFor('follow-up replayed', (c) => c.view?.status === 'online' && c.view.outboxPending === 0);
    expect(proxy.cuts).toBe(1);
    await ana.must('customer.context', { customerId: 'cust-maria' });
    const context = await mariaWhere(ana, 'the follow-up', (ctx) => texts(ctx).includes('Una sola vez'));
    expect(texts(context).filter((t) => t === 'Una sola vez')).toHaveLength(1);

    // Transfer: Ana holds an email, Jordi is ready; the hub acts, the answer is lost, the replay
    // carries the same key and gets the first answer instead of "Only work in progress…".
    await ana.must('agent.setState', { state: 'ready', reasonCode: null });
    const admin = await loginToken(hub.url, 'admin');
    const item = await createWorkItem(hub.url, admin, { channel: 'email', queueId: 'correo', from: 'maria.garcia@example.es', subject: 'Traspaso' });
    const offer = await ana.waitFor('offer', (c) => c.view?.offers.find((o) => o.item.id === item.id));
    await ana.must('offer.accept', { offerId: offer.offerId });
    await ana.waitFor('accepted', (c) => c.view?.items.some((i) => i.id === item.id));
    const jordi = await signedIn(hub.url, 'jordi');
    await jordi.must('agent.setState', { state: 'ready', reasonCode: null });

    proxy.loseNextAnswer();
    expect(await ana.invoke('item.transfer', { itemId: item.id, target: { kind: 'agent', agentId: 'jordi' }, note: 'Para ti' })).toEqual({ ok: true, value: null });
    await ana.waitFor('transfer replayed', (c) => c.view?.status === 'online' && c.view.outboxPending === 0 && !c.view.items.some((i) => i.id === item.id));
    expect(proxy.cuts).toBe(2);
    expect(ana.view?.lastError).toBeNull();
    const offered = await jordi.waitFor('jordi offered', (c) => c.view?.offers.find((o) => o.item.id === item.id));
    expect(offered.item.transfer).toMatchObject({ fromAgentId: 'ana', note: 'Para ti' });
    expect(jordi.view?.offers.filter((o) => o.item.id === item.id)).toHaveLength(1);
  });

  it('refuses a transfer while the hub is unreachable instead of queuing it', async () => {
    const hubDir = temp.make('centralita-hub-');
    let hub: RunningHub | null = await startTestHub(hubDir);
    cleanups.push(async () => hub?.stop());
    const ana = await signedIn(hub.url, 'ana');
    await hub.stop();
    hub = null;
    await ana.waitFor('reconnecting', (c) => c.view?.status === 'reconnecting');
    expect(await ana.invoke('item.transfer', { itemId: 'item-x', target: { kind: 'queue', queueId: 'correo' }, note: '' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(ana.view?.outboxPending).toBe(0);
  });
});
