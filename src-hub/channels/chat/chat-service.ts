/**
 * The chat channel's core: conversations between a widget visitor and the agent who holds the
 * chat work item. Every state change runs inside the contact center's transaction
 * (`center.atomically`), so a message, the hub event that tells the agent's desktop about it
 * and (for desktop requests) the idempotency record commit together. Frames to the customer's
 * sockets go out only after that commit.
 *
 * The chat learns what the agent did to the work item (accepted, ended, wrapped up) from the
 * hub's own event stream, like any desktop would: accept opens the conversation, end closes it
 * for the customer, and the final wrap-up writes the transcript into the customer's timeline.
 */
import { randomUUID } from 'node:crypto';
import { chatLanguageOf, type ChatConversation, type ChatLanguage, type ChatMessage, type ChatServerFrame, type ChatTopic, type ChatTranscript, type PreChatForm, type VisitorProfile } from '../../../src-common/chat';
import type { HubConfig } from '../../../src-common/hub-config';
import { normaliseEmail, normalisePhone } from '../../../src-common/identity';
import type { HubEvent, ItemView } from '../../../src-common/protocol';
import { err, ok, type Result } from '../../../src-common/result';
import type { ContactCenter } from '../../center/contact-center';
import { interactionEntry } from '../../center/interaction';
import { EVERYONE } from '../../center/event-stream';
import { iso, type Clock } from '../../clock';
import type { WorkIntake } from '../../intake';
import type { HubLogger } from '../../log';
import type { ChatAttachmentRow, ChatConversationRow, ChatVisitorRow } from '../../storage/chat-repository';
import type { HubStore } from '../../storage/repositories';
import { systemTexts } from './system-texts';
import { transcriptText } from './transcript';

export { publicView } from './conversation-view';
import { publicView } from './conversation-view';
import { TranscriptDelivery } from './transcript-delivery';
import type { TranscriptMailer } from './transcript-mailer';

/** A live widget socket; the service pushes frames to every socket of a conversation. */
export interface CustomerLink {
  send(frame: ChatServerFrame): void;
}

export interface ChatServiceDeps {
  config: HubConfig;
  center: ContactCenter;
  intake: WorkIntake;
  store: HubStore;
  clock: Clock;
  log: HubLogger;
  /** Where "email me the transcript" goes when the chat closes (the outbox until email exists). */
  mailer: TranscriptMailer;
}

const SYSTEM_AUTHOR = 'Centralita';

export interface AgentCaller {
  userId: string;
}

export class ChatService {
  private readonly links = new Map<string, Set<CustomerLink>>();
  private readonly unsubscribes: (() => void)[] = [];
  private stopped = false;
  private readonly transcripts: TranscriptDelivery;

  constructor(private readonly deps: ChatServiceDeps) {
    this.transcripts = new TranscriptDelivery(deps);
  }

  /** Follows every agent's item events (accept, end, wrap-up) to drive the conversations. */
  start(): void {
    for (const user of this.deps.config.users) {
      if (user.role === 'admin') continue;
      this.unsubscribes.push(
        this.deps.center.events.subscribe({
          userId: user.id,
          // Delivery happens while the stream is handing one batch to every subscriber: acting
          // (and publishing) right here would let later subscribers see events out of order.
          deliver: (stored) => {
            if (stored.event.kind === 'item' && stored.event.item.channel === 'chat') {
              const item = stored.event.item;
              setImmediate(() => this.onItemChanged(item));
            }
          },
        }),
      );
    }
  }

  stop(): void {
    this.stopped = true;
    this.transcripts.stop();
    for (const off of this.unsubscribes) off();
    this.links.clear();
  }

  topics(): ChatTopic[] {
    return this.deps.config.queues.filter((q) => q.channel === 'chat').map((q) => ({ id: q.id, label: q.name }));
  }

  // ---- visitors ----

  /** The visitor's row, created on first sight; `seenAt` refreshed. */
  visitor(visitorId: string): ChatVisitorRow {
    const now = iso(this.deps.clock.now());
    const row = this.deps.store.chat.visitor(visitorId) ?? { id: visitorId, name: '', email: '', phone: '', customerId: null, createdAt: now, seenAt: now };
    const seen = { ...row, seenAt: now };
    this.deps.center.atomically(() => this.deps.store.chat.saveVisitor(seen));
    return seen;
  }

