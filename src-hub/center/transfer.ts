/**
 * Transfer: an agent hands an accepted item to another agent or to a queue, with a note.
 *
 * Model (what Genesys Cloud and Amazon Connect do with a chat transfer): the conversation with
 * the customer goes on; the transferring agent's part ends at once with no after-contact work
 * (the wrap-up belongs to whoever finishes the conversation), and the item carries a
 * `transfer` record (from, when, to, note) that the next agent sees on the offer and in the
 * workspace. Capacity moves with it: the first agent is free right away.
 *
 * - To an agent: a direct offer to that agent, with the usual timeout. Declined or expired, the
 *   item does not bounce back to the first agent (they may be busy with others by then): it waits
 *   in its queue and routing offers it to the next eligible agent.
 * - To a queue: the item waits in that queue (same channel) at its original arrival time, so a
 *   transferred customer is not sent to the back of the line.
 */
import type { ItemView, WorkTransfer } from '../../src-common/domain';
import type { HubConfig } from '../../src-common/hub-config';
import type { TransferTarget } from '../../src-common/protocol';
import { err, ok, type Result } from '../../src-common/result';
import { iso } from '../clock';
import { hasCapacityFor } from '../routing/capacity';
import type { RoutingEngine } from '../routing/engine';
import type { HubStore, WorkItemRow } from '../storage/repositories';
import type { EventStream } from './event-stream';
import { itemView, offerView } from './views';
import { routingItemOf } from './work-item-rows';

/** What a transfer needs of the contact center; it runs inside the center's transaction. */
export interface TransferPorts {
  config: HubConfig;
  store: HubStore;
  events: EventStream;
  engine: RoutingEngine;
  now: number;
  newOfferId: () => string;
  refreshPresence: (agentId: string, cause: string) => void;
  dispatch: () => void;
  /** Whether the agent's desktop can show the work now: a transfer never goes to a closed tab. */
  canTakeWork: (agentId: string) => boolean;
}

export function transferWork(ports: TransferPorts, userId: string, itemId: string, target: TransferTarget, note: string): Result<ItemView> {
  const { store, engine, now } = ports;
  const item = store.items.get(itemId);
  if (!item) return err('not-found', 'This work item does not exist.');
  if (item.agentId !== userId) return err('forbidden', 'This work item is assigned to another agent.');
  if (item.state !== 'accepted') return err('conflict', 'Only work in progress can be transferred.');

  const checked = checkTarget(ports, item, userId, target);
  if (!checked.ok) return checked;

  const at = iso(now);
  const from = store.users.byId(userId);
  const transfer: WorkTransfer = {
    fromAgentId: userId,
    fromAgentName: from?.displayName ?? userId,
    at,
    toAgentId: target.kind === 'agent' ? target.agentId : null,
    toQueueId: checked.value,
    note,
  };
  // The first agent lets go: capacity freed, routing forgets who held it.
  engine.release(item.id, now);
  const base: WorkItemRow = { ...item, queueId: checked.value, acceptedAt: null, offeredAt: null, agentId: null, state: 'queued', transfer };
  let moved: WorkItemRow;
  if (target.kind === 'agent') {
    moved = { ...base, state: 'offered', agentId: target.agentId, offeredAt: at };
    store.items.save(moved);
    offerDirectly(ports, moved, target.agentId);
  } else {
    engine.enqueue(routingItemOf(base));
    moved = base;
    store.items.save(moved);
  }
  // The first agent's desktop drops the item (no longer theirs); the chat channel hears it too.
  ports.events.publish(userId, { kind: 'item', item: itemView(moved) }, at);
  ports.refreshPresence(userId, 'transferred');
  ports.dispatch();
  const latest = store.items.get(item.id) ?? moved;
  return ok(itemView(latest));
}

/**
 * Offers a stored item (already in its offered state) to one agent only, with the usual
 * timeout: routing holds the offer, storage records it and the agent's desktop hears of it.
 */
export function offerDirectly(ports: Pick<TransferPorts, 'config' | 'store' | 'events' | 'engine' | 'now' | 'newOfferId'>, row: WorkItemRow, agentId: string): void {
  const { config, store, engine, now } = ports;
  const at = iso(now);
  const offerId = ports.newOfferId();
  const expiresAt = now + config.offerTimeoutSeconds * 1000;
  engine.restoreOffer(routingItemOf(row), { offerId, itemId: row.id, agentId, offeredAt: now, expiresAt });
  const offer = { id: offerId, itemId: row.id, agentId, offeredAt: at, expiresAt: iso(expiresAt), outcome: null, endedAt: null };
  store.offers.insert(offer);
  ports.events.publish(agentId, { kind: 'offer', offer: offerView(offer, row) }, at);
}

/** The queue the item will belong to, once the target is known to be able to take it. */
export function checkTarget(ports: Pick<TransferPorts, 'config' | 'engine' | 'store' | 'canTakeWork'>, item: WorkItemRow, userId: string, target: TransferTarget): Result<string> {
  const { config, engine, store } = ports;
  if (target.kind === 'queue') {
    const queue = config.queues.find((q) => q.id === target.queueId);
    if (!queue) return err('bad-request', `Unknown queue "${target.queueId}".`);
    if (queue.channel !== item.channel) return err('bad-request', `Queue "${queue.name}" takes ${queue.channel} work, not ${item.channel}.`);
    return ok(queue.id);
  }
  if (target.agentId === userId) return err('bad-request', 'Choose another agent: this work is already yours.');
  const agent = config.users.find((u) => u.id === target.agentId);
  if (!agent || agent.role === 'admin') return err('bad-request', 'That person cannot take work.');
  const selection = engine.agentSelection(agent.id);
  const presence = store.presence.get(agent.id);
  if (selection?.selected !== 'ready' || !presence || !ports.canTakeWork(agent.id)) {
    return err('conflict', `${agent.displayName} is not available right now; try a queue instead.`);
  }
  if (engine.pendingOffers().some((o) => o.agentId === agent.id)) return err('conflict', `${agent.displayName} is being offered other work; try again in a moment.`);
  if (!hasCapacityFor(engine.heldCounts(agent.id), item.channel, config.capacity)) return err('conflict', `${agent.displayName} has no room for more ${item.channel} work right now.`);
  return ok(item.queueId);
}

/**
 * A supervisor moves work nobody has taken yet: to another queue of its channel (where it keeps
 * its arrival time, so the customer does not go to the back of the line), or offered to a named
 * agent who can take it now. Work being offered at this moment waits for that offer to end.
 */
export function moveWaitingWork(ports: TransferPorts, itemId: string, target: TransferTarget): Result<ItemView> {
  const { store, engine, now } = ports;
  const item = store.items.get(itemId);
  if (!item) return err('not-found', 'This work item does not exist.');
  if (item.state === 'offered') return err('conflict', 'This work is being offered to an agent right now; try again in a moment.');
  if (item.state !== 'queued') return err('conflict', 'Only work that is still waiting can be moved.');
  // No agent holds waiting work, so nobody is excluded as "yourself".
  const checked = checkTarget(ports, item, '', target);
  if (!checked.ok) return checked;
  engine.release(item.id, now);
  const base: WorkItemRow = { ...item, queueId: checked.value };
  if (target.kind === 'agent') {
    const offered: WorkItemRow = { ...base, state: 'offered', agentId: target.agentId, offeredAt: iso(now) };
    store.items.save(offered);
    offerDirectly(ports, offered, target.agentId);
  } else {
    store.items.save(base);
    engine.enqueue(routingItemOf(base));
  }
  ports.dispatch();
  return ok(itemView(store.items.get(item.id) ?? base));
}
