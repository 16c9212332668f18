/**
 * Transfer in the contact center (real SQLite, hand-driven clock): to an agent (a direct offer
 * carrying the note; the first agent is free at once, with no wrap-up), to a queue, what is
 * refused, what happens when the target lets the offer expire, and that it survives a restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubConfig } from '../../../src-common/hub-config';
import type { ContactCenter, WorkSubmission } from '../../../src-hub/center/contact-center';
import { addCustomerNote } from '../../../src-hub/center/customer-notes';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import type { HubStore } from '../../../src-hub/storage/repositories';
import { closeCenterOnDisk, openCenterOnDisk, startCenterOn } from './support/center-on-disk';
import type { ManualClock } from './support/manual-clock';

const chatFromMaria: WorkSubmission = { channel: 'chat', queueId: 'ventas', from: 'maria.garcia@example.es', subject: 'Factura', preview: 'Hola' };
const NOTE = 'Quiere la factura de noviembre.';

describe('transferring work', () => {
  let dir: string;
  let clock: ManualClock;
  let store: HubStore;
  let center: ContactCenter;
  const config: HubConfig = { ...demoHubConfig(), offerTimeoutSeconds: 30, wrapUpSeconds: 60 };

  const startCenter = (): ContactCenter => startCenterOn(config, store, clock);
  const offersOf = (userId: string) => center.snapshot(userId)?.offers ?? [];

  /** Ana (the only ready agent) accepts María's chat. */
  const anaHoldsChat = (): string => {
    center.setState('ana', 'ready', null);
    const item = center.submitWork(chatFromMaria);
    if (!item.ok) throw new Error(item.error.message);
    const offer = offersOf('ana')[0];
    if (!offer) throw new Error('no offer for ana');
    expect(center.acceptOffer('ana', offer.offerId).ok).toBe(true);
    return item.value.id;
  };

  beforeEach(() => {
    ({ dir, clock, store, center } = openCenterOnDisk('centralita-transfer-', config));
  });
  afterEach(() => closeCenterOnDisk({ dir, clock, store, center }));

  it('offers the item to the chosen agent with the note; the first agent is free with no wrap-up', () => {
    const itemId = anaHoldsChat();
    center.setState('jordi', 'ready', null);
    const moved = center.transfer('ana', itemId, { kind: 'agent', agentId: 'jordi' }, NOTE);
    expect(moved).toMatchObject({ ok: true, value: { state: 'offered', agentId: 'jordi', transfer: { fromAgentId: 'ana', fromAgentName: 'Ana Martín', toAgentId: 'jordi', note: NOTE } } });

    expect(center.snapshot('ana')?.items).toEqual([]);
    expect(center.snapshot('ana')?.presence.state).toBe('ready');
    const offer = offersOf('jordi')[0];
    expect(offer?.item.transfer?.note).toBe(NOTE);
    const accepted = center.acceptOffer('jordi', offer?.offerId ?? '');
    expect(accepted).toMatchObject({ ok: true, value: { state: 'accepted', agentId: 'jordi', transfer: { note: NOTE } } });
    // Ana may not touch it any more; Jordi ends and wraps it up.
    expect(center.endWork('ana', itemId).ok).toBe(false);
    expect(center.endWork('jordi', itemId).ok).toBe(true);
    expect(center.wrapUp('jordi', itemId, 'resolved', '')).toMatchObject({ ok: true, value: { state: 'done', disposition: 'resolved' } });
  });

  it('puts the item in another queue of the same channel, where routing offers it to someone else first', () => {
    const itemId = anaHoldsChat();
    clock.advance(1000);
    center.setState('jordi', 'ready', null);
    const moved = center.transfer('ana', itemId, { kind: 'queue', queueId: 'soporte' }, '');
    // Ana became idle just now, so the longest-idle rule picks Jordi.
    expect(moved).toMatchObject({ ok: true, value: { queueId: 'soporte', state: 'offered', agentId: 'jordi' } });
    expect(offersOf('jordi')[0]?.item).toMatchObject({ id: itemId, queueId: 'soporte', transfer: { toQueueId: 'soporte', toAgentId: null, note: '' } });
    expect(offersOf('ana')).toEqual([]);
  });

  it('waits in the queue when nobody there is free', () => {
    const itemId = anaHoldsChat();
    center.setState('ana', 'not-ready', 'break');
    expect(center.transfer('ana', itemId, { kind: 'queue', queueId: 'soporte' }, 'Sin prisa')).toMatchObject({ ok: true, value: { state: 'queued', agentId: null } });
    expect(center.waitingCount()).toBe(1);
  });

  it('refuses a target that cannot take the work, and leaves the item with its agent', () => {
    const itemId = anaHoldsChat();
    // Jordi is offline; a voice queue takes no chats; nobody transfers to themselves or an admin.
    expect(center.transfer('ana', itemId, { kind: 'agent', agentId: 'jordi' }, '')).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(center.transfer('ana', itemId, { kind: 'queue', queueId: 'soporte-voz' }, '')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(center.transfer('ana', itemId, { kind: 'agent', agentId: 'ana' }, '')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(center.transfer('ana', itemId, { kind: 'agent', agentId: 'admin' }, '')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(center.transfer('jordi', itemId, { kind: 'queue', queueId: 'soporte' }, '')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(center.snapshot('ana')?.items.map((i) => [i.id, i.state])).toEqual([[itemId, 'accepted']]);
  });

  it('sends the item to its queue when the chosen agent lets the offer expire', () => {
    const itemId = anaHoldsChat();
    center.setState('jordi', 'ready', null);
    expect(center.transfer('ana', itemId, { kind: 'agent', agentId: 'jordi' }, NOTE).ok).toBe(true);
    center.setState('marta', 'ready', null);
    // Marta is ready but the direct offer is Jordi's until it expires.
    expect(offersOf('marta')).toEqual([]);
    clock.advance(31_000);
    expect(offersOf('jordi')).toEqual([]);
    const next = [...offersOf('marta'), ...offersOf('ana')];
    expect(next.map((o) => [o.item.id, o.item.transfer?.note])).toEqual([[itemId, NOTE]]);
  });

  it('keeps the transfer and its note across a restart', () => {
    const itemId = anaHoldsChat();
    center.setState('jordi', 'ready', null);
    center.transfer('ana', itemId, { kind: 'agent', agentId: 'jordi' }, NOTE);
    center.stop();
    center = startCenter();
    // Offers in flight go back to the queue after a restart; the note stays with the item.
    expect(store.items.get(itemId)?.transfer?.note).toBe(NOTE);
  });

  it('adds an agent note to the customer timeline as a note entry', () => {
    const added = addCustomerNote(center, { userId: 'ana' }, { customerId: 'cust-maria', channel: 'chat', text: 'Prefiere correo.' }, new Date(clock.now()).toISOString());
    expect(added).toMatchObject({ ok: true, value: { kind: 'note', agentName: 'Ana Martín', summary: 'Prefiere correo.' } });
    const timeline = center.customers.context('cust-maria')?.timeline ?? [];
    expect(timeline.filter((e) => e.kind === 'note').map((e) => e.detail)).toEqual(['Prefiere correo.']);
    expect(addCustomerNote(center, { userId: 'ana' }, { customerId: 'nobody', channel: 'chat', text: 'x' }, new Date(clock.now()).toISOString()).ok).toBe(false);
  });
});
