/** Calls, offers and views for the renderer's phone tests (plain data, built with the real call model). */
import { applyCallEvent, newCall, type Call, type CallEvent } from '../../../src-common/call';
import type { ItemView, Offer } from '../../../src-common/domain';
import type { DesktopView } from '../../../src-common/ipc';

export function inboundCall(id: string, itemId: string | null, opts: { autoAnswer?: boolean } = {}): Call {
  return newCall({
    id,
    direction: 'inbound',
    remote: { uri: 'sip:+34600100200@lab', number: '+34600100200', displayName: 'María' },
    startedAt: '2026-01-01T10:00:00.000Z',
    itemId,
    autoAnswer: opts.autoAnswer ? { source: 'hub', delayMs: 0 } : null,
  });
}

/** Walks a call through events with the real state machine (throws on an impossible step). */
export function step(call: Call, ...events: CallEvent[]): Call {
  let current = call;
  for (const event of events) {
    const next = applyCallEvent(current, event);
    if (!next.ok) throw new Error(next.error.message);
    current = next.value;
  }
  return current;
}

export const AT = '2026-01-01T10:00:05.000Z';
export const connected = (call: Call): Call => step(call, { type: 'answering' }, { type: 'established', at: AT });

export function voiceItem(id: string, state: ItemView['state'] = 'offered'): ItemView {
  return {
    id, channel: 'voice', queueId: 'soporte-voz', priority: 0, customerId: 'c-1', subject: '+34600100200', from: '+34600100200', state,
    agentId: 'ana', createdAt: '2026-01-01T10:00:00Z', offeredAt: null, acceptedAt: null, endedAt: null,
    preview: '', disposition: null, notes: null, wrapUpDeadline: null,
  };
}

export function voiceOffer(itemId: string): Offer {
  return { offerId: `o-${itemId}`, item: voiceItem(itemId), agentId: 'ana', offeredAt: '2026-01-01T10:00:00Z', expiresAt: '2026-01-01T10:00:30Z' };
}

export function viewWith(offers: Offer[], items: ItemView[], phone = true): DesktopView {
  return {
    status: 'online', hubUrl: '', user: { id: 'ana', username: 'ana', displayName: 'Ana', role: 'agent' }, lastError: null, presence: null, offers, items,
    config: {
      reasonCodes: [], dispositions: [], queues: [], wrapUpSeconds: 30, offerTimeoutSeconds: 20,
      phone: phone ? { serverUrl: 'ws://127.0.0.1:1/ws/sip', aor: 'sip:ana@lab', authorizationUsername: 'ana', password: 'x', displayName: 'Ana', iceServers: [], dtmfMode: 'rfc4733', lab: true } : null,
    },
    serverTimeOffsetMs: 0, outboxPending: 0, outboxRefused: [],
  };
}
