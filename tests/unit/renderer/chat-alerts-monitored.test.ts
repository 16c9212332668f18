import { describe, expect, it } from 'vitest';
import type { ChatDesktopEvent, ChatMessage } from '../../../src-common/chat';
import type { DesktopApi } from '../../../src-common/ipc';
import { startChatAlerts, type AlertSurface } from '../../../src-renderer/chat/chat-alerts';
import { createAppStore } from '../../../src-renderer/store/app-store';

const customerMessage: ChatMessage = { conversationId: 'conv-1', seq: 1, clientId: null, author: 'customer', authorName: 'María', text: 'Hola', at: '2026-03-02T10:00:00Z' };

describe('chat alerts for a supervisor', () => {
  it("raises no notification for a customer's message in a chat the supervisor only monitors", () => {
    const store = createAppStore();
    let deliver: (event: ChatDesktopEvent) => void = () => undefined;
    const api: DesktopApi = {
      invoke: (async () => ({ ok: true, value: null })) as DesktopApi['invoke'],
      on: ((_channel: string, listener: (event: ChatDesktopEvent) => void) => {
        deliver = listener;
        return () => undefined;
      }) as DesktopApi['on'],
    };
    const notified: string[] = [];
    const surface: AlertSurface = { isFocused: () => false, notify: (title) => notified.push(title) > 0, flashTitle: () => undefined, beep: () => undefined };
    startChatAlerts({ api, store, transport: 'web', text: { offer: (n) => `offer ${n}`, message: (n) => `message ${n}` }, surface });

    store.getState().setChatMonitored('i-9', true);
    deliver({ kind: 'chat-message', itemId: 'i-9', message: customerMessage });
    expect(notified).toEqual([]);
    deliver({ kind: 'chat-message', itemId: 'i-1', message: customerMessage });
    expect(notified).toEqual(['message María']);
  });
});
