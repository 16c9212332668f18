/**
 * Transferring a phone call to a colleague ("segments"), on a real SQLite file: the hub
 * op `transferCall` gives the colleague a NEW voice item for the same customer, with the
 * transfer note, offered to that colleague only; the transferring agent keeps their own item
 * (their segment). A colleague who cannot take it gets a clear conflict and nothing changes; a
 * replayed request key creates nothing twice; both segments end up in the customer's timeline.
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
import { closeCenterOnDisk, openCenterOnDisk } from './support/center-on-disk';
import type { ManualClock } from './support/manual-clock';

const ana: Caller = { userId: 'ana', role: 'agent' };
const jordi: Caller = { userId: 'jordi', role: 'agent' };
const NOTE = 'Quiere cambiar la tarifa; ya verificado.';

describe('transferring a call to another agent', () => {
  let dir: string;
  let clock: ManualClock;
  let store: HubStore;
  let center: ContactCenter;
  const config: HubConfig = { ...demoHubConfig(), wrapUpSeconds: 60 };

  const op = (caller: Caller, name: Parameters<typeof runDesktopOp>[2], params: unknown, key?: string): Result<unknown> =>
    runDesktopOp({ center, idempotency: store.idempotency, clock }, caller, name, params, key);
  const anasCall = (): ItemView => {
    const result = op(ana, 'startOutboundCall', { number: '+34600100200', customerId: null }, 'dial-1');
    if (!result.ok) throw new Error(result.error.message);
    return result.value as ItemView;
  };

  beforeEach(() => {
    ({ dir, clock, store, center } = openCenterOnDisk('centralita-call-transfer-', config));
    center.setState('ana', 'ready', null);
  });
  afterEach(() => closeCenterOnDisk({ dir, clock, store, center }));

  it('offers a new item for the same customer, with the note, to the target only; a replayed key creates nothing twice', () => {
    const call = anasCall();
    center.setState('jordi', 'ready', null);
    const first = op(ana, 'transferCall', { itemId: call.id, toAgentId: 'jordi', note: NOTE }, 'xfer-key-1');
    expect(first.ok).toBe(true);
    const newId = first.ok ? (first.value as { itemId: string }).itemId : '';
    expect(newId).not.toBe(call.id);

    const offers = center.snapshot('jordi')?.offers ?? [];
    expect(offers).toHaveLength(1);
    expect(offers[0]?.item).toMatchObject({ id: newId, channel: 'voice', customerId: MARIA_ID, from: '+34600100200', state: 'offered', agentId: 'jordi' });
    expect(offers[0]?.item.transfer).toMatchObject({ fromAgentId: 'ana', fromAgentName: 'Ana Martín', toAgentId: 'jordi', note: NOTE });
    expect(center.snapshot('ana')?.offers).toEqual([]);
    // Ana's own call is untouched: still hers, still in progress.
    expect(store.items.get(call.id)).toMatchObject({ state: 'accepted', agentId: 'ana' });

    const replay = op(ana, 'transferCall', { itemId: call.id, toAgentId: 'jordi', note: NOTE }, 'xfer-key-1');
    expect(replay).toEqual(first);
    expect(center.snapshot('jordi')?.offers).toHaveLength(1);
  });

  it('refuses with a clear conflict when the target is offline, and changes nothing', () => {
    const call = anasCall();
    const refused = op(ana, 'transferCall', { itemId: call.id, toAgentId: 'jordi', note: NOTE }, 'xfer-key-2');
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Jordi Puig cannot take the call right now.' } });
    expect(center.snapshot('jordi')?.offers ?? []).toEqual([]);
    expect(store.items.get(call.id)).toMatchObject({ state: 'accepted', agentId: 'ana' });
    // Someone else's call cannot be transferred.
    center.setState('jordi', 'ready', null);
    expect(op(jordi, 'transferCall', { itemId: call.id, toAgentId: 'ana', note: '' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('gives the customer a timeline entry per segment, the second with the transfer note', () => {
    const call = anasCall();
    center.setState('jordi', 'ready', null);
    const moved = op(ana, 'transferCall', { itemId: call.id, toAgentId: 'jordi', note: NOTE }, 'xfer-key-3');
    const newId = moved.ok ? (moved.value as { itemId: string }).itemId : '';
    clock.advance(5_000);
    // The caller reaches Jordi (his answer accepts the offer) and Ana's phone leaves the call.
    const offerId = center.snapshot('jordi')?.offers[0]?.offerId ?? '';
    expect(op(jordi, 'acceptOffer', { offerId })).toMatchObject({ ok: true, value: { id: newId, state: 'accepted' } });
    expect(op(ana, 'endWork', { itemId: call.id })).toMatchObject({ ok: true });
    expect(op(ana, 'wrapUp', { itemId: call.id, disposition: 'resolved', notes: 'Pasada a Jordi' })).toMatchObject({ ok: true });
    clock.advance(60_000);
    expect(op(jordi, 'endWork', { itemId: newId })).toMatchObject({ ok: true });
    expect(op(jordi, 'wrapUp', { itemId: newId, disposition: 'resolved', notes: 'Tarifa cambiada' })).toMatchObject({ ok: true });

    const timeline = center.customers.context(MARIA_ID)?.timeline ?? [];
    const anas = timeline.find((e) => e.id === `tl-${call.id}`);
    const jordis = timeline.find((e) => e.id === `tl-${newId}`);
    expect(anas).toMatchObject({ agentId: 'ana', channel: 'voice' });
    expect(jordis).toMatchObject({ agentId: 'jordi', channel: 'voice', durationSeconds: 60 });
    expect(jordis?.detail).toContain(`↪ Ana Martín: ${NOTE}`);
    expect(jordis?.detail).toContain('Tarifa cambiada');
  });
});
