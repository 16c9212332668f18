/**
 * The chat channel's core: conversations between a widget visitor and the agent who holds the
 * chat work item. Every state change runs inside the contact center's transaction
 * (`center.atomically`), so a message, the hub event that tells the agent's desktop about it
 * and (for desktop requests) the idempotency record commit together. Frames to the customer's
 * sockets go out only after that commit.
 *
 * This file holds visitors and the messages, typing and read receipts both ways; a
 * conversation's life (the form that opens it, the work item events that drive it, leaving,
 * the transcript) is in ./conversation-lifecycle.ts, and who hears about what in ./chat-delivery.ts.
 */
import type { ChatConversation, ChatLanguage, ChatMessage, ChatTopic, ChatTranscript, PreChatForm, VisitorProfile } from '../../../src-common/chat';
import { err, ok, type Result } from '../../../src-common/result';
import { iso } from '../../clock';
import type { ChatAttachmentRow, ChatConversationRow, ChatVisitorRow } from '../../storage/chat-repository';
import type { ChannelServiceDeps } from '../channel';
import { ChatDelivery, type CustomerLink } from './chat-delivery';
import { ChatSupervision } from './chat-supervision';
import { ConversationLifecycle } from './conversation-lifecycle';
import { GoneCustomerWatch } from './gone-customers';
import { publicView } from './conversation-view';
import type { TranscriptMailer } from './transcript-mailer';

export { publicView } from './conversation-view';
export type { CustomerLink } from './chat-delivery';

export interface ChatServiceDeps extends ChannelServiceDeps {
  /** Where "email me the transcript" goes when the chat closes (the outbox until email exists). */
  mailer: TranscriptMailer;
}

export interface AgentCaller {
  userId: string;
}

export class ChatService {
  private readonly delivery: ChatDelivery;
  private readonly lifecycle: ConversationLifecycle;
  /** Waiting customers whose widget went away without a word. */
  private readonly goneCustomers: GoneCustomerWatch;
  /** Supervisors in live chats: monitor, whisper, barge, take over. */
  readonly supervision: ChatSupervision;

  constructor(private readonly deps: ChatServiceDeps) {
    this.goneCustomers = new GoneCustomerWatch({
      clock: deps.clock,
      graceMs: deps.config.chat.waitingCustomerGoneSeconds * 1000,
      stillWaiting: (conversationId) => deps.store.chat.conversation(conversationId)?.state === 'waiting',
      leave: (conversationId) => {
        deps.log.info({ conversationId }, 'chat customer gone while waiting: chat abandoned');
        this.lifecycle.customerLeft(conversationId);
      },
    });
    this.delivery = new ChatDelivery(deps, this.goneCustomers);
    this.lifecycle = new ConversationLifecycle(deps, this.delivery);
    this.supervision = new ChatSupervision(deps, this.delivery);
  }

  /**
   * Follows every agent's item events (accept, end, wrap-up) to drive the conversations. Chats
   * left waiting by the last run get the grace for their widget to come back.
   */
  start(): void {
    this.lifecycle.start();
    for (const conversation of this.deps.store.chat.waitingConversations()) this.delivery.waitingAgain(conversation.id);
  }

  stop(): void {
    this.goneCustomers.stop();
    this.lifecycle.stop();
    this.delivery.clear();
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
    return this.delivery.attach(conversationId, link);
  }

  messagesAfter(conversationId: string, afterSeq: number): ChatMessage[] {
    return this.deps.store.chat.messagesAfter(conversationId, afterSeq);
  }

  // ---- a conversation's life (./conversation-lifecycle.ts) ----

  /** The pre-chat form: a new chat work item in the topic's queue, linked to a customer by email or phone. */
  startConversation(visitorId: string, form: PreChatForm, helloLanguage: ChatLanguage | null = null): Result<ChatConversation> {
    return this.lifecycle.startConversation(visitorId, form, helloLanguage);
  }

  customerLeft(conversationId: string): void {
    this.lifecycle.customerLeft(conversationId);
  }

  /**
   * "Email me the transcript" after the form (e.g. on the closed-chat screen): to the email the
   * visitor gave. An open chat sends it when it closes; a closed one at once.
   */
  requestTranscript(visitorId: string, conversationId: string): Result<ChatConversation> {
    return this.lifecycle.requestTranscript(visitorId, conversationId);
  }

  // ---- customer actions ----

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
      this.delivery.toAgent(conversation, { kind: 'chat-message', itemId: conversation.itemId, message: stored }, now);
      return stored;
    });
    this.delivery.toCustomer(conversationId, { type: 'message', message });
    return ok(message);
  }

  customerTyping(conversationId: string, typing: boolean): void {
    const conversation = this.deps.store.chat.conversation(conversationId);
    if (!conversation || conversation.state !== 'active') return;
    const now = iso(this.deps.clock.now());
    this.delivery.typingToAgent(conversation, { kind: 'chat-typing', itemId: conversation.itemId, typing }, now);
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
      this.delivery.toAgent(updated, { kind: 'chat-read', itemId: updated.itemId, conversation: publicView(updated) }, now);
    });
    this.delivery.toCustomer(conversationId, { type: 'conversation', conversation: publicView(this.delivery.mustGet(conversationId)) });
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
      this.delivery.toAgent(conversation, { kind: 'chat-message', itemId, message: stored }, now);
      return stored;
    });
    this.delivery.afterCommit(conversation.id, message.seq, { type: 'message', message });
    return ok(message);
  }

  agentTyping(caller: AgentCaller, itemId: string, typing: boolean): Result<null> {
    const held = this.heldConversation(caller, itemId);
    if (!held.ok) return held;
    if (held.value.state === 'active') this.delivery.toCustomer(held.value.id, { type: 'typing', typing, name: held.value.agentName ?? '' });
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
    this.delivery.afterCommit(conversation.id, 0, { type: 'conversation', conversation: publicView(updated) });
    return ok(null);
  }

  /** The whole conversation, for the agent who holds (or held) the item, or a supervisor. */
  transcript(caller: AgentCaller & { role: string }, itemId: string): Result<ChatTranscript> {
    const conversation = this.deps.store.chat.conversationByItem(itemId);
    if (!conversation) return err('not-found', 'This work item has no chat.');
    const item = this.deps.store.items.get(itemId);
    if (caller.role === 'agent' && item?.agentId !== caller.userId) return err('forbidden', 'This chat is assigned to another agent.');
    return ok({ conversation: publicView(conversation), messages: this.deps.store.chat.messagesAfter(conversation.id, 0), whispers: this.deps.store.chat.whispers(conversation.id) });
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

  private heldConversation(caller: AgentCaller, itemId: string): Result<ChatConversationRow> {
    const item = this.deps.store.items.get(itemId);
    if (!item) return err('not-found', 'This work item does not exist.');
    if (item.agentId !== caller.userId || item.state !== 'accepted') return err('forbidden', 'Accept this chat first; it may be assigned to another agent.');
    const conversation = this.deps.store.chat.conversationByItem(itemId);
    return conversation ? ok(conversation) : err('not-found', 'This work item has no chat.');
  }
}
