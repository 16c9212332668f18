/**
 * Building the routing state from storage: at start-up (after a restart or crash) and after a
 * rolled-back transaction, when the in-memory engine may have moved ahead of the database.
 */
import type { HubConfig } from '../../src-common/hub-config';
import { iso, parseIso } from '../clock';
import type { HubLogger } from '../log';
import { RoutingEngine } from '../routing/engine';
import type { HubStore } from '../storage/repositories';
import type { EventStream } from './event-stream';
import { routingItemOf } from './work-item-rows';

export function newRoutingEngine(config: HubConfig, newOfferId: () => string): RoutingEngine {
  return new RoutingEngine(
    {
      capacity: config.capacity,
      offerTimeoutMs: config.offerTimeoutSeconds * 1000,
      maxMissedOffers: config.maxMissedOffers,
      declineCooldownMs: config.declineCooldownSeconds * 1000,
      queues: config.queues,
    },
    newOfferId,
  );
}

/** Users come from the configuration; each gets a presence row (offline) the first time. */
export function syncUsersFromConfig(store: HubStore, config: HubConfig, now: number): void {
  for (const u of config.users) {
    store.users.upsert({ id: u.id, username: u.username, displayName: u.displayName, role: u.role }, iso(now));
    if (!store.presence.get(u.id)) {
      store.presence.save({ agentId: u.id, selected: 'offline', reasonCode: null, state: 'offline', since: iso(now), idleSince: iso(now), consecutiveMissed: 0 });
    }
  }
}

/**
 * Offers open when the previous process stopped go back to the queue: the desktops that had
 * them may be gone, and their countdowns did not survive. Their agents are told.
 */
export function cancelOffersInFlight(store: HubStore, events: EventStream, now: number): void {
  for (const offer of store.offers.listPending()) {
    store.offers.end(offer.id, 'cancelled', iso(now));
    const item = store.items.get(offer.itemId);
    if (item?.state === 'offered') store.items.save({ ...item, state: 'queued', agentId: null, offeredAt: null });
    events.publish(offer.agentId, { kind: 'offer-revoked', offerId: offer.id, itemId: offer.itemId, agentId: offer.agentId, reason: 'cancelled' }, iso(now));
  }
}

/** The routing state as storage has it: agents, waiting items, pending offers, held work. */
export function routingEngineFromStorage(store: HubStore, config: HubConfig, log: HubLogger, newOfferId: () => string): RoutingEngine {
  const engine = newRoutingEngine(config, newOfferId);
  const overrides = store.supervision.skillOverrides();
  for (const u of config.users) {
    const p = store.presence.get(u.id);
    if (p) engine.addAgent({ id: u.id, skills: overrides.get(u.id) ?? u.skills, selected: p.selected, reasonCode: p.reasonCode, idleSince: parseIso(p.idleSince), consecutiveMissed: p.consecutiveMissed });
  }
  const pending = new Map(store.offers.listPending().map((o) => [o.itemId, o]));
  for (const item of store.items.listOpen()) {
    if (!config.queues.some((q) => q.id === item.queueId)) {
      log.warn({ itemId: item.id, queueId: item.queueId }, 'open item in a queue the configuration no longer has; left queued');
      continue;
    }
    const init = routingItemOf(item);
    const offer = pending.get(item.id);
    if (item.state === 'queued') engine.enqueue(init);
    else if (item.state === 'offered' && offer) {
      engine.restoreOffer(init, { offerId: offer.id, itemId: item.id, agentId: offer.agentId, offeredAt: parseIso(offer.offeredAt), expiresAt: parseIso(offer.expiresAt) });
    } else if (item.agentId) engine.restoreHeld(init, item.agentId);
  }
  return engine;
}

/** Agents who chose to work (ready or not-ready) when the hub stopped: the ones it waits for. */
export function agentsExpectedOnline(store: HubStore): string[] {
  return store.users
    .list()
    .filter((u) => (store.presence.get(u.id)?.state ?? 'offline') !== 'offline')
    .map((u) => u.id);
}
