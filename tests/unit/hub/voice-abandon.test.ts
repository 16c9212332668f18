/**
 * ContactCenter.abandon, the entry point a channel uses when the customer leaves before an agent
 * took the work (a caller hanging up in queue or while a phone rings): real SQLite, manual clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../src-common/protocol';
import type { ContactCenter, WorkSubmission } from '../../../src-hub/center/contact-center';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import type { HubStore } from '../../../src-hub/storage/repositories';
import { closeCenterOnDisk, openCenterOnDisk } from './support/center-on-disk';
import type { ManualClock } from './support/manual-clock';

const callFromMaria: WorkSubmission = { channel: 'voice', queueId: 'soporte-voz', from: '+34600100200', subject: '+34600100200' };
const callFromJoan: WorkSubmission = { channel: 'voice', queueId: 'soporte-voz', from: '+34600999888', subject: '+34600999888' };

describe('abandoned work', () => {
  let dir: string;
  let clock: ManualClock;
  let store: HubStore;
  let center: ContactCenter;
  const eventsFor = (userId: string): HubEvent[] => store.events.since(userId, 0).map((e) => e.event);

  beforeEach(() => {
    ({ dir, clock, store, center } = openCenterOnDisk('centralita-abandon-', demoHubConfig()));
  });
  afterEach(() => closeCenterOnDisk({ dir, clock, store, center }));

  it('takes a queued call out of the queue for good', () => {
    const item = center.submitWork(callFromMaria);
    if (!item.ok) throw new Error(item.error.message);
    clock.advance(4000);
    const abandoned = center.abandon(item.value.id);
    expect(abandoned).toMatchObject({ ok: true, value: { state: 'abandoned', agentId: null, endedAt: '2026-03-02T09:00:04.000Z' } });
    expect(center.waitingCount()).toBe(0);
    center.setState('jordi', 'ready', null);
    expect(center.snapshot('jordi')?.offers).toEqual([]);
    expect(store.items.get(item.value.id)?.state).toBe('abandoned');
    // Repeating it (a retransmitted CANCEL) changes nothing.
    expect(center.abandon(item.value.id)).toMatchObject({ ok: true, value: { state: 'abandoned' } });
  });

  it('puts each call the customer gave up on in their timeline as missed, with their wait and the number to call back', () => {
    for (const wait of [4000, 12_000]) {
      const item = center.submitWork(callFromMaria);
      if (!item.ok) throw new Error(item.error.message);
      clock.advance(wait);
      expect(center.abandon(item.value.id).ok).toBe(true);
      // A retransmitted CANCEL adds nothing.
      expect(center.abandon(item.value.id).ok).toBe(true);
    }
    const customerId = store.customers.findByIdentity({ kind: 'phone', value: '+34600100200' })?.id;
    const missed = center.customers.context(customerId ?? '')?.timeline.filter((entry) => entry.outcome === 'missed') ?? [];
    expect(missed.map((entry) => [entry.channel, entry.durationSeconds, entry.callBack, entry.agentId])).toEqual([
      ['voice', 12, '+34600100200', null],
      ['voice', 4, '+34600100200', null],
    ]);
    expect(eventsFor('ana')).toContainEqual(expect.objectContaining({ kind: 'customer-changed', customerId }));
  });

  it('revokes the ringing agent’s offer and hands them the next call', () => {
    center.setState('jordi', 'ready', null);
    const first = center.submitWork(callFromMaria);
    const second = center.submitWork(callFromJoan);
    if (!first.ok || !second.ok) throw new Error('submit failed');
    const offer = center.snapshot('jordi')?.offers[0];
    expect(offer?.item.id).toBe(first.value.id);

    expect(center.abandon(first.value.id).ok).toBe(true);
    expect(eventsFor('jordi')).toContainEqual({ kind: 'offer-revoked', offerId: offer?.offerId, itemId: first.value.id, agentId: 'jordi', reason: 'abandoned' });
    expect(store.offers.get(offer?.offerId ?? '')?.outcome).toBe('abandoned');
    expect(center.snapshot('jordi')?.offers[0]?.item.id).toBe(second.value.id);
  });

  it('refuses to abandon work an agent already took, and unknown work', () => {
    center.setState('jordi', 'ready', null);
    const item = center.submitWork(callFromMaria);
    if (!item.ok) throw new Error(item.error.message);
    const offer = center.snapshot('jordi')?.offers[0];
    expect(center.acceptOffer('jordi', offer?.offerId ?? '').ok).toBe(true);
    expect(center.abandon(item.value.id)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(store.items.get(item.value.id)?.state).toBe('accepted');
    expect(center.abandon('wi-nope')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