  profile(visitor: ChatVisitorRow): VisitorProfile | null {
    return visitor.name || visitor.email || visitor.phone ? { name: visitor.name, email: visitor.email, phone: visitor.phone } : null;
  }

  /** The visitor's newest conversation if it is still open or closed only recently (so the widget can show how it ended). */
  currentConversation(visitorId: string): ChatConversationRow | null {
    return this.deps.store.chat.latestForVisitor(visitorId);
  }

  /** A returning widget says hello in its (possibly newly chosen) language: an open chat follows it. */
  followLanguage(conversation: ChatConversationRow, language: ChatLanguage | null): ChatConversationRow {
    if (!language || conversation.state === 'closed' || conversation.language === language) return conversation;
    const updated: ChatConversationRow = { ...conversation, language };
    this.deps.center.atomically(() => this.deps.store.chat.saveConversation(updated));
    return updated;
  }

  attach(conversationId: string, link: CustomerLink): () => void {
    let set = this.links.get(conversationId);
    if (!set) this.links.set(conversationId, (set = new Set()));
    set.add(link);
    return () => {
      set.delete(link);
      if (set.size === 0) this.links.delete(conversationId);
    };
  }

  messagesAfter(conversationId: string, afterSeq: number): ChatMessage[] {
    return this.deps.store.chat.messagesAfter(conversationId, afterSeq);
  }

  // ---- customer actions ----

  /** The pre-chat form: a new chat work item in the topic's queue, linked to a customer by email or phone. */
  startConversation(visitorId: string, form: PreChatForm, helloLanguage: ChatLanguage | null = null): Result<ChatConversation> {
    const queue = this.deps.config.queues.find((q) => q.id === form.topic && q.channel === 'chat');
    if (!queue) return err('bad-request', 'Choose one of the topics offered.');
    const open = this.deps.store.chat.latestForVisitor(visitorId);
    if (open && open.state !== 'closed') return err('conflict', 'You already have a chat open.');
    const email = form.email ? normaliseEmail(form.email) : null;
    if (form.email && !email) return err('bad-request', 'That email address does not look right.');
    const phone = form.phone ? normalisePhone(form.phone) : null;
    if (form.phone && !phone) return err('bad-request', 'That phone number does not look right.');
    if (form.transcriptByEmail && !email) return err('bad-request', 'Give an email address to receive the transcript.');
    const language = chatLanguageOf(form.language) ?? helloLanguage ?? 'es';
    const now = iso(this.deps.clock.now());
    // The intake links by the most specific identity given; a visitor who gave none is known
    // by the widget's own chat id (a new customer the agent can merge later).
    const from = email ?? phone ?? visitorId;
    return this.deps.center.atomically(() => {
      const created = this.deps.intake.submit({
        channel: 'chat',
        queueId: queue.id,
        from,
        subject: `${form.name} · ${queue.name}`.slice(0, 500),
        preview: form.text ?? '',
        customerName: form.name,
      });
      if (!created.ok) return created;
      const visitor = this.deps.store.chat.visitor(visitorId);
      this.deps.store.chat.saveVisitor({
        id: visitorId,
        name: form.name,
        email: email ?? visitor?.email ?? '',
        phone: phone ?? visitor?.phone ?? '',
        customerId: created.value.customerId,
        createdAt: visitor?.createdAt ?? now,
        seenAt: now,
      });
      const row: ChatConversationRow = {
        id: `chat-${randomUUID()}`,
        visitorId,
        itemId: created.value.id,
        state: 'waiting',
        customerName: form.name,
        topic: queue.id,
        agentName: null,
        lastSeq: 0,
        customerReadSeq: 0,
        agentReadSeq: 0,
        closedBy: null,
        createdAt: now,
        closedAt: null,
        language,
        transcriptRequested: Boolean(form.transcriptByEmail && email),
        transcriptEmail: form.transcriptByEmail && email ? email : null,
        transcriptSentAt: null,
      };
      this.deps.store.chat.insertConversation(row);
      if (form.text) this.deps.store.chat.appendMessage(row.id, { clientId: null, author: 'customer', authorName: form.name, text: form.text, at: now });
      return ok(publicView(this.mustGet(row.id)));
    });
  }

