/** Small, valid contract objects for the shell's unit tests. */
import type { ItemView, Offer } from '../../../src-common/domain';
import type { DesktopView } from '../../../src-common/ipc';

const at = '2026-01-15T10:00:00.000Z';

export function item(overrides: Partial<ItemView> = {}): ItemView {
  return {
    id: 'item-1',
    channel: 'chat',
    queueId: 'ventas',
    priority: 0,
    customerId: 'cust-maria',
    subject: 'Consulta sobre una factura',
    from: 'chat-abcd',
    state: 'offered',
    agentId: 'ana',
    createdAt: at,
    offeredAt: at,
    acceptedAt: null,
    endedAt: null,
    preview: '',
    disposition: null,
    notes: null,
    wrapUpDeadline: null,
    ...overrides,
  };
}

export function offer(offerId: string, subject = 'Consulta sobre una factura'): Offer {
  return { offerId, item: item({ id: `item-${offerId}`, subject }), agentId: 'ana', offeredAt: at, expiresAt: '2026-01-15T10:00:30.000Z' };
}

export function view(overrides: Partial<DesktopView> = {}): DesktopView {
  return {
    status: 'online',
    hubUrl: 'http://127.0.0.1:4100',
    user: { id: 'ana', username: 'ana', displayName: 'Ana Martín', role: 'agent' },
    lastError: null,
    presence: { agentId: 'ana', state: 'ready', reasonCode: null, since: at },
    offers: [],
    items: [],
    config: {
      reasonCodes: [
        { id: 'break', label: 'Descanso' },
        { id: 'lunch', label: 'Comida' },
      ],
      dispositions: [{ id: 'resolved', label: 'Resuelto' }],
      queues: [{ id: 'ventas', name: 'Ventas', channel: 'chat' }],
      wrapUpSeconds: 30,
      offerTimeoutSeconds: 20,
    },
    serverTimeOffsetMs: 0,
    outboxPending: 0,
    outboxRefused: [],
    ...overrides,
  };
}
