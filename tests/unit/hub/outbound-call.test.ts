/**
 * Outbound calls on a real SQLite file: the desktop op `startOutboundCall` creates a
 * voice item, direction outbound, accepted by the calling agent (busy at once); hang-up and
 * wrap-up put it in the customer's timeline as outbound; a replayed request key creates nothing
 * twice; the direction survives a hub restart (migration 008).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubConfig } from '../../../src-common/hub-config';
import type { ItemView } from '../../../src-common/domain';
import type { Result } from '../../../src-common/result';
import type { ContactCenter } from '../../../src-hub/center/contact-center';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { MARIA_ID } from '../../../src-hub/demo/demo-dataset';
import { runDesktopOp, type Caller } from '../../../src-hub/server/desktop-ops';
import type { HubStore } from '../../../src-hub/storage/repositories';
import { closeCenterOnDisk, openCenterOnDisk, openStoreIn, startCenterOn } from './support/center-on-disk';
import type { ManualClock } from './support/manual-clock';

const ana: Caller = { userId: 'ana', role: 'agent' };

describe('outbound calls in the hub', () => {
  let dir: string;
  let clock: ManualClock;
  let store: HubStore;
  let center: ContactCenter;
  const config: HubConfig = { ...demoHubConfig(), wrapUpSeconds: 60 };

  const openStore = (): HubStore => openStoreIn(dir);
  const startCenter = (): ContactCenter => startCenterOn(config, store, clock);
  const op = (caller: Caller, name: Parameters<typeof runDesktopOp>[2], params: unknown, key?: string): Result<unknown> =>
    runDesktopOp({ center, idempotency: store.idempotency, clock }, caller, name, params, key);
  const call = (params: unknown, key?: string): ItemView => {
    const result = op(ana, 'startOutboundCall', params, key);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as ItemView;
  };

  beforeEach(() => {
    ({ dir, clock, store, center } = openCenterOnDisk('centralita-outbound-', config));
    center.setState('ana', 'ready', null);
  });
  afterEach(() => closeCenterOnDisk({ dir, clock, store, center }));

  it('finds the customer by the dialled number, makes the agent busy, and the call joins the timeline as outbound after wrap-up', () => {
    const item = call({ number: '600 10 02 00', customerId: null }, 'dial-1');
    expect(item).toMatchObject({ channel: 'voice', direction: 'outbound', state: 'accepted', agentId: 'ana', customerId: MARIA_ID, from: '+34600100200', queueId: 'soporte-voz' });
    expect(center.snapshot('ana')?.presence.state).toBe('busy');
    expect(center.snapshot('ana')?.items.map((i) => i.id)).toContain(item.id);

    clock.advance(95_000);
    expect(op(ana, 'endWork', { itemId: item.id })).toMatchObject({ ok: true, value: { state: 'wrap-up', direction: 'outbound' } });
    expect(op(ana, 'wrapUp', { itemId: item.id, disposition: 'resolved', notes: 'Called back about the invoice' })).toMatchObject({ ok: true });

    const entry = center.customers.context(MARIA_ID)?.timeline.find((e) => e.id === `tl-${item.id}`);
    expect(entry).toMatchObject({ channel: 'voice', direction: 'outbound', agentId: 'ana', disposition: 'resolved', durationSeconds: 95 });
    expect(entry?.detail).toContain('Called back about the invoice');
    expect(center.snapshot('ana')?.presence.state).toBe('ready');
  });

  it('while the agent is on an outbound call, no inbound call is offered to them and no second call item starts', () => {
    const first = call({ number: '+34600100200', customerId: MARIA_ID });
    const inbound = center.submitWork({ channel: 'voice', queueId: 'soporte-voz', from: '+34911222333', subject: '+34911222333' });
    expect(inbound.ok && inbound.value).toMatchObject({ state: 'queued', agentId: null });
    expect(op(ana, 'startOutboundCall', { number: '+34911222444', customerId: null })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // In wrap-up the agent may already dial the next customer.
    expect(op(ana, 'endWork', { itemId: first.id }).ok).toBe(true);
    expect(op(ana, 'startOutboundCall', { number: '+34911222444', customerId: null }).ok).toBe(true);
  });

  it('a replayed request key answers the same item and creates no second one', () => {
    const first = call({ number: '+34600100200', customerId: MARIA_ID }, 'dial-same');
    const again = call({ number: '+34600100200', customerId: MARIA_ID }, 'dial-same');
    expect(again.id).toBe(first.id);
    expect(store.items.listHeldBy('ana').map((i) => i.id)).toEqual([first.id]);
  });

  it('an unknown number gets a new customer, so the call still has a timeline; bad input is refused', () => {
    expect(op(ana, 'startOutboundCall', { number: '+34600100200', customerId: 'cust-nobody' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(op(ana, 'startOutboundCall', { number: '', customerId: null })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(op({ userId: 'admin', role: 'admin' }, 'startOutboundCall', { number: '+34600100200', customerId: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const item = call({ number: '+34 912 345 678', customerId: null });
    expect(item.customerId).not.toBeNull();
    expect(center.customers.context(item.customerId ?? '')?.customer.identities).toContainEqual({ kind: 'phone', value: '+34912345678' });
  });

  it('keeps the direction across a hub restart (stored in SQLite, migration 008)', () => {
    const item = call({ number: '+34600100200', customerId: MARIA_ID });
    center.stop();
    store.close();
    store = openStore();
    clock.advance(1000);
    center = startCenter();
    expect(store.items.get(item.id)?.direction).toBe('outbound');
    expect(center.snapshot('ana')?.items.find((i) => i.id === item.id)).toMatchObject({ direction: 'outbound', state: 'accepted' });
    // Inbound items stay implicit: no direction field, as before.
    const inbound = center.submitWork({ channel: 'chat', queueId: 'ventas', from: 'maria.garcia@example.es', subject: 'Hola' });
    expect(inbound.ok && store.items.get(inbound.value.id)?.direction).toBeUndefined();
  });
});