  /** A customer's message; with `attachment`, the file's row is stored with it in one transaction. */
  customerMessage(conversationId: string, clientId: string, text: string, attachment?: ChatAttachmentRow): Result<ChatMessage> {
    const conversation = this.deps.store.chat.conversation(conversationId);
    if (!conversation) return err('not-found', 'This chat does not exist.');
    const repeated = this.deps.store.chat.messageByClientId(conversationId, 'customer', clientId);
    if (repeated) return ok(repeated);
    if (conversation.state === 'closed') return err('conflict', 'This chat has ended. Start a new one to write again.');
    const now = iso(this.deps.clock.now());
    const message = this.deps.center.atomically(() => {
      if (attachment) this.deps.store.chat.insertAttachment(attachment);
      const stored = this.deps.store.chat.appendMessage(conversationId, {
        clientId,
        author: 'customer',
        authorName: conversation.customerName,
        text,
        at: now,
        attachmentId: attachment?.id ?? null,
      });
      this.toAgent(conversation, { kind: 'chat-message', itemId: conversation.itemId, message: stored }, now);
      return stored;
    });
    this.toCustomer(conversationId, { type: 'message', message });
    return ok(message);
  }

  customerTyping(conversationId: string, typing: boolean): void {
    const conversation = this.deps.store.chat.conversation(conversationId);
    if (!conversation || conversation.state !== 'active') return;
    const now = iso(this.deps.clock.now());
    this.deps.center.atomically(() => this.toAgent(conversation, { kind: 'chat-typing', itemId: conversation.itemId, typing }, now));
  }

  customerRead(conversationId: string, upToSeq: number): void {
    const conversation = this.deps.store.chat.conversation(conversationId);
    if (!conversation) return;
    const seq = Math.min(upToSeq, conversation.lastSeq);
    if (seq <= conversation.customerReadSeq) return;
    const now = iso(this.deps.clock.now());
    this.deps.center.atomically(() => {
      const updated = { ...conversation, customerReadSeq: seq };
      this.deps.store.chat.saveConversation(updated);
      this.toAgent(updated, { kind: 'chat-read', itemId: updated.itemId, conversation: publicView(updated) }, now);
    });
    this.toCustomer(conversationId, { type: 'conversation', conversation: publicView(this.mustGet(conversationId)) });
  }

  customerLeft(conversationId: string): void {
    const conversation = this.deps.store.chat.conversation(conversationId);
    if (!conversation || conversation.state === 'closed') return;
    const now = iso(this.deps.clock.now());
    this.deps.center.atomically(() => {
      const closed: ChatConversationRow = { ...conversation, state: 'closed', closedBy: 'customer', closedAt: now };
      this.deps.store.chat.saveConversation(closed);
      if (conversation.state === 'waiting') {
        // Nobody took it yet: the item leaves the queue (and any ringing offer) as abandoned.
        // 'conflict' means an agent accepted it a moment ago: they will see that the customer left.
        const abandoned = this.deps.center.abandon(conversation.itemId);
        if (!abandoned.ok && abandoned.error.code !== 'conflict') this.deps.log.warn({ itemId: conversation.itemId, error: abandoned.error }, 'could not abandon a left chat');
      }
      this.toAgent(closed, { kind: 'chat-closed', itemId: closed.itemId, conversation: publicView(closed) }, now);
    });
    this.toCustomer(conversationId, { type: 'conversation', conversation: publicView(this.mustGet(conversationId)) });
    this.transcripts.mailIfAsked(conversationId);
  }

  /**
   * "Email me the transcript" after the form (e.g. on the closed-chat screen): to the email the
   * visitor gave. An open chat sends it when it closes; a closed one at once.
   */
  requestTranscript(visitorId: string, conversationId: string): Result<ChatConversation> {
    const requested = this.transcripts.request(visitorId, conversationId);
    if (requested.ok) this.toCustomer(conversationId, { type: 'conversation', conversation: publicView(requested.value) });
    return requested.ok ? ok(publicView(requested.value)) : requested;
  }

  // ---- agent actions (desktop requests; already inside the request's transaction) ----

