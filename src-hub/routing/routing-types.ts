/** What goes into the routing engine and what comes out of it. */
import type { Channel, SelectableAgentState } from '../../src-common/domain';
import type { CapacityConfig } from '../../src-common/hub-config';

export interface RoutingQueue {
  id: string;
  priority: number;
  requiredSkills: Readonly<Record<string, number>>;
}

export interface RoutingSettings {
  capacity: CapacityConfig;
  offerTimeoutMs: number;
  maxMissedOffers: number;
  /** After an agent declines an item, how long they are not offered that item again. */
  declineCooldownMs: number;
  queues: readonly RoutingQueue[];
}

export interface AgentInit {
  id: string;
  skills: Readonly<Record<string, number>>;
  selected: SelectableAgentState;
  reasonCode: string | null;
  idleSince: number;
  consecutiveMissed: number;
}

export interface ItemInit {
  id: string;
  channel: Channel;
  queueId: string;
  priority: number;
  createdAt: number;
  /** Offered to this agent first when they are offerable, skilled and have capacity; else routing as usual. */
  preferredAgentId?: string | null;
}

export interface PendingOffer {
  offerId: string;
  itemId: string;
  agentId: string;
  offeredAt: number;
  expiresAt: number;
}

export type OfferEndReason = 'declined' | 'expired' | 'cancelled' | 'abandoned';

export type RoutingEffect =
  | { kind: 'offered'; offer: PendingOffer }
  /** The offer is gone and its item is queued again (or, for 'abandoned', gone too). */
  | { kind: 'offer-ended'; offer: PendingOffer; reason: OfferEndReason }
  /** The engine changed an agent's selection itself (too many missed offers). */
  | { kind: 'agent-not-ready'; agentId: string; reasonCode: string; consecutiveMissed: number }
  | { kind: 'missed-count'; agentId: string; consecutiveMissed: number };
