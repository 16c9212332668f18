/**
 * Readiness follows the desktop that shows the work (real SQLite, the hub's own timers on a
 * manual clock): a Ready agent whose desktop reports it cannot take work goes Not Ready with a
 * system reason after the grace period, the pending offer goes to a colleague, and meanwhile no
 * offer is accepted from that desktop. A reload inside the grace costs nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DESKTOP_CLOSED_REASON, MICROPHONE_REASON, PHONE_OFFLINE_REASON, SPEAKER_REASON } from '../../../src-common/domain';
import type { WorkSubmission } from '../../../src-hub/center/contact-center';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { runDesktopOp } from '../../../src-hub/server/desktop-ops';
import { closeCenterOnDisk, openCenterOnDisk, openStoreIn, startCenterOn, type CenterOnDisk } from './support/center-on-disk';

const chat: WorkSubmission = { channel: 'chat', queueId: 'ventas', from: 'maria.garcia@example.es', subject: 'Factura' };
const GRACE_MS = demoHubConfig().readinessGraceSeconds * 1000;

describe('desktop readiness', () => {
  let hub: CenterOnDisk;
  beforeEach(() => {
    hub = openCenterOnDisk('centralita-readiness-', demoHubConfig());
  });
  afterEach(() => closeCenterOnDisk(hub));

  it('sets a Ready agent whose window is gone Not Ready after the grace, and the offer goes to a colleague', () => {
    const { center, clock, store } = hub;
    center.setState('ana', 'ready', null);
    const item = center.submitWork(chat);
    if (!item.ok) throw new Error(item.error.message);
    expect(center.snapshot('ana')?.offers.map((o) => o.item.id)).toEqual([item.value.id]);

    center.readiness.report('ana', { problems: ['no-window'] });
    clock.advance(GRACE_MS - 1);
    expect(store.presence.get('ana')?.selected).toBe('ready');
    clock.advance(1);
    expect(store.presence.get('ana')).toMatchObject({ selected: 'not-ready', reasonCode: DESKTOP_CLOSED_REASON });
    expect(center.snapshot('ana')?.offers).toEqual([]);

    center.setState('jordi', 'ready', null);
    expect(center.snapshot('jordi')?.offers.map((o) => o.item.id)).toEqual([item.value.id]);
  });

  it('keeps the agent Ready when the window comes back within the grace (a reload)', () => {
    const { center, clock, store } = hub;
    center.setState('ana', 'ready', null);
    center.readiness.report('ana', { problems: ['no-window'] });
    clock.advance(GRACE_MS / 2);
    center.readiness.report('ana', { problems: [] });
    clock.advance(GRACE_MS * 2);
    expect(store.presence.get('ana')).toMatchObject({ selected: 'ready', reasonCode: null });
  });

  it('names an unregistered phone as the reason, and repeated reports do not postpone it', () => {
    const { center, clock, store } = hub;
    center.setState('ana', 'ready', null);
    center.readiness.report('ana', { problems: ['phone-unregistered'] });
    clock.advance(GRACE_MS - 100);
    center.readiness.report('ana', { problems: ['phone-unregistered'] });
    clock.advance(100);
    expect(store.presence.get('ana')).toMatchObject({ selected: 'not-ready', reasonCode: PHONE_OFFLINE_REASON });
  });

  it('refuses to accept an offer from a desktop that cannot show it, and accepts once it can', () => {
    const { center } = hub;
    center.setState('ana', 'ready', null);
    const item = center.submitWork(chat);
    if (!item.ok) throw new Error(item.error.message);
    const offerId = center.snapshot('ana')?.offers[0]?.offerId ?? '';
    const ctx = { center, idempotency: hub.store.idempotency, clock: hub.clock };
    const caller = { userId: 'ana', role: 'agent' as const };

    center.readiness.report('ana', { problems: ['no-window'] });
    const refused = runDesktopOp(ctx, caller, 'acceptOffer', { offerId }, undefined);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });

    center.readiness.report('ana', { problems: [] });
    expect(runDesktopOp(ctx, caller, 'acceptOffer', { offerId }, undefined)).toMatchObject({ ok: true, value: { id: item.value.id, state: 'accepted' } });
  });

  it('leaves an agent who is not Ready as they are', () => {
    const { center, clock, store } = hub;
    center.setState('ana', 'not-ready', 'lunch');
    center.readiness.report('ana', { problems: ['no-window'] });
    clock.advance(GRACE_MS);
    expect(store.presence.get('ana')).toMatchObject({ selected: 'not-ready', reasonCode: 'lunch' });
  });

  it('starts the grace again when the agent chooses Ready while the desktop still cannot take work', () => {
    const { center, clock, store } = hub;
    center.setState('ana', 'ready', null);
    center.readiness.report('ana', { problems: ['phone-unregistered'] });
    clock.advance(GRACE_MS);
    expect(store.presence.get('ana')).toMatchObject({ selected: 'not-ready', reasonCode: PHONE_OFFLINE_REASON });
    center.setState('ana', 'ready', null);
    clock.advance(GRACE_MS);
    expect(store.presence.get('ana')).toMatchObject({ selected: 'not-ready', reasonCode: PHONE_OFFLINE_REASON });
  });

  it('ignores a report that arrives while the hub shuts down, so no timer outlives the closed store', () => {
    const { center, clock, store } = hub;
    center.setState('ana', 'ready', null);
    center.stop();
    center.readiness.report('ana', { problems: ['no-window'] });
    store.close();
    expect(() => clock.advance(GRACE_MS * 2)).not.toThrow();
    hub = openCenterOnDisk('centralita-readiness-', demoHubConfig());
  });

  it('refuses a transfer to a colleague whose desktop cannot show it, and allows it once it can', () => {
    const { center } = hub;
    center.setState('ana', 'ready', null);
    const item = center.submitWork(chat);
    if (!item.ok) throw new Error(item.error.message);
    const offerId = center.snapshot('ana')?.offers[0]?.offerId ?? '';
    expect(center.acceptOffer('ana', offerId)).toMatchObject({ ok: true });
    center.setState('jordi', 'ready', null);
    center.readiness.report('jordi', { problems: ['no-window'] });

    expect(center.transfer('ana', item.value.id, { kind: 'agent', agentId: 'jordi' }, '')).toMatchObject({ ok: false, error: { code: 'conflict' } });
    center.readiness.report('jordi', { problems: [] });
    expect(center.transfer('ana', item.value.id, { kind: 'agent', agentId: 'jordi' }, '')).toMatchObject({ ok: true });
    expect(center.snapshot('jordi')?.offers.map((o) => o.item.id)).toEqual([item.value.id]);
  });
});

describe('recovering from a desktop fault', () => {
  let hub: CenterOnDisk;
  beforeEach(() => {
    hub = openCenterOnDisk('centralita-readiness-', demoHubConfig());
  });
  afterEach(() => closeCenterOnDisk(hub));

  it('names a missing microphone, and puts the agent back to Ready when it returns', () => {
    const { center, clock, store } = hub;
    center.setState('ana', 'ready', null);
    center.readiness.report('ana', { problems: ['microphone-unavailable', 'phone-unregistered'] });
    clock.advance(GRACE_MS);
    expect(store.presence.get('ana')).toMatchObject({ selected: 'not-ready', reasonCode: MICROPHONE_REASON });
    center.readiness.report('ana', { problems: ['phone-unregistered'] });
    expect(store.presence.get('ana')).toMatchObject({ selected: 'not-ready', reasonCode: MICROPHONE_REASON });
    center.readiness.report('ana', { problems: [] });
    expect(store.presence.get('ana')).toMatchObject({ selected: 'ready', reasonCode: null });
    const item = center.submitWork(chat);
    if (!item.ok) throw new Error(item.error.message);
    expect(center.snapshot('ana')?.offers.map((o) => o.item.id)).toEqual([item.value.id]);
  });

  it('names a missing speaker, and puts the agent back to Ready when one is plugged in', () => {
    const { center, clock, store } = hub;
    center.setState('ana', 'ready', null);
    center.readiness.report('ana', { problems: ['speaker-unavailable'] });
    clock.advance(GRACE_MS - 1);
    expect(store.presence.get('ana')).toMatchObject({ selected: 'ready' });
    clock.advance(1);
    expect(store.presence.get('ana')).toMatchObject({ selected: 'not-ready', reasonCode: SPEAKER_REASON });
    center.readiness.report('ana', { problems: [] });
    expect(store.presence.get('ana')).toMatchObject({ selected: 'ready', reasonCode: null });
  });

  it('puts the agent back to Ready when the fault clears after a hub restart', () => {
    const { center, clock, store, dir } = hub;
    center.setState('ana', 'ready', null);
    center.readiness.report('ana', { problems: ['no-window'] });
    clock.advance(GRACE_MS);
    center.stop();
    store.close();
    const reopened = openStoreIn(dir);
    const restarted = startCenterOn(demoHubConfig(), reopened, clock);
    hub = { ...hub, store: reopened, center: restarted };
    expect(reopened.presence.get('ana')).toMatchObject({ selected: 'not-ready', reasonCode: DESKTOP_CLOSED_REASON });
    restarted.readiness.report('ana', { problems: [] });
    expect(reopened.presence.get('ana')).toMatchObject({ selected: 'ready', reasonCode: null });
  });

  it('leaves the agent as they chose when they changed state during the fault', () => {
    const { center, clock, store } = hub;
    center.setState('ana', 'ready', null);
    center.readiness.report('ana', { problems: ['microphone-unavailable'] });
    clock.advance(GRACE_MS);
    center.setState('ana', 'not-ready', 'lunch');
    center.readiness.report('ana', { problems: [] });
    expect(store.presence.get('ana')).toMatchObject({ selected: 'not-ready', reasonCode: 'lunch' });
  });

  it('does not make Ready an agent who was not Ready when the fault began', () => {
    const { center, clock, store } = hub;
    center.setState('ana', 'not-ready', 'break');
    center.readiness.report('ana', { problems: ['microphone-unavailable'] });
    clock.advance(GRACE_MS);
    center.readiness.report('ana', { problems: [] });
    expect(store.presence.get('ana')).toMatchObject({ selected: 'not-ready', reasonCode: 'break' });
  });
});