  agentMessage(caller: AgentCaller, itemId: string, clientId: string, text: string, attachment?: ChatAttachmentRow): Result<ChatMessage> {
    const held = this.heldConversation(caller, itemId);
    if (!held.ok) return held;
    const conversation = held.value;
    const repeated = this.deps.store.chat.messageByClientId(conversation.id, 'agent', clientId);
    if (repeated) return ok(repeated);
    if (conversation.state === 'closed') return err('conflict', 'The customer has left this chat.');
    const now = iso(this.deps.clock.now());
    const agentName = this.deps.store.users.byId(caller.userId)?.displayName ?? caller.userId;
    const message = this.deps.center.atomically(() => {
      if (attachment) this.deps.store.chat.insertAttachment({ ...attachment, conversationId: conversation.id });
      const stored = this.deps.store.chat.appendMessage(conversation.id, { clientId, author: 'agent', authorName: agentName, text, at: now, attachmentId: attachment?.id ?? null });
      // Echoed to the agent too, so every window of this agent shows the message once stored.
      this.toAgent(conversation, { kind: 'chat-message', itemId, message: stored }, now);
      return stored;
    });
    this.afterCommit(conversation.id, message.seq, { type: 'message', message });
    return ok(message);
  }

  agentTyping(caller: AgentCaller, itemId: string, typing: boolean): Result<null> {
    const held = this.heldConversation(caller, itemId);
    if (!held.ok) return held;
    if (held.value.state === 'active') this.toCustomer(held.value.id, { type: 'typing', typing, name: held.value.agentName ?? '' });
    return ok(null);
  }

  agentRead(caller: AgentCaller, itemId: string, upToSeq: number): Result<null> {
    const held = this.heldConversation(caller, itemId);
    if (!held.ok) return held;
    const conversation = held.value;
    const seq = Math.min(upToSeq, conversation.lastSeq);
    if (seq <= conversation.agentReadSeq) return ok(null);
    const updated = { ...conversation, agentReadSeq: seq };
    this.deps.center.atomically(() => this.deps.store.chat.saveConversation(updated));
    this.afterCommit(conversation.id, 0, { type: 'conversation', conversation: publicView(updated) });
    return ok(null);
  }

  /** The whole conversation, for the agent who holds (or held) the item, or a supervisor. */
  transcript(caller: AgentCaller & { role: string }, itemId: string): Result<ChatTranscript> {
    const conversation = this.deps.store.chat.conversationByItem(itemId);
    if (!conversation) return err('not-found', 'This work item has no chat.');
    const item = this.deps.store.items.get(itemId);
    if (caller.role === 'agent' && item?.agentId !== caller.userId) return err('forbidden', 'This chat is assigned to another agent.');
    return ok({ conversation: publicView(conversation), messages: this.deps.store.chat.messagesAfter(conversation.id, 0) });
  }

  /** The conversation an agent may send a file into: the chat item they hold, accepted. */
  agentConversation(caller: AgentCaller, itemId: string): Result<ChatConversationRow> {
    return this.heldConversation(caller, itemId);
  }

  /** May this caller read the conversation's files? Its visitor, the agent holding the item, or a supervisor/admin. */
  mayRead(conversation: ChatConversationRow, reader: { visitorId: string } | { userId: string; role: string }): boolean {
    if ('visitorId' in reader) return conversation.visitorId === reader.visitorId;
    if (reader.role !== 'agent') return true;
    return this.deps.store.items.get(conversation.itemId)?.agentId === reader.userId;
  }

  // ---- reactions to the work item's life ----

  private onItemChanged(item: ItemView): void {
    if (this.stopped) return;
    const conversation = this.deps.store.chat.conversationByItem(item.id);
    if (!conversation) return;
    const now = iso(this.deps.clock.now());
    try {
      if ((item.state === 'queued' || item.state === 'offered') && item.transfer && conversation.state === 'active') {
        this.onTransferred(conversation, now);
      } else if (item.state === 'accepted' && conversation.state === 'waiting') {
        const agentName = item.agentId ? (this.deps.store.users.byId(item.agentId)?.displayName ?? null) : null;
        const active: ChatConversationRow = { ...conversation, state: 'active', agentName };
        this.deps.center.atomically(() => this.deps.store.chat.saveConversation(active));
        this.toCustomer(active.id, { type: 'conversation', conversation: publicView(active) });
      } else if ((item.state === 'wrap-up' || item.state === 'done' || item.state === 'abandoned') && conversation.state !== 'closed') {
        const closed: ChatConversationRow = { ...conversation, state: 'closed', closedBy: 'agent', closedAt: now };
        this.deps.center.atomically(() => this.deps.store.chat.saveConversation(closed));
        this.toCustomer(closed.id, { type: 'conversation', conversation: publicView(closed) });
        this.transcripts.mailIfAsked(closed.id);
      }
      if (item.state === 'done') this.recordTranscript(item.id, now);
    } catch (cause) {
      this.deps.log.error({ err: cause, itemId: item.id }, 'chat could not follow its work item');
    }
  }

