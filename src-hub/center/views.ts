/** Storage rows -> protocol shapes. */
import type { AgentConfigView, AgentPresence, Offer } from '../../src-common/domain';
import type { HubConfig } from '../../src-common/hub-config';
import type { AgentSnapshot, ItemView } from '../../src-common/protocol';
import type { HubStore, OfferRow, PresenceRow, WorkItemRow } from '../storage/repositories';

export function itemView(row: WorkItemRow): ItemView {
  return {
    id: row.id,
    channel: row.channel,
    queueId: row.queueId,
    priority: row.priority,
    customerId: row.customerId,
    subject: row.subject,
    from: row.from,
    state: row.state,
    agentId: row.agentId,
    createdAt: row.createdAt,
    offeredAt: row.offeredAt,
    acceptedAt: row.acceptedAt,
    endedAt: row.endedAt,
    preview: row.preview,
    disposition: row.disposition,
    notes: row.notes,
    ...(row.transfer ? { transfer: row.transfer } : {}),
    wrapUpDeadline: row.wrapUpDeadline,
  };
}

export function offerView(offer: OfferRow, item: WorkItemRow): Offer {
  const { wrapUpDeadline: _ignored, ...workItem } = itemView(item);
  return { offerId: offer.id, item: workItem, agentId: offer.agentId, offeredAt: offer.offeredAt, expiresAt: offer.expiresAt };
}

export function presenceView(row: PresenceRow): AgentPresence {
  return { agentId: row.agentId, state: row.state, reasonCode: row.state === 'not-ready' ? row.reasonCode : null, since: row.since };
}

export function agentConfigView(config: HubConfig): AgentConfigView {
  return {
    reasonCodes: config.reasonCodes,
    dispositions: config.dispositions,
    queues: config.queues.map((q) => ({ id: q.id, name: q.name, channel: q.channel })),
    wrapUpSeconds: config.wrapUpSeconds,
    offerTimeoutSeconds: config.offerTimeoutSeconds,
    cannedResponses: config.cannedResponses,
    transferAgents: config.users.filter((u) => u.role !== 'admin').map((u) => ({ id: u.id, displayName: u.displayName })),
    crmCustomerUrl: config.crm?.customerUrl ?? null,
  };
}

/** Everything a desktop needs to draw itself from nothing (welcome without resume). */
export function agentSnapshot(store: HubStore, config: HubConfig, userId: string): AgentSnapshot | null {
  const user = store.users.byId(userId);
  const presence = store.presence.get(userId);
  if (!user || !presence) return null;
  const offers = store.offers
    .listPending()
    .filter((o) => o.agentId === userId)
    .flatMap((o) => {
      const item = store.items.get(o.itemId);
      return item ? [offerView(o, item)] : [];
    });
  return { user, presence: presenceView(presence), offers, items: store.items.listHeldBy(userId).map(itemView), config: agentConfigView(config) };
}
