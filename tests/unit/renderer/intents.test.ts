import { describe, expect, it } from 'vitest';
import type { DesktopApi, DesktopView } from '../../../src-common/ipc';
import { err, ok } from '../../../src-common/result';
import { createIntents } from '../../../src-renderer/intents';
import { createAppStore } from '../../../src-renderer/store/app-store';

function isFailure(answer: unknown): answer is { ok: false; error: { code: string; message: string } } {
  return typeof answer === 'object' && answer !== null && (answer as { ok?: unknown }).ok === false;
}

/** Records what the renderer asks main for; answers from a script (unit tier: no real main here). */
function scriptedApi(answers: Record<string, unknown>) {
  const calls: { op: string; params: unknown }[] = [];
  const api: DesktopApi = {
    invoke: (async (op: string, params: unknown) => {
      calls.push({ op, params });
      const answer = answers[op];
      return isFailure(answer) ? answer : ok(answer ?? null);
    }) as DesktopApi['invoke'],
    on: (() => () => undefined) as DesktopApi['on'],
  };
  return { api, calls };
}

const view: DesktopView = {
  status: 'online', hubUrl: '', user: null, lastError: null, presence: null, items: [], config: null, serverTimeOffsetMs: 0, outboxPending: 0, outboxRefused: [],
  offers: [
    {
      offerId: 'of-1', agentId: 'ana', offeredAt: '2026-01-01T10:00:00Z', expiresAt: '2026-01-01T10:00:30Z',
      item: {
        id: 'wi-1', channel: 'chat', queueId: 'ventas', priority: 0, customerId: null, subject: 's', from: 'f', state: 'offered', agentId: 'ana',
        createdAt: '2026-01-01T10:00:00Z', offeredAt: null, acceptedAt: null, endedAt: null, preview: '', disposition: null, notes: null,
      },
    },
  ],
};

describe('intents', () => {
  it('signs in to the embedded hub when the hub field is left empty', async () => {
    const { api, calls } = scriptedApi({});
    await createIntents(api, createAppStore()).login({ hubUrl: '  ', username: 'ana', password: 'pw' });
    expect(calls).toEqual([{ op: 'session.login', params: { username: 'ana', password: 'pw' } }]);
  });

  it('turns a refused accept into a notice with the code main sent', async () => {
    const store = createAppStore();
    const { api } = scriptedApi({ 'offer.accept': err('conflict', 'Offer expired') });
    await createIntents(api, store).acceptOffer('of-1');
    expect(store.getState().notice).toMatchObject({ action: 'accept', error: { code: 'conflict' } });
  });

  it('says why an accept was refused when the caller knows better than the code: only for a conflict', async () => {
    const store = createAppStore();
    const refused = scriptedApi({ 'offer.accept': err('conflict', "This call rings on the agent's phone") });
    await createIntents(refused.api, store).acceptOffer('of-1', 'callNotHere');
    expect(store.getState().notice).toMatchObject({ action: 'accept', error: { code: 'conflict' }, reason: 'callNotHere' });
    const offline = scriptedApi({ 'offer.accept': err('unavailable', 'Hub unreachable') });
    await createIntents(offline.api, store).acceptOffer('of-1', 'callNotHere');
    expect(store.getState().notice).toMatchObject({ action: 'accept', error: { code: 'unavailable' }, reason: null });
  });

  it('focuses the accepted item, and remembers a wrap-up main took', async () => {
    const store = createAppStore();
    store.getState().applyView(view);
    const intents = createIntents(scriptedApi({}).api, store);
    await intents.acceptOffer('of-1');
    expect(store.getState().selectedItemId).toBe('wi-1');
    await intents.wrapUp('wi-1', 'resolved', 'ok');
    expect(store.getState().wrapUpsSubmitted['wi-1']).toBe(true);
  });

  it('marks a customer missing when the cache has nothing and the hub has not answered', async () => {
    const store = createAppStore();
    await createIntents(scriptedApi({ 'customer.context': { context: null, source: 'cache' } }).api, store).loadCustomer('c-1');
    expect(store.getState().lookups['c-1']).toBe('missing');
  });
});

describe('notices and the link', () => {
  it('drops a "cannot connect" notice once the desktop is online again, and keeps other notices', () => {
    const store = createAppStore();
    store.getState().setTransport('open');
    store.getState().applyView({ ...view, status: 'reconnecting' });
    store.getState().showNotice('wrapUp', { code: 'unavailable', message: 'hub unreachable' });
    store.getState().applyView({ ...view, status: 'reconnecting' });
    expect(store.getState().notice?.error.code).toBe('unavailable');
    store.getState().applyView({ ...view, status: 'online' });
    expect(store.getState().notice).toBeNull();

    store.getState().showNotice('accept', { code: 'conflict', message: 'Offer expired' });
    store.getState().applyView({ ...view, status: 'online' });
    expect(store.getState().notice?.error.code).toBe('conflict');
  });

  it('keeps the notice while the window has no transport to main, and drops it when that returns', () => {
    const store = createAppStore();
    store.getState().applyView({ ...view, status: 'online' });
    store.getState().setTransport('closed');
    store.getState().showNotice('end', { code: 'unavailable', message: 'desktop service lost' });
    store.getState().applyView({ ...view, status: 'online' });
    expect(store.getState().notice).not.toBeNull();
    store.getState().setTransport('open');
    expect(store.getState().notice).toBeNull();
  });
});
