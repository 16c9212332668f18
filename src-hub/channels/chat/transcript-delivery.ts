/**
 * "Email me the transcript": where the request is kept (on the conversation) and when it is
 * honoured (once, when the chat is closed). The mail itself goes through the `TranscriptMailer`
 * seam, so the email channel can swap the outbox for SMTP without touching this logic.
 */
import { err, ok, type Result } from '../../../src-common/result';
import type { ContactCenter } from '../../center/contact-center';
import { iso, type Clock } from '../../clock';
import type { HubLogger } from '../../log';
import type { ChatConversationRow } from '../../storage/chat-repository';
import type { HubStore } from '../../storage/repositories';
import { renderTranscriptEmail } from './transcript-email';
import type { TranscriptMailer } from './transcript-mailer';

export interface TranscriptDeliveryDeps {
  center: ContactCenter;
  store: HubStore;
  clock: Clock;
  log: HubLogger;
  mailer: TranscriptMailer;
}

export class TranscriptDelivery {
  private stopped = false;

  constructor(private readonly deps: TranscriptDeliveryDeps) {}

  stop(): void {
    this.stopped = true;
  }

  /** Records the request (to the email the visitor gave) and, if the chat has closed, sends now. */
  request(visitorId: string, conversationId: string): Result<ChatConversationRow> {
    const conversation = this.deps.store.chat.conversation(conversationId);
    if (!conversation || conversation.visitorId !== visitorId) return err('not-found', 'This chat does not exist.');
    if (conversation.transcriptEmail) {
      this.mailIfAsked(conversationId);
      return ok(this.deps.store.chat.conversation(conversationId) ?? conversation);
    }
    const email = this.deps.store.chat.visitor(visitorId)?.email ?? '';
    if (!email) return err('bad-request', 'Give an email address to receive the transcript.');
    const requested: ChatConversationRow = { ...conversation, transcriptRequested: true, transcriptEmail: email };
    this.deps.center.atomically(() => this.deps.store.chat.saveConversation(requested));
    this.mailIfAsked(conversationId);
    return ok(requested);
  }

  /**
   * Hands a closed chat's transcript to the mailer once: the claim (`transcriptSentAt`) commits
   * before the send, and is released if the send fails so a later request can try again.
   */
  mailIfAsked(conversationId: string): void {
    const conversation = this.deps.store.chat.conversation(conversationId);
    if (!conversation?.transcriptEmail || conversation.state !== 'closed' || conversation.transcriptSentAt) return;
    const at = this.deps.clock.now();
    const claimed: ChatConversationRow = { ...conversation, transcriptSentAt: iso(at) };
    this.deps.center.atomically(() => this.deps.store.chat.saveConversation(claimed));
    const mail = renderTranscriptEmail(claimed, conversation.transcriptEmail, this.deps.store.chat.messagesAfter(conversationId, 0));
    void this.deps.mailer.send(mail, new Date(at)).then((sent) => {
      if (sent.ok) return;
      this.deps.log.warn({ conversationId, error: sent.error }, 'chat transcript email not sent');
      if (this.stopped) return;
      const current = this.deps.store.chat.conversation(conversationId);
      if (current) this.deps.center.atomically(() => this.deps.store.chat.saveConversation({ ...current, transcriptSentAt: null }));
    });
  }
}
