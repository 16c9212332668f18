/**
 * The email channel: one IMAP watcher per configured mailbox feeding the email intake, the
 * reply worker submitting agents' replies over SMTP, and the desktop ops on email threads.
 * New mail reaches routing only through the intake.
 */
import { err, ok } from '../../../src-common/result';
import type { ChannelContext, HubChannel } from '../channel';
import { EmailIntake } from './email-intake';
import { createEmailAttachmentRoutes, uploadFilePath } from './email-attachment-routes';
import { EmailReplies } from './email-replies';
import { threadView } from './email-views';
import { ImapMailboxWatcher } from './imap-mailbox';
import { createSmtpSender } from './smtp-sender';

export function createEmailChannel(ctx: ChannelContext): HubChannel | null {
  const email = ctx.config.email;
  if (!email) return null;
  const intake = new EmailIntake(ctx, email.mailboxes);
  const sender = createSmtpSender(email.smtp);
  const replies = new EmailReplies(ctx, email.mailboxes, sender, email.maxSendAttempts, (upload) => uploadFilePath(ctx.dataDir, upload));
  const attachments = createEmailAttachmentRoutes({ store: ctx.store, sessions: ctx.sessions, limits: ctx.config.chat, dataDir: ctx.dataDir, clock: ctx.clock, log: ctx.log });
  const watchers = email.mailboxes.map((mailbox) => new ImapMailboxWatcher(mailbox, intake, ctx.log));

  return {
    name: 'email',
    handleHttp: (req, res, url) => attachments(req, res, url),
    desktopOps: {
      sendEmailReply: (caller, p) => replies.reply(caller.userId, p),
      getEmailThread: (caller, p) => {
        const item = ctx.store.items.get(p.itemId);
        if (!item || item.channel !== 'email') return err('not-found', 'This email does not exist.');
        if (caller.role === 'agent' && item.agentId !== caller.userId) return err('forbidden', 'This email is handled by another agent.');
        const thread = ctx.store.email.threadByItem(item.id);
        if (!thread) return err('not-found', 'This work item has no email thread.');
        const address = email.mailboxes.find((m) => m.id === thread.mailboxId)?.address ?? null;
        return ok(threadView(thread, item.id, ctx.store.email.messagesOfThread(thread.id), address));
      },
    },
    async started(): Promise<void> {
      // Mail stored before a crash but not yet filed goes first, then the mailboxes.
      await intake.processPending();
      replies.start();
      for (const watcher of watchers) watcher.start();
    },
    async stop(): Promise<void> {
      replies.stop();
      await Promise.all(watchers.map((w) => w.stop()));
      sender.close();
    },
  };
}
