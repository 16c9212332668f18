/**
 * A supervisor in a live chat: monitor it (transcript now, then its messages, whispers and
 * typing as they happen), whisper to the agent (never to the customer: whispers are stored apart
 * from the chat's messages), barge in (write into the chat under their own name), or take it
 * over (the chat is offered to them with its history). Only for chats of queues they supervise;
 * each step goes to the audit log.
 */
import type { ChatMessage, ChatWhisper } from '../../../src-common/chat';
import type { ItemView } from '../../../src-common/domain';
import { err, ok, type Result } from '../../../src-common/result';
import type { MonitoredChat } from '../../../src-common/supervisor';
import type { Caller } from '../../server/desktop-ops';
import { iso } from '../../clock';
import { coversItem, supervisionScope } from '../../supervision/supervision-scope';
import { audit, audited } from '../../supervision/supervision-ops';
import type { ChatConversationRow } from '../../storage/chat-repository';
import type { WorkItemRow } from '../../storage/repositories';
import type { ChatDelivery } from './chat-delivery';
import type { ChatServiceDeps } from './chat-service';
import { publicView } from './conversation-view';

interface SupervisedChat {
  item: WorkItemRow;
  conversation: ChatConversationRow;
}

export class ChatSupervision {
  constructor(
    private readonly deps: ChatServiceDeps,
    private readonly delivery: ChatDelivery,
  ) {}

  monitor(caller: Caller, itemId: string): Result<MonitoredChat> {
    return audited(this.ports(), caller, 'monitorChat', itemId, () => '', () => {
      const chat = this.supervised(caller, itemId);
      if (!chat.ok) return chat;
      const { item, conversation } = chat.value;
      this.delivery.watch(itemId, caller.userId);
      this.tellAgent(item, caller, true);
      const holds = item.state === 'accepted' || item.state === 'wrap-up';
      return ok({
        itemId,
        transcript: { conversation: publicView(conversation), messages: this.deps.store.chat.messagesAfter(conversation.id, 0), whispers: this.deps.store.chat.whispers(conversation.id) },
        agentId: holds ? item.agentId : null,
        agentName: holds && item.agentId ? this.nameOf(item.agentId) : null,
      });
    });
  }

  stopMonitoring(caller: Caller, itemId: string): Result<null> {
    this.delivery.unwatch(itemId, caller.userId);
    const item = this.deps.store.items.get(itemId);
    if (item) this.tellAgent(item, caller, false);
    audit(this.ports(), caller, 'stopMonitoringChat', itemId, 'done', '');
    return ok(null);
  }

  whisper(caller: Caller, p: { itemId: string; clientId: string; text: string }): Result<ChatWhisper> {
    return audited(this.ports(), caller, 'whisperToAgent', p.itemId, () => p.text, () => {
      const chat = this.supervised(caller, p.itemId);
      if (!chat.ok) return chat;
      const { item, conversation } = chat.value;
      if (item.state !== 'accepted') return err('conflict', 'Nobody is talking with this customer now: there is no agent to whisper to.');
      const now = iso(this.deps.clock.now());
      const whisper = this.deps.center.atomically(() => {
        const stored = this.deps.store.chat.appendWhisper(conversation.id, { itemId: item.id, clientId: p.clientId, authorId: caller.userId, authorName: this.nameOf(caller.userId), text: p.text, at: now });
        this.delivery.toAgent(conversation, { kind: 'chat-whisper', itemId: item.id, whisper: stored }, now);
        return stored;
      });
      return ok(whisper);
    });
  }

  barge(caller: Caller, p: { itemId: string; clientId: string; text: string }): Result<ChatMessage> {
    return audited(this.ports(), caller, 'bargeIntoChat', p.itemId, () => p.text, () => {
      const chat = this.supervised(caller, p.itemId);
      if (!chat.ok) return chat;
      const { conversation } = chat.value;
      const repeated = this.deps.store.chat.messageByClientId(conversation.id, 'agent', p.clientId);
      if (repeated) return ok(repeated);
      if (conversation.state !== 'active') return err('conflict', 'This chat is not open: there is nobody to write to.');
      const now = iso(this.deps.clock.now());
      const message = this.deps.center.atomically(() => {
        const stored = this.deps.store.chat.appendMessage(conversation.id, { clientId: p.clientId, author: 'agent', authorName: this.nameOf(caller.userId), text: p.text, at: now });
        this.delivery.toAgent(conversation, { kind: 'chat-message', itemId: conversation.itemId, message: stored }, now);
        return stored;
      });
      this.delivery.afterCommit(conversation.id, message.seq, { type: 'message', message });
      return ok(message);
    });
  }

  takeOver(caller: Caller, p: { itemId: string; note: string }): Result<ItemView> {
    return audited(this.ports(), caller, 'takeOverChat', p.itemId, () => p.note, () => {
      const chat = this.supervised(caller, p.itemId);
      if (!chat.ok) return chat;
      const { item } = chat.value;
      if (item.state !== 'accepted' || !item.agentId) return err('conflict', 'Only a chat an agent is in can be taken over.');
      if (item.agentId === caller.userId) return err('bad-request', 'This chat is already yours.');
      return this.deps.center.transfer(item.agentId, item.id, { kind: 'agent', agentId: caller.userId }, p.note);
    });
  }

  private supervised(caller: Caller, itemId: string): Result<SupervisedChat> {
    const item = this.deps.store.items.get(itemId);
    const conversation = this.deps.store.chat.conversationByItem(itemId);
    if (!item || !conversation) return err('not-found', 'This work item has no chat.');
    if (!coversItem(supervisionScope(this.deps.config, caller.userId, caller.role), this.deps.config, item)) {
      return err('forbidden', 'This chat is in a queue or team you do not supervise.');
    }
    return ok({ item, conversation });
  }

  /** The centre's policy says whether agents hear that they are monitored; if so, the holder does. */
  private tellAgent(item: WorkItemRow, supervisor: Caller, monitoring: boolean): void {
    if (!this.deps.config.tellAgentsWhenMonitored || item.state !== 'accepted' || !item.agentId) return;
    const agentId = item.agentId;
    const at = iso(this.deps.clock.now());
    this.deps.center.atomically(() =>
      this.deps.center.events.publish(agentId, { kind: 'chat-monitoring', itemId: item.id, supervisorId: supervisor.userId, supervisorName: this.nameOf(supervisor.userId), monitoring }, at),
    );
  }

  private nameOf(userId: string): string {
    return this.deps.store.users.byId(userId)?.displayName ?? userId;
  }

  private ports() {
    return { store: this.deps.store, clock: this.deps.clock };
  }
}
