/**
 * From a raw message to work: store raw first (keyed by mailbox + UIDVALIDITY + UID), then
 * parse, then — in one transaction — refuse a Message-ID already taken, find the thread, and
 * either add the message to the thread's open item or submit a new item through the intake
 * (offered first to the agent who answered last). Only after that commits does the mailbox
 * watcher flag or move the mail on the server, so a crash at any point takes it once.
 */
import type { QueueMailbox } from '../../../src-common/email';
import type { WorkItem } from '../../../src-common/domain';
import { iso } from '../../clock';
import type { EmailMessageRow, EmailThreadRow } from '../../storage/email-repository';
import type { ChannelServiceDeps } from '../channel';
import { messageView } from './email-views';
import { newThreadToken } from './message-ids';
import { parseEmail, type ParsedEmail } from './parse-mail';
import { matchThread, type ThreadRef } from './threading';
import { randomUUID } from 'node:crypto';
import { normaliseEmail } from '../../../src-common/identity';
import type { SenderCheck } from '../../../src-common/email';
import { cachingResolver } from './dns-cache';
import { checkSender, type SenderCheckOptions, type SmtpEnvelope } from './sender-check';

/**
 * A mailbox as the intake sees it. `senderCheck` replaces the intake's DNS for this mailbox's
 * mail: lab mail comes from invented domains over loopback, where asking the internet proves nothing.
 */
export type IntakeMailbox = QueueMailbox & { senderCheck?: Pick<SenderCheckOptions, 'resolver' | 'timeoutMs'> };

const OPEN_STATES: ReadonlySet<WorkItem['state']> = new Set(['queued', 'offered', 'accepted', 'wrap-up']);
const PREVIEW_CHARS = 200;

export class EmailIntake {
  constructor(
    private readonly deps: ChannelServiceDeps,
    private readonly mailboxes: readonly IntakeMailbox[],
    /** DNS for the sender check (tests give their own); the system's, remembered a few minutes, by default. */
    private readonly senderCheck: Pick<SenderCheckOptions, 'resolver' | 'timeoutMs'> = { resolver: cachingResolver() },
  ) {}

  /** Stores a fetched message as received; returns its row (the earlier one if already stored). */
  storeRaw(mailboxId: string, uidValidity: string, uid: number, raw: Buffer, headerMessageId: string | null): EmailMessageRow {
    const { store, clock } = this.deps;
    const id = `em-${randomUUID()}`;
    // Mail without a Message-ID cannot be recognised when it comes again: name it by where it was found.
    const messageId = headerMessageId ?? `missing.${mailboxId}.${uidValidity}.${uid}@centralita.invalid`;
    this.deps.center.atomically(() => store.email.insertRaw({ id, mailboxId, uidValidity, uid, messageId, raw, createdAt: iso(clock.now()) }));
    const row = store.email.byUid(mailboxId, uidValidity, uid);
    if (!row) throw new Error(`email ${mailboxId}/${uidValidity}/${uid} not stored`);
    return row;
  }

  /** Turns every message stored but not yet processed into work (after a crash, at start). */
  async processPending(): Promise<void> {
    for (const row of this.deps.store.email.unprocessed()) await this.process(row.id);
  }

  /**
   * Parses a stored message, checks its sender and files it; never throws for a bad message.
   * `envelope`: how it arrived over SMTP, when the hub took it itself (SPF needs the client's address).
   */
  async process(rowId: string, envelope?: SmtpEnvelope): Promise<void> {
    const row = this.deps.store.email.get(rowId);
    if (!row || row.state !== 'stored' || !row.raw) return;
    const mailbox = this.mailboxes.find((m) => m.id === row.mailboxId);
    if (!mailbox) {
      this.deps.log.warn({ mailboxId: row.mailboxId, messageId: row.messageId }, 'email from a mailbox no longer configured; kept raw');
      return;
    }
    const parsed = await parseEmail(row.raw);
    const sender = await checkSender(row.raw, parsed.from || null, { ...this.senderCheck, ...mailbox.senderCheck, ...(envelope ? { envelope } : {}) });
    try {
      this.file(row, parsed, mailbox, sender);
    } catch (cause) {
      // Kept as `stored`: the next start (or a later fetch of the same UID) tries again.
      this.deps.log.error({ err: cause, messageId: row.messageId }, 'email could not be filed; kept raw');
    }
  }

