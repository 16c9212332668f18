import { describe, expect, it } from 'vitest';
import type { ChatConversation, ChatMessage, ChatWhisper } from '../../../src-common/chat';
import type { DesktopApi } from '../../../src-common/ipc';
import { err, ok } from '../../../src-common/result';
import { createIntents, newClientId } from '../../../src-renderer/intents';
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
const customerMessage: ChatMessage = { conversationId: 'conv-1', seq: 1, clientId: null, author: 'customer', authorName: 'María', text: 'Hola', at: '2026-03-02T10:00:00Z' };
const saraWhisper: ChatWhisper = { id: 7, itemId: 'i-9', authorId: 'sara', authorName: 'Sara Vidal', text: 'Ofrécele el descuento', at: '2026-03-02T10:01:00Z' };
const bargeMessage: ChatMessage = { conversationId: 'conv-1', seq: 2, clientId: 'c-2', author: 'agent', authorName: 'Sara Vidal', text: 'Buenos días', at: '2026-03-02T10:02:00Z' };

function scriptedApi(answer: (op: string) => unknown) {
  const calls: { op: string; params: unknown }[] = [];
  const api: DesktopApi = {
    invoke: (async (op: string, params: unknown) => {
      calls.push({ op, params });
      return answer(op);
    }) as DesktopApi['invoke'],
    on: (() => () => undefined) as DesktopApi['on'],
  };
  return { api, calls };
}

describe('chat supervision intents', () => {
  it('monitoring a chat shows its transcript with whispers, and stopping forgets it is monitored', async () => {
    const store = createAppStore();
    const monitored = { itemId: 'i-9', transcript: { conversation, messages: [customerMessage], whispers: [saraWhisper] }, agentId: 'ana', agentName: 'Ana' };
    const { api, calls } = scriptedApi((op) => ok(op === 'supervisor.monitorChat' ? monitored : null));
    const intents = createIntents(api, store);
    expect(await intents.monitorChat('i-9')).toEqual({ ok: true, value: monitored });
    expect(store.getState().chatThreads['i-9']).toMatchObject({ messages: [{ text: 'Hola' }], whispers: [{ text: 'Ofrécele el descuento' }] });
    expect(store.getState().monitoredChats).toEqual(['i-9']);
    await intents.stopMonitoringChat('i-9');
    expect(store.getState().monitoredChats).toEqual([]);
    expect(calls).toEqual([
      { op: 'supervisor.monitorChat', params: { itemId: 'i-9' } },
      { op: 'supervisor.stopMonitoringChat', params: { itemId: 'i-9' } },
    ]);
  });

  it('sends each whisper and barge-in with a fresh client id and shows it at once', async () => {
    const store = createAppStore();
    const ids = ['client-0001', 'client-0002'];
    const { api, calls } = scriptedApi((op) => ok(op === 'supervisor.whisper' ? saraWhisper : bargeMessage));
    const intents = createIntents(api, store, () => ids.shift() ?? 'client-xxxx');
    await intents.whisper('i-9', 'Ofrécele el descuento');
    await intents.barge('i-9', 'Buenos días');
    expect(calls).toEqual([
      { op: 'supervisor.whisper', params: { itemId: 'i-9', clientId: 'client-0001', text: 'Ofrécele el descuento' } },
      { op: 'supervisor.barge', params: { itemId: 'i-9', clientId: 'client-0002', text: 'Buenos días' } },
    ]);
    expect(store.getState().chatThreads['i-9']).toMatchObject({ whispers: [{ id: 7 }], messages: [{ seq: 2, authorName: 'Sara Vidal' }] });
  });

  it('makes client ids the hub accepts', () => {
    const id = newClientId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newClientId()).not.toBe(id);
  });

  it('takes a chat over with an empty note', async () => {
    const { api, calls } = scriptedApi(() => ok({ id: 'i-9' }));
    await createIntents(api, createAppStore()).takeOverChat('i-9');
    expect(calls).toEqual([{ op: 'supervisor.takeOver', params: { itemId: 'i-9', note: '' } }]);
  });

  it('hands a refusal back to the monitor panel as a value, not as a notice, and shows nothing unsent', async () => {
    const store = createAppStore();
    const { api } = scriptedApi(() => err('forbidden', 'not your queue'));
    const result = await createIntents(api, store).whisper('i-9', 'hola');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(store.getState().notice).toBeNull();
    expect(store.getState().chatThreads['i-9']).toBeUndefined();
  });
});
