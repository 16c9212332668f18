/**
 * The email channel: one IMAP watcher per configured mailbox feeding the email intake, the
 * reply worker submitting agents' replies over SMTP, and the desktop ops on email threads.
 * With `labMail` (lab only) the hub's own SMTP server on loopback is one more source for the
 * same intake and where the lab mailbox's replies go, and /lab/mail shows what customers got.
 * New mail reaches routing only through the intake.
 */
import { LAB_MAILBOX_ID } from '../../../src-common/email';
import path from 'node:path';
import { err, ok } from '../../../src-common/result';
import type { ChannelContext, HubChannel } from '../channel';
import { EmailIntake, type IntakeMailbox } from './email-intake';
import { createEmailAttachmentRoutes, uploadFilePath } from './email-attachment-routes';
import { EmailReplies } from './email-replies';
import { threadView } from './email-views';
import { ImapMailboxWatcher } from './imap-mailbox';
import { LabCustomerMailboxes } from './lab-customer-mailboxes';
import { createLabMailRoutes } from './lab-mail-page';
import { LabMailServer, LAB_SMTP_HOST } from './lab-mail-server';
import { createSmtpSender, type MailSender } from './smtp-sender';
import type { TranscriptRoute } from './smtp-transcript-mailer';

/** Attempts of a reply when only lab mail is configured (no `email.maxSendAttempts`). */
const LAB_MAX_SEND_ATTEMPTS = 8;

/** Lab mail, for in-process tools (the simulator, tests). */
export interface LabMailAccess {
  /** The queue's lab address. */
  address: string;
  server: LabMailServer;
  customers: LabCustomerMailboxes;
}

export interface EmailChannel extends HubChannel {
  readonly name: 'email';
  /** Null without `labMail`. */
  readonly labMail: LabMailAccess | null;
  /** Chat transcripts leave from the first mailbox (a configured one, else the lab's), through the same servers as replies. */
  readonly transcriptRoute: TranscriptRoute;
}

/**
 * Lab mail is never asked about in DNS: its domains are invented and it never leaves loopback,
 * so every lookup answers "no such record" at once (the sender check then says "unverified").
 */
const noLabDns = (name: string): Promise<string[][]> => Promise.reject(Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' }));

export function createEmailChannel(ctx: ChannelContext): EmailChannel | null {
  const { email, labMail } = ctx.config;
  if (!email && !labMail) return null;
  const labMailbox: IntakeMailbox | null = labMail
    ? { id: LAB_MAILBOX_ID, queueId: labMail.queueId, address: labMail.address, displayName: labMail.displayName, senderCheck: { resolver: noLabDns } }
    : null;
  const mailboxes: IntakeMailbox[] = [...(email?.mailboxes ?? []), ...(labMailbox ? [labMailbox] : [])];
  const firstMailbox = mailboxes[0];
  if (!firstMailbox) return null;
  const intake = new EmailIntake(ctx, mailboxes);
  const customers = new LabCustomerMailboxes(undefined, (cause) => ctx.log.warn({ err: cause }, 'lab mail delivery listener failed'), path.join(ctx.dataDir, 'lab-mail-delivered.jsonl'));
  const labServer = labMailbox ? new LabMailServer({ intake, mailbox: labMailbox, customers, clock: ctx.clock, log: ctx.log }) : null;
  const realSender = email ? createSmtpSender(email.smtp) : null;
  let labSender: MailSender | null = null;
  const sender = senderByMailbox(realSender, labMailbox ? { address: labMailbox.address, sender: () => labSender } : null);
  const replies = new EmailReplies(ctx, mailboxes, sender, email?.maxSendAttempts ?? LAB_MAX_SEND_ATTEMPTS, (upload) => uploadFilePath(ctx.dataDir, upload));
  const attachments = createEmailAttachmentRoutes({ store: ctx.store, sessions: ctx.sessions, limits: ctx.config.chat, dataDir: ctx.dataDir, clock: ctx.clock, log: ctx.log });
  const labRoutes = labServer && labMailbox ? createLabMailRoutes(customers, () => (labServer.smtp ? { ...labServer.smtp, address: labMailbox.address } : null)) : null;
  const watchers = (email?.mailboxes ?? []).map((mailbox) => new ImapMailboxWatcher(mailbox, intake, ctx.log));

  return {
    name: 'email',
    labMail: labServer && labMailbox ? { address: labMailbox.address, server: labServer, customers } : null,
    transcriptRoute: { sender, mailbox: firstMailbox },
    handleHttp: async (req, res, url) => (labRoutes?.(req, res, url) ?? false) || attachments(req, res, url),
    desktopOps: {
      sendEmailReply: (caller, p) => replies.reply(caller.userId, p),
      getEmailThread: (caller, p) => {
        const item = ctx.store.items.get(p.itemId);
        if (!item || item.channel !== 'email') return err('not-found', 'This email does not exist.');
        if (caller.role === 'agent' && item.agentId !== caller.userId) return err('forbidden', 'This email is handled by another agent.');
        const thread = ctx.store.email.threadByItem(item.id);
        if (!thread) return err('not-found', 'This work item has no email thread.');
        const address = mailboxes.find((m) => m.id === thread.mailboxId)?.address ?? null;
        return ok(threadView(thread, item.id, ctx.store.email.messagesOfThread(thread.id), address));
      },
    },
    async started(): Promise<void> {
      // Mail stored before a crash but not yet filed goes first, then the mailboxes.
      await intake.processPending();
      if (labServer) {
        const smtp = await labServer.start();
        labSender = createSmtpSender({ host: LAB_SMTP_HOST, port: smtp.port, secure: false });
      }
      replies.start();
      for (const watcher of watchers) watcher.start();
    },
    async stop(): Promise<void> {
      replies.stop();
      await Promise.all(watchers.map((w) => w.stop()));
      await labServer?.stop();
      realSender?.close();
      labSender?.close();
    },
  };
}

/**
 * Replies go out through their mailbox's server: the lab mailbox's to the lab SMTP server, every
 * other to `email.smtp`. Before the lab server listens its replies wait (a temporary failure).
 */
function senderByMailbox(real: MailSender | null, lab: { address: string; sender: () => MailSender | null } | null): MailSender {
  return {
    async send(mail) {
      if (lab && mail.from.address.toLowerCase() === lab.address.toLowerCase()) {
        const sender = lab.sender();
        return sender ? sender.send(mail) : { kind: 'temporary', reason: 'the lab mail server is not listening yet' };
      }
      return real ? real.send(mail) : { kind: 'permanent', reason: 'no SMTP server is configured for this mailbox' };
    },
    close: () => undefined,
  };
}