  private file(row: EmailMessageRow, parsed: ParsedEmail, mailbox: QueueMailbox, sender: SenderCheck): void {
    const { store, center, clock, log } = this.deps;
    const at = iso(clock.now());
    center.atomically(() => {
      const current = store.email.get(row.id);
      if (!current || current.state !== 'stored') return;
      const earlier = store.email.byMessageId(current.messageId).find((m) => m.id !== current.id && m.state !== 'duplicate' && m.state !== 'stored');
      if (earlier) {
        store.email.save({ ...current, state: 'duplicate' });
        log.info({ messageId: current.messageId, mailboxId: mailbox.id }, 'email already taken (same Message-ID); not filed again');
        return;
      }
      const match = matchThread(parsed, mailbox.address, {
        threadOfMessageId: (id) => this.threadRef(store.email.byMessageId(id).find((m) => m.threadId !== null)?.threadId ?? null),
        threadOfToken: (token) => this.threadRef(store.email.threadByToken(token)?.id ?? null),
      });
      const existing = match ? store.email.thread(match.thread.id) : null;
      // Asked before filing: filing a new sender creates their customer.
      const address = normaliseEmail(parsed.from);
      const knownCustomer = address !== null && store.customers.findByIdentity({ kind: 'email', value: address }) !== null;
      const filed = existing ? this.fileInThread(existing, parsed, at) : this.fileInNewThread(parsed, mailbox, at);
      if (!filed) return;
      const message: EmailMessageRow = {
        ...current,
        threadId: filed.thread.id,
        itemId: filed.itemId,
        from: parsed.from,
        to: parsed.to,
        cc: parsed.cc,
        subject: parsed.subject,
        text: parsed.text,
        html: parsed.html,
        inReplyTo: parsed.inReplyTo,
        references: parsed.references,
        attachmentsJson: JSON.stringify(parsed.attachments),
        warning: parsed.warning,
        automated: parsed.automated,
        senderCheckJson: JSON.stringify(sender),
        inlineImagesJson: JSON.stringify(parsed.inlineImages),
        claimsKnownCustomer: knownCustomer && sender.result !== 'verified',
        state: 'processed',
      };
      store.email.save(message);
      if (parsed.automated === 'bounce' && parsed.bouncedMessageId) this.markReturned(parsed.bouncedMessageId, parsed.bounceReport, at);
      const item = store.items.get(filed.itemId);
      if (item?.agentId && (item.state === 'accepted' || item.state === 'wrap-up')) {
        center.events.publish(item.agentId, { kind: 'email-message', itemId: item.id, message: messageView(message) }, at);
      }
      log.info({ messageId: message.messageId, threadId: filed.thread.id, itemId: filed.itemId, by: match?.by ?? 'new', automated: parsed.automated, sender: sender.result }, 'email filed');
    });
  }

  /**
   * A reply of ours came back: it was not delivered after all. It shows as failed, with what the
   * report says, on the desktop of whoever wrote it (or holds its item), so they can check the
   * address or reach the customer another way.
   */
  private markReturned(messageId: string, report: string | null, at: string): void {
    const { store, center } = this.deps;
    const ours = store.email.byMessageId(messageId).find((m) => m.direction === 'out' && m.state !== 'failed');
    if (!ours) return;
    const returned: EmailMessageRow = { ...ours, state: 'failed', nextAttemptAt: null, lastError: (report ?? "returned by the recipient's mail server, with no reason given").slice(0, 500) };
    store.email.save(returned);
    const item = ours.itemId ? store.items.get(ours.itemId) : null;
    const agentId = ours.authorId ?? item?.agentId ?? null;
    if (agentId && ours.itemId) center.events.publish(agentId, { kind: 'email-delivery', itemId: ours.itemId, message: messageView(returned) }, at);
    this.deps.log.info({ messageId, report }, 'a reply bounced; marked as not delivered');
  }

  private threadRef(threadId: string | null): ThreadRef | null {
    const thread = threadId ? this.deps.store.email.thread(threadId) : null;
    return thread ? { id: thread.id, customerAddress: thread.customerAddress } : null;
  }

  /** The thread's open item takes the message; once that item is done, a new item continues the thread. */
  private fileInThread(thread: EmailThreadRow, parsed: ParsedEmail, at: string): { thread: EmailThreadRow; itemId: string } | null {
    const { store } = this.deps;
    const open = thread.currentItemId ? store.items.get(thread.currentItemId) : null;
    if (open && OPEN_STATES.has(open.state)) {
      store.email.saveThread({ ...thread, updatedAt: at });
      return { thread, itemId: open.id };
    }
    const item = this.submit(thread.queueId, parsed, thread.subject, thread.lastAgentId);
    if (!item) return null;
    const updated = { ...thread, currentItemId: item.id, updatedAt: at };
    store.email.saveThread(updated);
    return { thread: updated, itemId: item.id };
  }

  private fileInNewThread(parsed: ParsedEmail, mailbox: QueueMailbox, at: string): { thread: EmailThreadRow; itemId: string } | null {
    const item = this.submit(mailbox.queueId, parsed, parsed.subject, null);
    if (!item) return null;
    const thread: EmailThreadRow = {
      id: `et-${randomUUID()}`,
      mailboxId: mailbox.id,
      queueId: mailbox.queueId,
      customerId: item.customerId,
      customerAddress: parsed.from,
      token: newThreadToken(),
      subject: parsed.subject,
      currentItemId: item.id,
      lastAgentId: null,
      createdAt: at,
      updatedAt: at,
    };
    this.deps.store.email.insertThread(thread);
    return { thread, itemId: item.id };
  }

  private submit(queueId: string, parsed: ParsedEmail, threadSubject: string, preferredAgentId: string | null): WorkItem | null {
    const preview = (parsed.warning ?? parsed.text).replace(/\s+/g, ' ').trim().slice(0, PREVIEW_CHARS);
    const submitted = this.deps.intake.submit({
      channel: 'email',
      queueId,
      from: parsed.from || '(unknown sender)',
      subject: (parsed.subject || threadSubject || '(no subject)').slice(0, 500),
      preview,
      ...(parsed.fromName ? { customerName: parsed.fromName } : {}),
      ...(preferredAgentId ? { preferredAgentId } : {}),
    });
    if (!submitted.ok) {
      this.deps.log.error({ queueId, error: submitted.error }, 'email could not become work; kept raw');
      return null;
    }
    return submitted.value;
  }
}
