import { describe, expect, it } from 'vitest';
import type { ChatConversation, ChatMessage, ChatWhisper } from '../../../src-common/chat';
import type { DesktopApi } from '../../../src-common/ipc';
import { ok } from '../../../src-common/result';
import { createChatController } from '../../../src-renderer/chat/chat-controller';
import { createAppStore } from '../../../src-renderer/store/app-store';

const conversation: ChatConversation = {
  id: 'conv-1',
  itemId: 'i-9',
  state: 'active',
  customerName: 'María',
  topic: 'billing',
  agentName: 'Ana',
  lastSeq: 1,
  customerReadSeq: 0,
  agentReadSeq: 0,
  closedBy: null,
};
function message(seq: number): ChatMessage {
  return { conversationId: 'conv-1', seq, clientId: null, author: 'customer', authorName: 'María', text: `m${seq}`, at: '2026-03-02T10:00:00Z' };
}
function whisper(id: number): ChatWhisper {
  return { id, itemId: 'i-9', authorId: 'sara', authorName: 'Sara Vidal', text: `w${id}`, at: `2026-03-02T10:0${id}:00Z` };
}

describe('whispers and monitored chats in the app store', () => {
  it('keeps the whispers of the transcript and of live events once each, in time order', () => {
    const store = createAppStore();
    store.getState().applyChatEvent({ kind: 'chat-whisper', itemId: 'i-9', whisper: whisper(2) }, 0);
    store.getState().applyChatTranscript('i-9', { conversation, messages: [message(1)], whispers: [whisper(1), whisper(2)] });
    store.getState().applyChatEvent({ kind: 'chat-whisper', itemId: 'i-9', whisper: whisper(2) }, 0);
    expect(store.getState().chatThreads['i-9']?.whispers.map((w) => w.text)).toEqual(['w1', 'w2']);
  });

  it('reads a transcript without whispers (a hub that sends none) as a chat with none', () => {
    const store = createAppStore();
    store.getState().applyChatTranscript('i-9', { conversation, messages: [message(1)] });
    expect(store.getState().chatThreads['i-9']?.whispers).toEqual([]);
  });

  it("follows a monitored chat's messages, typing and closing though it is not one of the supervisor's items", () => {
    const store = createAppStore();
    store.getState().setChatMonitored('i-9', true);
    store.getState().applyChatEvent({ kind: 'chat-message', itemId: 'i-9', message: message(1) }, 0);
    store.getState().applyChatEvent({ kind: 'chat-typing', itemId: 'i-9', typing: true }, 5_000);
    expect(store.getState().chatThreads['i-9']).toMatchObject({ messages: [{ seq: 1 }], customerTypingSince: 5_000 });
    store.getState().applyChatEvent({ kind: 'chat-closed', itemId: 'i-9', conversation: { ...conversation, state: 'closed', closedBy: 'customer' } }, 6_000);
    expect(store.getState().chatThreads['i-9']).toMatchObject({ conversation: { state: 'closed' }, customerTypingSince: null });
    expect(store.getState().view?.items.some((i) => i.id === 'i-9') ?? false).toBe(false);
  });

  it('remembers which chats are monitored until monitoring stops', () => {
    const store = createAppStore();
    store.getState().setChatMonitored('i-9', true);
    store.getState().setChatMonitored('i-9', true);
    store.getState().setChatMonitored('i-7', true);
    expect(store.getState().monitoredChats).toEqual(['i-9', 'i-7']);
    store.getState().setChatMonitored('i-9', false);
    expect(store.getState().monitoredChats).toEqual(['i-7']);
  });

  it("after the link to main comes back, re-reads the agent's own chats but leaves monitored ones to their monitor", async () => {
    const store = createAppStore();
    const asked: unknown[] = [];
    const api: DesktopApi = {
      invoke: (async (op: string, params: unknown) => {
        asked.push({ op, params });
        return ok({ conversation, messages: [] });
      }) as DesktopApi['invoke'],
      on: (() => () => undefined) as DesktopApi['on'],
    };
    store.getState().applyChatEvent({ kind: 'chat-message', itemId: 'i-1', message: message(1) }, 0);
    store.getState().applyChatEvent({ kind: 'chat-message', itemId: 'i-9', message: message(1) }, 0);
    store.getState().setChatMonitored('i-9', true);
    createChatController(api, store, () => 'client-1').refreshOpen();
    await Promise.resolve();
    expect(asked).toEqual([{ op: 'chat.transcript', params: { itemId: 'i-1' } }]);
  });

  it('shows who monitors a chat while they do, each once, and forgets them when they stop', () => {
    const store = createAppStore();
    const monitoring = (supervisorId: string, name: string, on: boolean) =>
      store.getState().applyChatEvent({ kind: 'chat-monitoring', itemId: 'i-9', supervisorId, supervisorName: name, monitoring: on }, 0);
    monitoring('sara', 'Sara Vidal', true);
    monitoring('sara', 'Sara Vidal', true);
    monitoring('pol', 'Pol Ferrer', true);
    expect(store.getState().chatThreads['i-9']?.monitoredBy.map((s) => s.name)).toEqual(['Sara Vidal', 'Pol Ferrer']);
    monitoring('sara', 'Sara Vidal', false);
    expect(store.getState().chatThreads['i-9']?.monitoredBy.map((s) => s.name)).toEqual(['Pol Ferrer']);
  });
});
