/** The pure routing engine: who gets which item, in what order, and what happens when offers end. */
import { describe, expect, it } from 'vitest';
import { CapacityConfig } from '../../../src-common/hub-config';
import { RoutingEngine, type AgentInit, type RoutingEffect, type RoutingSettings } from '../../../src-hub/routing/engine';

const T0 = 1_000_000;
const settings = (over: Partial<RoutingSettings> = {}): RoutingSettings => ({
  capacity: CapacityConfig.parse({ voice: 1, chat: 3, email: 2, voiceExclusive: true, maxChatsDuringVoice: 1 }),
  offerTimeoutMs: 30_000,
  maxMissedOffers: 2,
  declineCooldownMs: 30_000,
  queues: [
    { id: 'ventas', priority: 10, requiredSkills: { ventas: 1 } },
    { id: 'vip', priority: 50, requiredSkills: { ventas: 5 } },
    { id: 'voz', priority: 30, requiredSkills: { voz: 3 } },
    { id: 'correo', priority: 0, requiredSkills: {} },
  ],
  ...over,
});

function engine(over: Partial<RoutingSettings> = {}): RoutingEngine {
  let n = 0;
  return new RoutingEngine(settings(over), () => `of-${++n}`);
}
const agent = (id: string, skills: Record<string, number>, idleSince = T0, over: Partial<AgentInit> = {}): AgentInit => ({
  id, skills, selected: 'ready', reasonCode: null, idleSince, consecutiveMissed: 0, ...over,
});
const offers = (effects: RoutingEffect[]) => effects.flatMap((e) => (e.kind === 'offered' ? [e.offer] : []));
const chat = (id: string, queueId = 'ventas', createdAt = T0, priority = 10) => ({ id, channel: 'chat' as const, queueId, priority, createdAt });

