/** Storage rows -> protocol shapes. */
import type { AgentConfigView, AgentPresence, ItemView, Offer, PhoneProvisioning } from '../../src-common/domain';
import type { HubConfig } from '../../src-common/hub-config';
import type { AgentSnapshot, QueueBacklog } from '../../src-common/protocol';
import type { HubStore, OfferRow, PresenceRow, WorkItemRow } from '../storage/repositories';

/** A user's SIP address: sip:<sipUser, else username>@<voice.sipDomain>. */
export function agentSipUri(config: HubConfig, user: { sipUser?: string | undefined; username: string }): string {
  return `sip:${user.sipUser ?? user.username}@${config.voice.sipDomain}`;
}

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
    ...(row.direction === 'outbound' ? { direction: 'outbound' as const } : {}),
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

/** The hub has a SIP server its agents' phones use (lab proxy, external server, or routing API). */
function hasVoice(config: HubConfig): boolean {
  const voice = config.voice;
  return voice.labProxy.enabled || voice.phoneServer !== undefined || voice.routingSecret !== undefined;
}

/** A number that reaches a voice queue (the first configured one), for transferring calls to it. */
function dialNumberOf(config: HubConfig, queueId: string): string | undefined {
  return Object.entries(config.voice.numbers).find(([, id]) => id === queueId)?.[0];
}

export function agentConfigView(config: HubConfig): AgentConfigView {
  const voice = hasVoice(config);
  return {
    reasonCodes: config.reasonCodes,
    dispositions: config.dispositions,
    queues: config.queues.map((q) => {
      const dialNumber = voice && q.channel === 'voice' ? dialNumberOf(config, q.id) : undefined;
      return {
        id: q.id,
        name: q.name,
        ...(q.names ? { names: q.names } : {}),
        channel: q.channel,
        ...(dialNumber !== undefined ? { dialNumber } : {}),
        ...(q.responseTargetMinutes !== undefined ? { responseTargetMinutes: q.responseTargetMinutes } : {}),
      };
    }),
    wrapUpSeconds: config.wrapUpSeconds,
    offerTimeoutSeconds: config.offerTimeoutSeconds,
    cannedResponses: config.cannedResponses,
    emailTemplates: config.emailTemplates,
    emailSignatures: config.emailSignatures,
    transferAgents: config.users
      .filter((u) => u.role !== 'admin')
      .map((u) => ({ id: u.id, displayName: u.displayName, ...(voice ? { sipUri: agentSipUri(config, u) } : {}) })),
    crmCustomerUrl: config.crm?.customerUrl ?? null,
  };
}

/** Everything a desktop needs to draw itself from nothing (welcome without resume). */
export function agentSnapshot(store: HubStore, config: HubConfig, userId: string, backlog: QueueBacklog[]): AgentSnapshot | null {
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
  return { user, presence: presenceView(presence), offers, items: store.items.listHeldBy(userId).map(itemView), config: agentConfigView(config), backlog };
}

/**
 * The snapshot with this agent's phone provisioning (per agent: AOR and password differ), which
 * the hub's phone directory knows once the server listens.
 */
export function withPhone(snapshot: AgentSnapshot | null, phone: PhoneProvisioning | null): AgentSnapshot | null {
  return snapshot ? { ...snapshot, config: { ...snapshot.config, phone } } : null;
}
