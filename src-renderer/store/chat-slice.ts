/**
 * The chats this window shows: per work item, the transcript (from the hub's transcript answer
 * and 'chat' events, merged by seq so a replayed event never doubles a message), supervisors'
 * whispers (merged by id), messages still on their way (outbox), the customer's typing and what
 * the agent has read. A supervisor's monitored chats live here too: their events arrive like an
 * agent's, for items that are not the supervisor's own. Mirrors main; holds no business rule.
 */
import type { StateCreator } from 'zustand';
import type { ChatConversation, ChatDesktopEvent, ChatMessage, ChatTranscript, ChatWhisper } from '../../src-common/chat';
import { mergeWhispers } from '../chat/chat-timeline';
import type { AppState, Middlewares } from './app-state';

/** A typing indicator the customer never switched off disappears after this long. */
export const TYPING_STALE_MS = 8_000;

export interface PendingChatMessage {
  clientId: string;
  text: string;
}

export interface ChatThread {
  conversation: ChatConversation | null;
  messages: ChatMessage[];
  /** Supervisors' notes to the agent, in time order; the customer never sees them. */
  whispers: ChatWhisper[];
  /** Supervisors monitoring this chat now (id and name), when the centre tells its agents. */
  monitoredBy: { id: string; name: string }[];
  pending: PendingChatMessage[];
  /** When the customer last said they were typing (ms, local clock); null when not typing. */
  customerTypingSince: number | null;
  /** Highest seq the agent has seen on screen. */
  readSeq: number;
}

const EMPTY: ChatThread = { conversation: null, messages: [], whispers: [], monitoredBy: [], pending: [], customerTypingSince: null, readSeq: 0 };

export interface ChatSlice {
  /** Chat threads by work item id. */
  chatThreads: Record<string, ChatThread>;
  /** Chats this supervisor is monitoring (not their own work): read through the monitor, never marked read. */
  monitoredChats: readonly string[];
  setChatMonitored: (itemId: string, monitored: boolean) => void;
  applyChatEvent: (event: ChatDesktopEvent, now: number) => void;
  applyChatTranscript: (itemId: string, transcript: ChatTranscript) => void;
  addPendingChatMessage: (itemId: string, message: PendingChatMessage) => void;
  dropPendingChatMessage: (itemId: string, clientId: string) => void;
  markChatSeen: (itemId: string, seq: number) => void;
}

function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const bySeq = new Map<number, ChatMessage>();
  for (const m of current) bySeq.set(m.seq, m);
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

function withoutDelivered(pending: readonly PendingChatMessage[], messages: readonly ChatMessage[]): PendingChatMessage[] {
  const delivered = new Set(messages.map((m) => m.clientId));
  return pending.filter((p) => !delivered.has(p.clientId));
}

export const createChatSlice: StateCreator<AppState, Middlewares, [], ChatSlice> = (set) => {
  const patch = (itemId: string, fn: (t: ChatThread) => ChatThread, action: string): void =>
    set((s) => ({ chatThreads: { ...s.chatThreads, [itemId]: fn(s.chatThreads[itemId] ?? EMPTY) } }), false, action);
  return {
    chatThreads: {},
    monitoredChats: [],
    setChatMonitored: (itemId, monitored) =>
      set(
        (s) => {
          const others = s.monitoredChats.filter((id) => id !== itemId);
          return { monitoredChats: monitored ? [...others, itemId] : others };
        },
        false,
        'chat/monitored',
      ),
    applyChatEvent: (event, now) => {
      switch (event.kind) {
        case 'chat-message':
          return patch(
            event.itemId,
            (t) => {
              const messages = mergeMessages(t.messages, [event.message]);
              const typing = event.message.author === 'customer' ? null : t.customerTypingSince;
              return { ...t, messages, pending: withoutDelivered(t.pending, messages), customerTypingSince: typing };
            },
            'chat/message',
          );
        case 'chat-whisper':
          return patch(event.itemId, (t) => ({ ...t, whispers: mergeWhispers(t.whispers, [event.whisper]) }), 'chat/whisper');
        case 'chat-monitoring':
          return patch(
            event.itemId,
            (t) => {
              const others = t.monitoredBy.filter((s) => s.id !== event.supervisorId);
              return { ...t, monitoredBy: event.monitoring ? [...others, { id: event.supervisorId, name: event.supervisorName }] : others };
            },
            'chat/monitoring',
          );
        case 'chat-typing':
          return patch(event.itemId, (t) => ({ ...t, customerTypingSince: event.typing ? now : null }), 'chat/typing');
        case 'chat-read':
        case 'chat-closed':
          return patch(
            event.itemId,
            (t) => ({ ...t, conversation: event.conversation, customerTypingSince: event.kind === 'chat-closed' ? null : t.customerTypingSince }),
            `chat/${event.kind}`,
          );
      }
    },
    applyChatTranscript: (itemId, transcript) =>
      patch(
        itemId,
        (t) => {
          const messages = mergeMessages(t.messages, transcript.messages);
          const whispers = mergeWhispers(t.whispers, transcript.whispers ?? []);
          return { ...t, conversation: transcript.conversation, messages, whispers, pending: withoutDelivered(t.pending, messages) };
        },
        'chat/transcript',
      ),
    addPendingChatMessage: (itemId, message) => patch(itemId, (t) => ({ ...t, pending: [...t.pending, message] }), 'chat/addPending'),
    dropPendingChatMessage: (itemId, clientId) => patch(itemId, (t) => ({ ...t, pending: t.pending.filter((p) => p.clientId !== clientId) }), 'chat/dropPending'),
    markChatSeen: (itemId, seq) => patch(itemId, (t) => (seq > t.readSeq ? { ...t, readSeq: seq } : t), 'chat/markSeen'),
  };
};

/** Customer messages the agent has not seen yet. */
export function unreadCount(thread: ChatThread | undefined): number {
  if (!thread) return 0;
  return thread.messages.filter((m) => m.author === 'customer' && m.seq > thread.readSeq).length;
}