describe('routing engine', () => {
  it('offers only to agents whose skill level meets the queue minimum', () => {
    const e = engine();
    e.addAgent(agent('junior', { ventas: 3 }, T0 - 9000));
    e.addAgent(agent('senior', { ventas: 7 }, T0));
    e.enqueue({ ...chat('i1', 'vip'), priority: 50 });
    expect(offers(e.dispatch(T0)).map((o) => [o.itemId, o.agentId])).toEqual([['i1', 'senior']]);
  });

  it('serves higher priority first, then the item waiting longest', () => {
    const e = engine();
    e.addAgent(agent('a', { ventas: 9 }));
    e.enqueue(chat('old-low', 'ventas', T0 - 5000, 10));
    e.enqueue(chat('new-low', 'ventas', T0 - 1000, 10));
    e.enqueue(chat('new-high', 'vip', T0, 50));
    const first = offers(e.dispatch(T0));
    expect(first.map((o) => o.itemId)).toEqual(['new-high']);
    expect(e.accept(first[0]!.offerId, 'a').ok).toBe(true);
    expect(offers(e.dispatch(T0)).map((o) => o.itemId)).toEqual(['old-low']);
  });

  it('gives the item to the agent idle longest, one offer per agent at a time', () => {
    const e = engine();
    e.addAgent(agent('recent', { ventas: 5 }, T0 - 1000));
    e.addAgent(agent('longest', { ventas: 5 }, T0 - 60_000));
    e.enqueue(chat('i1', 'ventas', T0 - 2));
    e.enqueue(chat('i2', 'ventas', T0 - 1));
    e.enqueue(chat('i3', 'ventas', T0));
    const made = offers(e.dispatch(T0));
    expect(made.map((o) => [o.itemId, o.agentId])).toEqual([['i1', 'longest'], ['i2', 'recent']]);
    expect(e.queuedItemIds()).toEqual(['i3']);
  });

  it('sends a declined item to the next agent, not back to the one who declined', () => {
    const e = engine();
    e.addAgent(agent('a', { ventas: 5 }, T0 - 2000));
    e.addAgent(agent('b', { ventas: 5 }, T0 - 1000));
    e.enqueue(chat('i1'));
    const [first] = offers(e.dispatch(T0));
    expect(first?.agentId).toBe('a');
    const declined = e.decline(first!.offerId, 'a', T0 + 5);
    expect(declined.ok && declined.value[0]).toMatchObject({ kind: 'offer-ended', reason: 'declined' });
    expect(offers(e.dispatch(T0 + 10)).map((o) => o.agentId)).toEqual(['b']);
  });

  it('prefers an agent who has not had the item even over one idle longer', () => {
    const e = engine();
    e.addAgent(agent('a', { ventas: 5 }, T0 - 5000));
    e.addAgent(agent('b', { ventas: 5 }, T0 - 5000, { selected: 'not-ready', reasonCode: 'break' }));
    e.enqueue(chat('i1'));
    const [first] = offers(e.dispatch(T0));
    expect(first?.agentId).toBe('a');
    // b becomes ready after a got the offer, so a has been idle longer when the item returns.
    e.setSelected('b', 'ready', null, T0 + 5);
    e.decline(first!.offerId, 'a', T0 + 5);
    expect(offers(e.dispatch(T0 + 10)).map((o) => o.agentId)).toEqual(['b']);
  });

  it('does not offer a declined item to the lone agent again until the cooldown ends', () => {
    const e = engine();
    e.addAgent(agent('only', { ventas: 5 }));
    e.enqueue(chat('i1'));
    const [first] = offers(e.dispatch(T0));
    e.decline(first!.offerId, 'only', T0 + 100);
    expect(offers(e.dispatch(T0 + 100))).toEqual([]);
    expect(offers(e.dispatch(T0 + 250))).toEqual([]);
    // The item waits visibly in the queue, and the engine asks to be woken when the cooldown ends.
    expect(e.queuedItemIds()).toEqual(['i1']);
    expect(e.nextDeadline(T0 + 250)).toBe(T0 + 100 + 30_000);
    expect(offers(e.dispatch(T0 + 100 + 29_999))).toEqual([]);
    expect(offers(e.dispatch(T0 + 100 + 30_000)).map((o) => [o.itemId, o.agentId])).toEqual([['i1', 'only']]);
  });

  it('while one item cools down for an agent, the same queue\'s next item still reaches them', () => {
    const e = engine();
    e.addAgent(agent('only', { ventas: 5 }));
    e.enqueue(chat('i1', 'ventas', T0 - 10));
    e.enqueue(chat('i2', 'ventas', T0));
    const [first] = offers(e.dispatch(T0));
    expect(first?.itemId).toBe('i1');
    e.decline(first!.offerId, 'only', T0 + 100);
    expect(offers(e.dispatch(T0 + 100)).map((o) => o.itemId)).toEqual(['i2']);
    expect(e.queuedItemIds()).toEqual(['i1']);
  });

  it('a declined item goes to another agent at once; the cooldown is per agent', () => {
    const e = engine();
    e.addAgent(agent('a', { ventas: 5 }, T0 - 2000));
    e.addAgent(agent('b', { ventas: 5 }, T0 - 1000, { selected: 'not-ready', reasonCode: 'break' }));
    e.enqueue(chat('i1'));
    const [first] = offers(e.dispatch(T0));
    e.decline(first!.offerId, 'a', T0 + 100);
    expect(offers(e.dispatch(T0 + 100))).toEqual([]);
    e.setSelected('b', 'ready', null, T0 + 200);
    expect(offers(e.dispatch(T0 + 200)).map((o) => o.agentId)).toEqual(['b']);
  });

  it('with the cooldown off, a lone agent gets the item straight back', () => {
    const e = engine({ declineCooldownMs: 0 });
    e.addAgent(agent('only', { ventas: 5 }));
    e.enqueue(chat('i1'));
    const [first] = offers(e.dispatch(T0));
    e.decline(first!.offerId, 'only', T0 + 1);
    expect(offers(e.dispatch(T0 + 1)).map((o) => o.agentId)).toEqual(['only']);
    expect(e.nextDeadline(T0 + 1)).toBe(T0 + 1 + 30_000);
  });

  it('a waiting call takes over a pending chat offer when nobody else is free; the chat keeps its place', () => {
    const e = engine();
    e.addAgent(agent('ana', { ventas: 5, voz: 5 }));
    e.enqueue(chat('chat-1'));
    const [chatOffer] = offers(e.dispatch(T0));
    expect(chatOffer?.itemId).toBe('chat-1');
    e.enqueue({ id: 'call-1', channel: 'voice', queueId: 'voz', priority: 30, createdAt: T0 + 1000 });
    const effects = e.dispatch(T0 + 1000);
    expect(effects[0]).toMatchObject({ kind: 'offer-ended', reason: 'cancelled', offer: { offerId: chatOffer?.offerId } });
    expect(offers(effects).map((o) => [o.itemId, o.agentId])).toEqual([['call-1', 'ana']]);
    expect(e.queuedItemIds()).toEqual(['chat-1']);
    // The withdrawn offer is not a miss.
    expect(e.agentSelection('ana')?.consecutiveMissed).toBe(0);
  });

  it('a call does not take over an offer of equal or higher priority, nor another call', () => {
    const e = engine();
    e.addAgent(agent('ana', { ventas: 5, voz: 5 }));
    e.enqueue({ ...chat('vip-chat', 'vip'), priority: 50 });
    e.dispatch(T0);
    e.enqueue({ id: 'call-1', channel: 'voice', queueId: 'voz', priority: 30, createdAt: T0 + 1 });
    expect(offers(e.dispatch(T0 + 1))).toEqual([]);
    expect(e.queuedItemIds()).toEqual(['call-1']);

    const f = engine();
    f.addAgent(agent('jordi', { voz: 5 }));
    f.enqueue({ id: 'call-a', channel: 'voice', queueId: 'voz', priority: 30, createdAt: T0 });
    f.dispatch(T0);
    f.enqueue({ id: 'call-b', channel: 'voice', queueId: 'voz', priority: 30, createdAt: T0 + 1 });
    expect(f.dispatch(T0 + 1)).toEqual([]);
  });

  it('expires an offer after the timeout and moves the item to the next agent', () => {
    const e = engine();
    e.addAgent(agent('a', { ventas: 5 }, T0 - 2000));
    e.addAgent(agent('b', { ventas: 5 }, T0 - 1000));
    e.enqueue(chat('i1'));
    const [first] = offers(e.dispatch(T0));
    expect(e.nextDeadline(T0)).toBe(T0 + 30_000);
    expect(e.expireDue(T0 + 29_999)).toEqual([]);
    const expired = e.expireDue(T0 + 30_000);
    expect(expired[0]).toMatchObject({ kind: 'offer-ended', reason: 'expired', offer: { offerId: first!.offerId } });
    expect(offers(e.dispatch(T0 + 30_000)).map((o) => o.agentId)).toEqual(['b']);
  });

  it('puts an agent not-ready "missed" after the configured number of consecutive expiries', () => {
    const e = engine({ maxMissedOffers: 2 });
    e.addAgent(agent('sleepy', { ventas: 5 }));
    e.enqueue(chat('i1'));
    offers(e.dispatch(T0));
    expect(e.expireDue(T0 + 30_000).map((x) => x.kind)).toEqual(['offer-ended', 'missed-count']);
    offers(e.dispatch(T0 + 30_000));
    const second = e.expireDue(T0 + 60_000);
    expect(second.find((x) => x.kind === 'agent-not-ready')).toMatchObject({ agentId: 'sleepy', reasonCode: 'missed' });
    expect(e.agentSelection('sleepy')).toMatchObject({ selected: 'not-ready', reasonCode: 'missed' });
    expect(e.dispatch(T0 + 60_000)).toEqual([]);
  });

  it('resets the miss count when the agent accepts', () => {
    const e = engine({ maxMissedOffers: 2 });
    e.addAgent(agent('a', { ventas: 5 }));
    e.enqueue(chat('i1'));
    e.enqueue(chat('i2', 'ventas', T0 + 1));
    offers(e.dispatch(T0));
    e.expireDue(T0 + 30_000);
    const [again] = offers(e.dispatch(T0 + 30_000));
    expect(e.accept(again!.offerId, 'a').ok).toBe(true);
    expect(e.agentSelection('a')?.consecutiveMissed).toBe(0);
  });

  it('re-queues the offered item at once when the agent goes not-ready', () => {
    const e = engine();
    e.addAgent(agent('a', { ventas: 5 }));
    e.enqueue(chat('i1'));
    const [offer] = offers(e.dispatch(T0));
    const effects = e.setSelected('a', 'not-ready', 'break', T0 + 5);
    expect(effects).toEqual([{ kind: 'offer-ended', offer, reason: 'cancelled' }]);
    expect(e.queuedItemIds()).toEqual(['i1']);
  });

  it('fills chat capacity up to three, never beyond', () => {
    const e = engine();
    e.addAgent(agent('a', { ventas: 5 }));
    for (let i = 1; i <= 4; i++) e.enqueue(chat(`i${i}`, 'ventas', T0 + i));
    for (let i = 1; i <= 3; i++) {
      const [o] = offers(e.dispatch(T0 + 10 * i));
      expect(o?.itemId).toBe(`i${i}`);
      expect(e.accept(o!.offerId, 'a').ok).toBe(true);
    }
    expect(offers(e.dispatch(T0 + 100))).toEqual([]);
    expect(e.heldCounts('a')).toEqual({ voice: 0, chat: 3, email: 0 });
    e.release('i2', T0 + 200);
    expect(offers(e.dispatch(T0 + 200)).map((o) => o.itemId)).toEqual(['i4']);
  });

  it('keeps voice exclusive: nothing is offered while an agent holds a call', () => {
    const e = engine();
    e.addAgent(agent('a', { ventas: 5, voz: 5 }));
    e.enqueue({ id: 'call', channel: 'voice', queueId: 'voz', priority: 30, createdAt: T0 });
    const [call] = offers(e.dispatch(T0));
    e.accept(call!.offerId, 'a');
    e.enqueue(chat('c1'));
    e.enqueue({ id: 'm1', channel: 'email', queueId: 'correo', priority: 0, createdAt: T0 });
    expect(offers(e.dispatch(T0 + 1))).toEqual([]);
    e.release('call', T0 + 2);
    expect(offers(e.dispatch(T0 + 2)).map((o) => o.itemId)).toEqual(['c1']);
  });

  it('lets a call interrupt at most maxChatsDuringVoice open chats', () => {
    const e = engine();
    e.addAgent(agent('a', { ventas: 5, voz: 5 }));
    for (const id of ['c1', 'c2']) {
      e.enqueue(chat(id, 'ventas', T0));
      const [o] = offers(e.dispatch(T0));
      e.accept(o!.offerId, 'a');
    }
    e.enqueue({ id: 'call', channel: 'voice', queueId: 'voz', priority: 30, createdAt: T0 });
    expect(offers(e.dispatch(T0 + 1))).toEqual([]);
    e.release('c2', T0 + 2);
    expect(offers(e.dispatch(T0 + 2)).map((o) => o.itemId)).toEqual(['call']);
  });

  it('keeps email within its own ceiling without blocking calls', () => {
    const e = engine();
    e.addAgent(agent('a', { voz: 5 }));
    for (const id of ['m1', 'm2', 'm3']) {
      e.enqueue({ id, channel: 'email', queueId: 'correo', priority: 0, createdAt: T0 });
      const [o] = offers(e.dispatch(T0));
      if (o) e.accept(o.offerId, 'a');
    }
    expect(e.heldCounts('a').email).toBe(2);
    e.enqueue({ id: 'call', channel: 'voice', queueId: 'voz', priority: 30, createdAt: T0 });
    expect(offers(e.dispatch(T0 + 1)).map((o) => o.itemId)).toEqual(['call']);
  });

  it('refuses to accept an offer made to someone else', () => {
    const e = engine();
    e.addAgent(agent('a', { ventas: 5 }));
    e.addAgent(agent('b', { ventas: 0 }));
    e.enqueue(chat('i1'));
    const [o] = offers(e.dispatch(T0));
    expect(e.accept(o!.offerId, 'b')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
