import { afterEach, describe, expect, it } from 'vitest';
import type { ItemView, Offer } from '../../../src-common/domain';
import type { DesktopView } from '../../../src-common/ipc';
import type { Intents } from '../../../src-renderer/intents';
import { handleShortcut } from '../../../src-renderer/keyboard/use-shortcuts';
import { createAppStore } from '../../../src-renderer/store/app-store';
import { selectContextCustomerId, selectFocusedItem, selectOldestOffer } from '../../../src-renderer/store/selectors';

function item(id: string, customerId: string | null, state: ItemView['state'] = 'offered'): ItemView {
  return {
    id, channel: 'chat', queueId: 'ventas', priority: 0, customerId, subject: `s-${id}`, from: 'x@example.es', state,
    agentId: 'ana', createdAt: '2026-01-01T10:00:00Z', offeredAt: null, acceptedAt: null, endedAt: null,
    preview: '', disposition: null, notes: null, wrapUpDeadline: null,
  };
}
function offer(id: string, offeredAt: string, customerId: string | null): Offer {
  return { offerId: id, item: item(`i-${id}`, customerId), agentId: 'ana', offeredAt, expiresAt: '2026-01-01T10:01:00Z' };
}
function view(offers: Offer[], items: ItemView[]): DesktopView {
  return { status: 'online', hubUrl: '', user: null, lastError: null, presence: null, offers, items, config: null, serverTimeOffsetMs: 0, outboxPending: 0, outboxRefused: [] };
}

const calls: string[] = [];
const intents = {
  acceptOffer: async (id: string) => void calls.push(`accept ${id}`),
  declineOffer: async (id: string) => void calls.push(`decline ${id}`),
  endItem: async (id: string) => void calls.push(`end ${id}`),
} as Pick<Intents, 'acceptOffer' | 'declineOffer' | 'endItem'> as Intents;
const key = (code: string, altKey = true) => ({ code, altKey, ctrlKey: false, metaKey: false, shiftKey: false });

afterEach(() => {
  calls.length = 0;
});

describe('what the agent screen focuses on', () => {
  it('acts on the oldest offer first and shows its customer while nothing is assigned', () => {
    const store = createAppStore();
    store.getState().applyView(view([offer('b', '2026-01-01T10:00:05Z', 'c-b'), offer('a', '2026-01-01T10:00:01Z', 'c-a')], []));
    expect(selectOldestOffer(store.getState())?.offerId).toBe('a');
    expect(selectContextCustomerId(store.getState())).toBe('c-a');
  });

  it('prefers the selected assigned item, then falls back to the first one when it goes away', () => {
    const store = createAppStore();
    store.getState().applyView(view([offer('a', '2026-01-01T10:00:01Z', 'c-a')], [item('w1', 'c-1', 'accepted'), item('w2', 'c-2', 'accepted')]));
    store.getState().selectItem('w2');
    expect(selectContextCustomerId(store.getState())).toBe('c-2');
    store.getState().applyView(view([], [item('w1', 'c-1', 'accepted')]));
    expect(selectFocusedItem(store.getState())?.id).toBe('w1');
  });

  it('keeps showing the last customer after the work is done', () => {
    const store = createAppStore();
    store.getState().rememberCustomer('c-9');
    store.getState().applyView(view([], []));
    expect(selectContextCustomerId(store.getState())).toBe('c-9');
  });
});

describe('keyboard shortcuts', () => {
  it('Alt+A accepts and Alt+D declines the oldest offer; Alt+E ends the focused item', () => {
    const store = createAppStore();
    store.getState().applyView(view([offer('b', '2026-01-01T10:00:05Z', null), offer('a', '2026-01-01T10:00:01Z', null)], [item('w1', null, 'accepted')]));
    expect(handleShortcut(key('KeyA'), store, intents, () => undefined)).toBe(true);
    expect(handleShortcut(key('KeyD'), store, intents, () => undefined)).toBe(true);
    expect(handleShortcut(key('KeyE'), store, intents, () => undefined)).toBe(true);
    expect(calls).toEqual(['accept a', 'decline a', 'end w1']);
  });

  it('does nothing without Alt, or when the agent turned shortcuts off', () => {
    const store = createAppStore();
    store.getState().applyView(view([offer('a', '2026-01-01T10:00:01Z', null)], []));
    expect(handleShortcut(key('KeyA', false), store, intents, () => undefined)).toBe(false);
    store.getState().applySettings({
      values: { hubUrl: '', language: 'es', notifications: true, autoUpdate: 'notify', keyboardShortcuts: false, logLevel: 'info', microphoneId: '', speakerId: '', ringerId: '', ringtone: 'classic', ringerVolume: 60, updateChannel: 'stable', updateUrl: '', startAtLogin: false, globalShortcuts: false, shortcutAnswer: 'CommandOrControl+Alt+A', shortcutHangUp: 'CommandOrControl+Alt+E', shortcutMute: 'CommandOrControl+Alt+M', voiceInterfaces: 'default-route' },
      locked: [],
      policyError: null,
      policyIssues: [],
      origins: {},
    });
    expect(handleShortcut(key('KeyA'), store, intents, () => undefined)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('Alt+Q moves focus to the queue', () => {
    const store = createAppStore();
    let focused = false;
    handleShortcut(key('KeyQ'), store, intents, () => {
      focused = true;
    });
    expect(focused).toBe(true);
  });
});
