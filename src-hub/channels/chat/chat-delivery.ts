/**
 * Who hears about a conversation change, and when: the widget sockets following it (links),
 * the agent holding its work item and the supervisors monitoring it (through the hub's event
 * stream, inside the caller's transaction; or, for typing, as a live update that is never
 * stored). Shared by the
 * conversation lifecycle and the message handling of ChatService.
 */
import type { ChatServerFrame, ChatTypingUpdate } from '../../../src-common/chat';
import type { HubEvent } from '../../../src-common/protocol';
import type { ContactCenter } from '../../center/contact-center';
import type { ChatConversationRow } from '../../storage/chat-repository';
import type { HubStore } from '../../storage/repositories';

/** A live widget socket; the service pushes frames to every socket of a conversation. */
export interface CustomerLink {
  send(frame: ChatServerFrame): void;
}

export class ChatDelivery {
  private readonly links = new Map<string, Set<CustomerLink>>();
  /** Per chat item, the supervisors monitoring it (a monitoring session is not worth storing). */
  private readonly monitors = new Map<string, Set<string>>();

  constructor(
    private readonly deps: { center: ContactCenter; store: HubStore },
    /** Told when a conversation gets its first widget socket and when its last one goes. */
    private readonly presence: { present(conversationId: string): void; gone(conversationId: string): void },
  ) {}

  attach(conversationId: string, link: CustomerLink): () => void {
    let set = this.links.get(conversationId);
    if (!set) this.links.set(conversationId, (set = new Set()));
    set.add(link);
    this.presence.present(conversationId);
    return () => {
      set.delete(link);
      if (set.size > 0 || this.links.get(conversationId) !== set) return;
      this.links.delete(conversationId);
      this.presence.gone(conversationId);
    };
  }

  /** The conversation waits in queue again (a transfer): the watch hears if nobody follows it. */
  waitingAgain(conversationId: string): void {
    if (!this.links.has(conversationId)) this.presence.gone(conversationId);
  }

  clear(): void {
    this.links.clear();
    this.monitors.clear();
  }

  watch(itemId: string, supervisorId: string): void {
    let set = this.monitors.get(itemId);
    if (!set) this.monitors.set(itemId, (set = new Set()));
    set.add(supervisorId);
  }

  unwatch(itemId: string, supervisorId: string): void {
    const set = this.monitors.get(itemId);
    set?.delete(supervisorId);
    if (set?.size === 0) this.monitors.delete(itemId);
  }

  /**
   * Call inside a transaction: the agent holding the item and the supervisors monitoring it hear
   * about it (after commit). A closed chat has nothing more to monitor.
   */
  toAgent(conversation: ChatConversationRow, event: Extract<HubEvent, { kind: `chat-${string}` }>, at: string): void {
    for (const userId of this.audience(conversation)) this.deps.center.events.publish(userId, event, at);
    if (event.kind === 'chat-closed') this.monitors.delete(conversation.itemId);
  }

  /** Typing goes to the connected desktops now or never: no transaction, no event row. */
  typingToAgent(conversation: ChatConversationRow, update: ChatTypingUpdate, at: string): void {
    for (const userId of this.audience(conversation)) this.deps.center.live.send(userId, update, at);
  }

  private audience(conversation: ChatConversationRow): Set<string> {
    const holder = this.holderOf(conversation);
    const users = new Set(this.monitors.get(conversation.itemId) ?? []);
    if (holder) users.add(holder);
    return users;
  }

  private holderOf(conversation: ChatConversationRow): string | null {
    const item = this.deps.store.items.get(conversation.itemId);
    return item?.agentId && (item.state === 'accepted' || item.state === 'wrap-up') ? item.agentId : null;
  }

  toCustomer(conversationId: string, frame: ChatServerFrame): void {
    for (const link of this.links.get(conversationId) ?? []) link.send(frame);
  }

  /**
   * Desktop requests run inside a transaction this service does not own: the customer hears
   * about the change once it has committed, and never about one that rolled back.
   */
  afterCommit(conversationId: string, seq: number, frame: ChatServerFrame): void {
    queueMicrotask(() => {
      const stored = this.deps.store.chat.conversation(conversationId);
      if (stored && stored.lastSeq >= seq) this.toCustomer(conversationId, frame);
    });
  }

  mustGet(conversationId: string): ChatConversationRow {
    const row = this.deps.store.chat.conversation(conversationId);
    if (!row) throw new Error(`chat conversation ${conversationId} vanished`);
    return row;
  }
}
