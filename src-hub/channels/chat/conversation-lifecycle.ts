/**
 * A conversation's life: opened by the pre-chat form (a chat work item in the topic's queue),
 * then driven by what happens to that work item, which the chat learns from the hub's own
 * event stream like any desktop would: accept makes it active, a transfer puts it back to
 * waiting, end closes it for the customer and the final wrap-up writes the transcript into the
 * customer's timeline. The customer may leave at any point; a transcript by email follows the
 * close when asked for.
 */
import { randomUUID } from 'node:crypto';
import { chatLanguageOf, type ChatConversation, type ChatLanguage, type PreChatForm } from '../../../src-common/chat';
import { normaliseEmail, normalisePhone } from '../../../src-common/identity';
import type { ItemView } from '../../../src-common/domain';
import { err, ok, type Result } from '../../../src-common/result';
import { interactionEntry } from '../../center/interaction';
import { EVERYONE } from '../../center/event-stream';
import { iso } from '../../clock';
import type { ChatConversationRow } from '../../storage/chat-repository';
import type { ChatDelivery } from './chat-delivery';
import type { ChatServiceDeps } from './chat-service';
import { publicView } from './conversation-view';
import { systemTexts } from './system-texts';
import { transcriptText } from './transcript';
import { TranscriptDelivery } from './transcript-delivery';

export const SYSTEM_AUTHOR = 'Centralita';

export class ConversationLifecycle {
  private readonly unsubscribes: (() => void)[] = [];
  private stopped = false;
  private readonly transcripts: TranscriptDelivery;

  constructor(
    private readonly deps: ChatServiceDeps,
    private readonly delivery: ChatDelivery,
  ) {
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
  }

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
      return ok(publicView(this.delivery.mustGet(row.id)));
    });
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
      this.delivery.toAgent(closed, { kind: 'chat-closed', itemId: closed.itemId, conversation: publicView(closed) }, now);
    });
    this.delivery.toCustomer(conversationId, { type: 'conversation', conversation: publicView(this.delivery.mustGet(conversationId)) });
    this.transcripts.mailIfAsked(conversationId);
  }

  /**
   * "Email me the transcript" after the form (e.g. on the closed-chat screen): to the email the
   * visitor gave. An open chat sends it when it closes; a closed one at once.
   */
  requestTranscript(visitorId: string, conversationId: string): Result<ChatConversation> {
    const requested = this.transcripts.request(visitorId, conversationId);
    if (requested.ok) this.delivery.toCustomer(conversationId, { type: 'conversation', conversation: publicView(requested.value) });
    return requested.ok ? ok(publicView(requested.value)) : requested;
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
        this.delivery.toCustomer(active.id, { type: 'conversation', conversation: publicView(active) });
      } else if ((item.state === 'wrap-up' || item.state === 'done' || item.state === 'abandoned') && conversation.state !== 'closed') {
        const closed: ChatConversationRow = { ...conversation, state: 'closed', closedBy: 'agent', closedAt: now };
        this.deps.center.atomically(() => this.deps.store.chat.saveConversation(closed));
        this.delivery.toCustomer(closed.id, { type: 'conversation', conversation: publicView(closed) });
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
    this.delivery.toCustomer(conversation.id, { type: 'conversation', conversation: publicView(this.delivery.mustGet(conversation.id)) });
    this.delivery.toCustomer(conversation.id, { type: 'message', message });
    // Back in queue: a customer who had already gone gets the same grace as every waiting one.
    this.delivery.waitingAgain(conversation.id);
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
}
