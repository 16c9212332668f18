/**
 * The agent's replies. The desktop op stores the reply with its Message-ID already fixed and
 * answers at once; a worker then submits stored replies over SMTP, retrying temporary
 * failures with backoff and reporting permanent ones to the agent (an `email-delivery`
 * event). A repeated request with the same client key finds the stored reply, so it never
 * makes a second mail; a reply interrupted mid-send (hub killed) is sent again with the same
 * Message-ID, which receiving systems and mail clients treat as the same message.
 */
import { randomUUID } from 'node:crypto';
import type { EmailMessageView, QueueMailbox } from '../../../src-common/email';
import { backoffDelayMs, type BackoffPolicy } from '../../../src-common/backoff';
import { err, ok, type Result } from '../../../src-common/result';
import { iso } from '../../clock';
import type { EmailMessageRow, EmailUploadRow } from '../../storage/email-repository';
import type { ChannelServiceDeps } from '../channel';
import { messageView } from './email-views';
import { forwardedBlock, forwardSubject, newMessageId, plusAddress, replyReferences, replySubject } from './message-ids';
import type { MailSender } from './smtp-sender';

/** SMTP retries: from 2 s up to 5 min apart (a mail server restart, a greylisting relay). */
const SEND_BACKOFF: BackoffPolicy = { initialMs: 2_000, maxMs: 5 * 60_000 };

export interface ReplyRequest {
  itemId: string;
  clientId: string;
  text: string;
  cc: string[];
  bcc: string[];
  attachmentIds: string[];
  forwardTo: string[];
}

/** A reply's attachment as stored on the reply row: what the views show plus the upload it came from. */
interface StoredReplyAttachment {
  filename: string;
  contentType: string;
  size: number;
  contentId: null;
  inline: false;
  uploadId: string;
}

/** Where an upload's bytes are, or null when the file is gone. */
export type UploadPath = (upload: EmailUploadRow) => string | null;

