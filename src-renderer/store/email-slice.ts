/**
 * The email threads this window shows: per work item, the hub's thread (from getEmailThread
 * and 'email' events, merged by message id so a replayed event never doubles a message) and
 * the replies still on their way through the outbox. Mirrors main; holds no business rule.
 */
import type { StateCreator } from 'zustand';
import type { EmailDeliveryState, EmailDesktopEvent, EmailMessageView, EmailThreadView } from '../../src-common/email';
import type { AppState, Middlewares } from './app-state';

export interface PendingEmailReply {
  clientId: string;
  text: string;
  cc: string[];
}

export interface EmailThreadState {
  thread: Omit<EmailThreadView, 'messages'> | null;
  /** Oldest first, as the hub keeps them; the panel shows them newest first. */
  messages: EmailMessageView[];
  pending: PendingEmailReply[];
  /** Why the thread could not be read, when it could not. */
  loadError: string | null;
}

const EMPTY: EmailThreadState = { thread: null, messages: [], pending: [], loadError: null };

export interface EmailSlice {
  emailThreads: Record<string, EmailThreadState>;
  applyEmailThread: (itemId: string, thread: EmailThreadView) => void;
  failEmailThread: (itemId: string, message: string) => void;
  applyEmailEvent: (event: EmailDesktopEvent) => void;
  addPendingEmailReply: (itemId: string, reply: PendingEmailReply) => void;
  dropPendingEmailReply: (itemId: string, clientId: string) => void;
}

/**
 * How far a reply's delivery has got. It only moves forward here: a thread read just before the
 * reply went out can arrive after the event that said it went, and must not take it back.
 * (A bounce turns a sent reply into a failed one; nothing turns either back into one in flight.)
 */
const DELIVERY_PROGRESS: Record<EmailDeliveryState, number> = { queued: 0, sending: 0, sent: 1, failed: 2 };

function later(known: EmailMessageView | undefined, incoming: EmailMessageView): EmailMessageView {
  if (!known?.delivery || !incoming.delivery) return incoming;
  return DELIVERY_PROGRESS[incoming.delivery] < DELIVERY_PROGRESS[known.delivery] ? known : incoming;
}

function mergeMessages(current: readonly EmailMessageView[], incoming: readonly EmailMessageView[]): EmailMessageView[] {
  const byId = new Map<string, EmailMessageView>();
  for (const m of current) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, later(byId.get(m.id), m));
  return [...byId.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** A reply the hub has stored is no longer "on its way": the hub's copy shows its delivery. */
function withoutStored(pending: readonly PendingEmailReply[], messages: readonly EmailMessageView[]): PendingEmailReply[] {
  const stored = new Set(messages.flatMap((m) => (m.clientId ? [m.clientId] : [])));
  return pending.filter((p) => !stored.has(p.clientId));
}

export const createEmailSlice: StateCreator<AppState, Middlewares, [], EmailSlice> = (set) => {
  const patch = (itemId: string, fn: (t: EmailThreadState) => EmailThreadState, action: string): void =>
    set((s) => ({ emailThreads: { ...s.emailThreads, [itemId]: fn(s.emailThreads[itemId] ?? EMPTY) } }), false, action);
  const settle = (t: EmailThreadState, incoming: readonly EmailMessageView[]): EmailThreadState => {
    const messages = mergeMessages(t.messages, incoming);
    return { ...t, messages, pending: withoutStored(t.pending, messages) };
  };
  return {
    emailThreads: {},
    applyEmailThread: (itemId, view) =>
      patch(
        itemId,
        (t) => {
          const { messages, ...thread } = view;
          return { ...settle(t, messages), thread, loadError: null };
        },
        'email/thread',
      ),
    failEmailThread: (itemId, message) => patch(itemId, (t) => ({ ...t, loadError: message }), 'email/threadFailed'),
    applyEmailEvent: (event) => patch(event.itemId, (t) => settle(t, [event.message]), `email/${event.kind}`),
    addPendingEmailReply: (itemId, reply) => patch(itemId, (t) => ({ ...t, pending: [...t.pending, reply] }), 'email/addPending'),
    dropPendingEmailReply: (itemId, clientId) => patch(itemId, (t) => ({ ...t, pending: t.pending.filter((p) => p.clientId !== clientId) }), 'email/dropPending'),
  };
};