  /**
   * The agent handed the chat on: the customer is told, in the transcript too (so the next agent
   * reads it), and waits again until someone accepts; the widget shows "waiting for an agent".
   */
  private onTransferred(conversation: ChatConversationRow, now: string): void {
    const waiting: ChatConversationRow = { ...conversation, state: 'waiting', agentName: null };
    const message = this.deps.center.atomically(() => {
      this.deps.store.chat.saveConversation(waiting);
      return this.deps.store.chat.appendMessage(conversation.id, { clientId: null, author: 'system', authorName: SYSTEM_AUTHOR, text: systemTexts(conversation.language).transferNotice, at: now });
    });
    this.toCustomer(conversation.id, { type: 'conversation', conversation: publicView(this.mustGet(conversation.id)) });
    this.toCustomer(conversation.id, { type: 'message', message });
  }

  /** The finished chat's timeline entry carries the whole transcript, then the agent's notes. */
  private recordTranscript(itemId: string, at: string): void {
    const item = this.deps.store.items.get(itemId);
    const conversation = this.deps.store.chat.conversationByItem(itemId);
    if (!item?.customerId || !conversation) return;
    const agent = item.agentId ? this.deps.store.users.byId(item.agentId) : null;
    const entry = interactionEntry({ ...item, customerId: item.customerId }, agent?.displayName ?? null);
    const transcript = transcriptText(this.deps.store.chat.messagesAfter(conversation.id, 0));
    const handedOver = item.transfer ? `${item.transfer.fromAgentName} → ${agent?.displayName ?? ''}: ${item.transfer.note}` : null;
    const detail = [transcript, handedOver, item.notes].filter(Boolean).join('\n\n').slice(0, 100_000);
    this.deps.center.atomically(() => {
      this.deps.center.customers.addInteraction({ ...entry, detail }, item.id, at);
      this.deps.center.events.publish(EVERYONE, { kind: 'customer-changed', customerId: item.customerId as string }, at);
    });
  }

  // ---- plumbing ----

  private heldConversation(caller: AgentCaller, itemId: string): Result<ChatConversationRow> {
    const item = this.deps.store.items.get(itemId);
    if (!item) return err('not-found', 'This work item does not exist.');
    if (item.agentId !== caller.userId || item.state !== 'accepted') return err('forbidden', 'Accept this chat first; it may be assigned to another agent.');
    const conversation = this.deps.store.chat.conversationByItem(itemId);
    return conversation ? ok(conversation) : err('not-found', 'This work item has no chat.');
  }

  /** Call inside a transaction: the agent holding the item hears about it (after commit). */
  private toAgent(conversation: ChatConversationRow, event: Extract<HubEvent, { kind: `chat-${string}` }>, at: string): void {
    const item = this.deps.store.items.get(conversation.itemId);
    if (item?.agentId && (item.state === 'accepted' || item.state === 'wrap-up')) this.deps.center.events.publish(item.agentId, event, at);
  }

  private toCustomer(conversationId: string, frame: ChatServerFrame): void {
    for (const link of this.links.get(conversationId) ?? []) link.send(frame);
  }

  /**
   * Desktop requests run inside a transaction this service does not own: the customer hears
   * about the change once it has committed, and never about one that rolled back.
   */
  private afterCommit(conversationId: string, seq: number, frame: ChatServerFrame): void {
    queueMicrotask(() => {
      const stored = this.deps.store.chat.conversation(conversationId);
      if (stored && stored.lastSeq >= seq) this.toCustomer(conversationId, frame);
    });
  }

  private mustGet(conversationId: string): ChatConversationRow {
    const row = this.deps.store.chat.conversation(conversationId);
    if (!row) throw new Error(`chat conversation ${conversationId} vanished`);
    return row;
  }
}
