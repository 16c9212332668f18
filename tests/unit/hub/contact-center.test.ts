/**
 * The contact center on a real SQLite file with a hand-driven clock: offer expiry, missed
 * offers, wrap-up timeout, customer resolution and recovery after a restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubConfig } from '../../../src-common/hub-config';
import type { HubEvent } from '../../../src-common/protocol';
import type { ContactCenter, WorkSubmission } from '../../../src-hub/center/contact-center';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import type { HubStore } from '../../../src-hub/storage/repositories';
import { closeCenterOnDisk, openCenterOnDisk, openStoreIn, startCenterOn } from './support/center-on-disk';
import type { ManualClock } from './support/manual-clock';

const chatFromMaria: WorkSubmission = { channel: 'chat', queueId: 'ventas', from: 'maria.garcia@example.es', subject: 'Tarifa empresa', preview: 'Hola' };

describe('contact center', () => {
  let dir: string;
  let clock: ManualClock;
  let store: HubStore;
  let center: ContactCenter;
  const config: HubConfig = { ...demoHubConfig(), offerTimeoutSeconds: 30, maxMissedOffers: 2, wrapUpSeconds: 60 };

  const openStore = (): HubStore => openStoreIn(dir);
  const startCenter = (): ContactCenter => startCenterOn(config, store, clock);
  const eventsFor = (userId: string): HubEvent[] => store.events.since(userId, 0).map((e) => e.event);
  const pendingOfferOf = (userId: string) => center.snapshot(userId)?.offers[0] ?? null;

  beforeEach(() => {
    ({ dir, clock, store, center } = openCenterOnDisk('centralita-center-', config));
  });
  afterEach(() => closeCenterOnDisk({ dir, clock, store, center }));

  it('moves an unanswered offer to the next agent when it expires', () => {
    center.setState('ana', 'ready', null);
    clock.advance(1000);
    center.setState('jordi', 'ready', null);
    const item = center.submitWork(chatFromMaria);
    expect(item.ok && item.value).toMatchObject({ state: 'offered', agentId: 'ana', customerId: 'cust-maria' });
    clock.advance(29_999);
    expect(pendingOfferOf('jordi')).toBeNull();
    clock.advance(1);
    expect(pendingOfferOf('ana')).toBeNull();
    expect(pendingOfferOf('jordi')?.item.id).toBe(item.ok ? item.value.id : '');
    expect(eventsFor('ana').filter((e) => e.kind === 'offer-revoked')).toMatchObject([{ reason: 'expired' }]);
  });

  it('sets an agent not-ready "missed" after two expired offers and stores each transition', () => {
    center.setState('ana', 'ready', null);
    center.submitWork(chatFromMaria);
    clock.advance(30_000);
    expect(center.snapshot('ana')?.presence.state).toBe('ready');
    clock.advance(30_000);
    expect(center.snapshot('ana')?.presence).toMatchObject({ state: 'not-ready', reasonCode: 'missed' });
    expect(store.presence.transitions('ana').map((t) => `${t.toState}:${t.reasonCode ?? ''}:${t.cause}`)).toEqual([
      'ready::agent',
      'not-ready:missed:missed-offers',
    ]);
    expect(eventsFor('ana').filter((e) => e.kind === 'presence').at(-1)).toMatchObject({ presence: { state: 'not-ready', reasonCode: 'missed' } });
  });

  it('re-offers at once when the offered agent goes not-ready', () => {
    center.setState('ana', 'ready', null);
    clock.advance(10);
    center.setState('marta', 'ready', null);
    center.submitWork(chatFromMaria);
    expect(pendingOfferOf('ana')).not.toBeNull();
    center.setState('ana', 'not-ready', 'break');
    expect(pendingOfferOf('marta')?.item.subject).toBe('Tarifa empresa');
    expect(eventsFor('ana').find((e) => e.kind === 'offer-revoked')).toMatchObject({ reason: 'cancelled' });
  });

  it('closes wrap-up when its time runs out: no disposition, agent ready, interaction in the timeline', () => {
    center.setState('ana', 'ready', null);
    center.submitWork(chatFromMaria);
    const offer = pendingOfferOf('ana');
    const accepted = center.acceptOffer('ana', offer?.offerId ?? '');
    expect(center.snapshot('ana')?.presence.state).toBe('busy');
    clock.advance(90_000);
    center.endWork('ana', accepted.ok ? accepted.value.id : '');
    expect(center.snapshot('ana')?.presence.state).toBe('after-call-work');
    clock.advance(60_000);
    expect(center.snapshot('ana')).toMatchObject({ presence: { state: 'ready' }, items: [] });
    const entry = center.customers.context('cust-maria')?.timeline[0];
    expect(entry).toMatchObject({ summary: 'Tarifa empresa', disposition: null, agentName: 'Ana Martín', durationSeconds: 90 });
  });

  it('keeps a wrap-up that arrives after the timer closed the item (outbox delivering late), once', () => {
    center.setState('ana', 'ready', null);
    center.submitWork(chatFromMaria);
    const accepted = center.acceptOffer('ana', pendingOfferOf('ana')?.offerId ?? '');
    const itemId = accepted.ok ? accepted.value.id : '';
    center.endWork('ana', itemId);
    clock.advance(61_000);
    expect(center.customers.context('cust-maria')?.timeline[0]).toMatchObject({ summary: 'Tarifa empresa', disposition: null });
    const late = center.wrapUp('ana', itemId, 'sale', 'Quiere la tarifa de 5 líneas');
    expect(late).toMatchObject({ ok: true, value: { state: 'done', disposition: 'sale' } });
    const timeline = center.customers.context('cust-maria')?.timeline ?? [];
    expect(timeline.filter((e) => e.summary === 'Tarifa empresa')).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ disposition: 'sale', detail: expect.stringContaining('5 líneas') });
    expect(center.snapshot('ana')?.presence.state).toBe('ready');
    expect(center.wrapUp('ana', itemId, 'resolved', '')).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses a disposition the configuration does not have', () => {
    center.setState('ana', 'ready', null);
    center.submitWork(chatFromMaria);
    const accepted = center.acceptOffer('ana', pendingOfferOf('ana')?.offerId ?? '');
    expect(center.wrapUp('ana', accepted.ok ? accepted.value.id : '', 'maybe', '')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('creates a customer for an unknown caller and finds them again by another spelling of the number', () => {
    const first = center.submitWork({ channel: 'voice', queueId: 'soporte-voz', from: '+34 699 11 22 33', subject: 'Llamada' });
    const second = center.submitWork({ channel: 'voice', queueId: 'soporte-voz', from: 'sip:699112233@pbx.example.es', subject: 'Otra llamada' });
    const id = first.ok ? first.value.customerId : null;
    expect(id).toMatch(/^cust-/);
    expect(second.ok && second.value.customerId).toBe(id);
    expect(center.customers.findByIdentity({ kind: 'phone', value: '0034699112233' })?.customer.id).toBe(id);
  });

  it('keeps queued work across a restart and sends offers in flight back to the queue', () => {
    center.setState('ana', 'ready', null);
    const offered = center.submitWork(chatFromMaria);
    const queued = center.submitWork({ ...chatFromMaria, queueId: 'soporte', subject: 'Segunda' });
    expect(offered.ok && offered.value.state).toBe('offered');
    center.stop();
    store.close();

    store = openStore();
    // Agents keep their selection across a restart; take Ana offline first so nothing is re-offered.
    const ana = store.presence.get('ana');
    if (ana) store.presence.save({ ...ana, selected: 'offline', state: 'offline' });
    center = startCenter();
    const open = store.items.listOpen();
    expect(open.map((i) => [i.subject, i.state])).toEqual([
      ['Tarifa empresa', 'queued'],
      ['Segunda', 'queued'],
    ]);
    expect(store.offers.listPending()).toEqual([]);
    expect(eventsFor('ana').at(-1)).toMatchObject({ kind: 'offer-revoked', reason: 'cancelled' });
    expect(queued.ok).toBe(true);
  });

  it('rolls back a failed action completely, routing state included, so a retry succeeds', () => {
    center.setState('ana', 'ready', null);
    center.submitWork(chatFromMaria);
    const offer = pendingOfferOf('ana');
    // The disk fails once while the accept is being written.
    const realEnd = store.offers.end;
    let failures = 1;
    (store.offers as { end: typeof realEnd }).end = (...args) => {
      if (failures-- > 0) throw new Error('SQLITE_FULL: database or disk is full');
      realEnd(...args);
    };
    expect(() => center.acceptOffer('ana', offer?.offerId ?? '')).toThrow(/SQLITE_FULL/);
    expect(pendingOfferOf('ana')?.offerId).toBe(offer?.offerId);
    expect(store.items.listOpen()[0]?.state).toBe('offered');
    expect(center.acceptOffer('ana', offer?.offerId ?? '')).toMatchObject({ ok: true, value: { state: 'accepted' } });
    expect(center.snapshot('ana')?.presence.state).toBe('busy');
  });
});
