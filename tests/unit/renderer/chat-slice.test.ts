import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src-common/chat';
import { createAppStore } from '../../../src-renderer/store/app-store';
import { unreadCount } from '../../../src-renderer/store/chat-slice';

function message(seq: number, author: ChatMessage['author'], clientId: string | null = null): ChatMessage {
  return { conversationId: 'conv-1', seq, clientId, author, authorName: author === 'agent' ? 'Ana' : 'María', text: `m${seq}`, at: '2026-01-01T10:00:00.000Z' };
}

describe('chats in the app store', () => {
  it('a replayed message never shows twice, and the transcript merges by seq', () => {
    const store = createAppStore();
    store.getState().applyChatEvent({ kind: 'chat-message', itemId: 'i-1', message: message(2, 'customer') }, 0);
    store.getState().applyChatEvent({ kind: 'chat-message', itemId: 'i-1', message: message(2, 'customer') }, 0);
    const conversation = { id: 'conv-1', itemId: 'i-1', state: 'active', customerName: 'María', topic: 'billing', agentName: 'Ana', lastSeq: 2, customerReadSeq: 0, agentReadSeq: 0, closedBy: null } as const;
    store.getState().applyChatTranscript('i-1', { conversation, messages: [message(1, 'customer'), message(2, 'customer')] });
    expect(store.getState().chatThreads['i-1']?.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(unreadCount(store.getState().chatThreads['i-1'])).toBe(2);
    store.getState().markChatSeen('i-1', 2);
    expect(unreadCount(store.getState().chatThreads['i-1'])).toBe(0);
  });

  it('a message on its way stays pending until the hub echoes it, and a customer message ends their typing', () => {
    const store = createAppStore();
    store.getState().applyChatEvent({ kind: 'chat-typing', itemId: 'i-1', typing: true }, 1_000);
    store.getState().addPendingChatMessage('i-1', { clientId: 'c-1', text: 'hola' });
    expect(store.getState().chatThreads['i-1']).toMatchObject({ pending: [{ clientId: 'c-1' }], customerTypingSince: 1_000 });
    store.getState().applyChatEvent({ kind: 'chat-message', itemId: 'i-1', message: message(1, 'agent', 'c-1') }, 2_000);
    expect(store.getState().chatThreads['i-1']?.pending).toEqual([]);
    expect(store.getState().chatThreads['i-1']?.customerTypingSince).toBe(1_000);
    store.getState().applyChatEvent({ kind: 'chat-message', itemId: 'i-1', message: message(2, 'customer') }, 3_000);
    expect(store.getState().chatThreads['i-1']?.customerTypingSince).toBeNull();
  });

  it('phone and chat live in the same store without touching each other', () => {
    const store = createAppStore();
    store.getState().addPendingChatMessage('i-1', { clientId: 'c-1', text: 'hola' });
    store.getState().applyPhoneEvent({ type: 'registration', transport: 'connected', registration: 'registered', message: null });
    store.getState().setDialpadOpen(true);
    expect(store.getState().chatThreads['i-1']?.pending).toHaveLength(1);
    expect(store.getState().phone.registration.registration).toBe('registered');
    expect(store.getState().dialpadOpen).toBe(true);
  });
});
