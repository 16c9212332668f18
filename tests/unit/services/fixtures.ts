/** Small builders for domain objects used by the services' unit tests. */
import type { ItemView, Offer, UserInfo } from '../../../src-common/domain';
import type { AgentSnapshot } from '../../../src-common/protocol';

export const ana: UserInfo = { id: 'ana', username: 'ana', displayName: 'Ana Martín', role: 'agent' };

export function item(id: string, overrides: Partial<ItemView> = {}): ItemView {
  return {
    id,
    channel: 'chat',
    queueId: 'ventas',
    priority: 0,
    customerId: 'cust-maria',
    subject: `Chat ${id}`,
    from: 'chat-1234',
    state: 'offered',
    agentId: 'ana',
    createdAt: '2025-01-01T10:00:00.000Z',
    offeredAt: '2025-01-01T10:00:01.000Z',
    acceptedAt: null,
    endedAt: null,
    preview: '',
    disposition: null,
    notes: null,
    wrapUpDeadline: null,
    ...overrides,
  };
}

export function offer(offerId: string, itemId: string, agentId = 'ana', offeredAt = '2025-01-01T10:00:01.000Z'): Offer {
  const { wrapUpDeadline: _ignored, ...workItem } = item(itemId, { agentId });
  return { offerId, item: workItem, agentId, offeredAt, expiresAt: '2025-01-01T10:00:21.000Z' };
}

export function snapshot(overrides: Partial<AgentSnapshot> = {}): AgentSnapshot {
  return {
    user: ana,
    presence: { agentId: 'ana', state: 'ready', reasonCode: null, since: '2025-01-01T09:00:00.000Z' },
    offers: [],
    items: [],
    config: { reasonCodes: [{ id: 'break', label: 'Descanso' }], dispositions: [{ id: 'resolved', label: 'Resuelto' }], queues: [], wrapUpSeconds: 30, offerTimeoutSeconds: 20 },
    ...overrides,
  };
}