export class EmailReplies {
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly deps: ChannelServiceDeps,
    private readonly mailboxes: readonly QueueMailbox[],
    private readonly sender: MailSender,
    private readonly maxAttempts: number,
    private readonly uploadPath: UploadPath = () => null,
  ) {}

  /** The desktop op (runs inside the request's transaction). */
  reply(agentId: string, request: ReplyRequest): Result<EmailMessageView> {
    const { store, clock } = this.deps;
    const item = store.items.get(request.itemId);
    if (!item || item.channel !== 'email') return err('not-found', 'This email does not exist.');
    if (item.agentId !== agentId || (item.state !== 'accepted' && item.state !== 'wrap-up')) return err('forbidden', 'Only the agent handling this email can reply.');
    const thread = store.email.threadByItem(item.id);
    if (!thread) return err('not-found', 'This work item has no email thread.');
    const repeated = store.email.replyByClient(thread.id, request.clientId);
    if (repeated) return ok(messageView(repeated));
    const mailbox = this.mailboxes.find((m) => m.id === thread.mailboxId);
    if (!mailbox) return err('unavailable', 'The mailbox of this thread is no longer configured.');
    if (!thread.customerAddress) return err('conflict', 'The sender of this email has no address to reply to.');
    const attachments: StoredReplyAttachment[] = [];
    for (const uploadId of request.attachmentIds) {
      const upload = store.email.upload(uploadId);
      if (!upload || upload.itemId !== item.id || upload.userId !== agentId) return err('bad-request', 'An attachment of this reply is no longer available; attach the file again.');
      attachments.push({ filename: upload.name, contentType: upload.mime, size: upload.size, contentId: null, inline: false, uploadId });
    }
    const messages = store.email.messagesOfThread(thread.id);
    const parent = [...messages].reverse().find((m) => m.direction === 'in') ?? messages[messages.length - 1];
    const now = clock.now();
    const forward = request.forwardTo.length > 0;
    const to = forward ? request.forwardTo : [thread.customerAddress];
    const row: EmailMessageRow = {
      id: `em-${randomUUID()}`,
      direction: 'out',
      mailboxId: mailbox.id,
      uidValidity: null,
      uid: null,
      messageId: newMessageId(mailbox.address),
      threadId: thread.id,
      itemId: item.id,
      raw: null,
      from: mailbox.address,
      to,
      cc: request.cc.filter((a) => !to.includes(a.toLowerCase())),
      bcc: request.bcc.filter((a) => !to.includes(a.toLowerCase()) && !request.cc.includes(a.toLowerCase())),
      subject: forward ? forwardSubject(parent?.subject || thread.subject, thread.token) : replySubject(parent?.subject || thread.subject, thread.token),
      text: forward && parent ? `${request.text}\n\n${forwardedBlock(parent)}` : request.text,
      html: null,
      inReplyTo: parent?.messageId ?? null,
      references: parent ? replyReferences(parent.references, parent.messageId) : [],
      attachmentsJson: JSON.stringify(attachments),
      warning: null,
      automated: null,
      senderCheckJson: null,
      inlineImagesJson: '[]',
      claimsKnownCustomer: false,
      state: 'queued',
      clientId: request.clientId,
      authorId: agentId,
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      createdAt: iso(now),
    };
    store.email.insertReply(row);
    store.email.saveThread({ ...thread, lastAgentId: agentId, updatedAt: iso(now) });
    // After the request's transaction commits: the worker reads committed rows only.
    setImmediate(() => this.kick());
    return ok(messageView(row));
  }

  start(): void {
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Sends whatever is due; one pass at a time, re-run when asked during a pass. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.pass().finally(() => {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.kick();
      } else {
        this.arm();
      }
    });
  }

  private arm(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const due = this.deps.store.email.nextReplyDue();
    if (due === null) return;
    this.timer = setTimeout(() => this.kick(), Math.max(0, due - this.deps.clock.now()));
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    const { store, clock } = this.deps;
    for (const due of store.email.dueReplies(clock.now())) {
      if (this.stopped) return;
      await this.sendOne(due);
    }
  }

  private async sendOne(row: EmailMessageRow): Promise<void> {
    const { store, center, clock, log } = this.deps;
    const thread = row.threadId ? store.email.thread(row.threadId) : null;
    const mailbox = this.mailboxes.find((m) => m.id === row.mailboxId);
    if (!thread || !mailbox) {
      this.finish(row, 'failed', 'The mailbox of this thread is no longer configured.');
      return;
    }
    const files = this.filesOf(row);
    if (files === null) {
      this.finish(row, 'failed', 'An attached file is missing on the hub; attach it again and send a new reply.');
      return;
    }
    const attempt = { ...row, state: 'sending' as const, attempts: row.attempts + 1 };
    center.atomically(() => store.email.save(attempt));
    const outcome = await this.sender.send({
      from: { name: mailbox.displayName ?? mailbox.address, address: mailbox.address },
      replyTo: plusAddress(mailbox.address, thread.token),
      to: row.to,
      cc: row.cc,
      bcc: row.bcc,
      subject: row.subject,
      text: row.text,
      messageId: row.messageId,
      ...(row.inReplyTo ? { inReplyTo: row.inReplyTo } : {}),
      references: row.references,
      attachments: files,
    });
    if (outcome.kind === 'sent') {
      log.info({ messageId: row.messageId, itemId: row.itemId, attempts: attempt.attempts }, 'email reply sent');
      this.finish(attempt, 'sent', null);
    } else if (outcome.kind === 'permanent' || attempt.attempts >= this.maxAttempts) {
      log.warn({ messageId: row.messageId, itemId: row.itemId, reason: outcome.reason }, 'email reply failed');
      this.finish(attempt, 'failed', outcome.reason);
    } else {
      const retryAt = clock.now() + backoffDelayMs(attempt.attempts - 1, SEND_BACKOFF);
      log.warn({ messageId: row.messageId, reason: outcome.reason, retryAt }, 'email reply not sent yet; will retry');
      center.atomically(() => store.email.save({ ...attempt, state: 'queued', nextAttemptAt: retryAt, lastError: outcome.reason }));
    }
  }

  /** The reply's files for the sender, in order; null when one of them is gone. */
  private filesOf(row: EmailMessageRow): { filename: string; path: string; contentType: string }[] | null {
    const parsed: unknown = JSON.parse(row.attachmentsJson);
    const stored = Array.isArray(parsed) ? (parsed as Partial<StoredReplyAttachment>[]) : [];
    const files: { filename: string; path: string; contentType: string }[] = [];
    for (const entry of stored) {
      if (typeof entry.uploadId !== 'string') continue;
      const upload = this.deps.store.email.upload(entry.uploadId);
      const path = upload ? this.uploadPath(upload) : null;
      if (!upload || !path) return null;
      files.push({ filename: upload.name, path, contentType: upload.mime });
    }
    return files;
  }

  private finish(row: EmailMessageRow, state: 'sent' | 'failed', error: string | null): void {
    const { store, center, clock } = this.deps;
    const at = iso(clock.now());
    center.atomically(() => {
      const done: EmailMessageRow = { ...row, state, lastError: error, nextAttemptAt: null };
      store.email.save(done);
      const item = row.itemId ? store.items.get(row.itemId) : null;
      const agentId = row.authorId ?? item?.agentId ?? null;
      if (agentId && row.itemId) center.events.publish(agentId, { kind: 'email-delivery', itemId: row.itemId, message: messageView(done) }, at);
    });
  }
}
