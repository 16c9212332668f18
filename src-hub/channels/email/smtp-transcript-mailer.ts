/**
 * The chat transcript by email, sent through the email channel's SMTP server. The
 * Message-ID is derived from the conversation, so a second try of the same transcript is
 * recognisably the same mail; Auto-Submitted marks it machine-made (RFC 3834), so
 * auto-responders do not answer it.
 */
import { err, ok, type Result } from '../../../src-common/result';
import type { HubLogger } from '../../log';
import type { TranscriptEmail } from '../chat/transcript-email';
import { OutboxTranscriptMailer, type TranscriptMailer } from '../chat/transcript-mailer';
import type { MailSender } from './smtp-sender';

export class SmtpTranscriptMailer implements TranscriptMailer {
  constructor(
    private readonly sender: MailSender,
    private readonly from: { name: string; address: string },
    private readonly log: HubLogger,
  ) {}

  async send(mail: TranscriptEmail): Promise<Result<{ reference: string }>> {
    const domain = this.from.address.split('@')[1] ?? 'centralita.invalid';
    const messageId = `transcript.${mail.conversationId}@${domain}`;
    const outcome = await this.sender.send({
      from: this.from,
      to: [mail.to],
      cc: [],
      subject: mail.subject,
      text: mail.text,
      messageId,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    if (outcome.kind === 'sent') {
      this.log.info({ conversationId: mail.conversationId, messageId }, 'chat transcript email sent');
      return ok({ reference: messageId });
    }
    this.log.warn({ conversationId: mail.conversationId, outcome }, 'chat transcript email not sent');
    return outcome.kind === 'permanent'
      ? err('bad-request', 'The transcript could not be delivered to that address.')
      : err('unavailable', 'The transcript could not be sent; try again later.');
  }
}

/** Where transcripts go out: the email channel's sender (which picks each mailbox's server) and the mailbox they come from. */
export interface TranscriptRoute {
  sender: MailSender;
  mailbox: { address: string; displayName?: string | undefined };
}

/** Over SMTP when the hub has an email channel (real or lab mail); otherwise the .eml outbox folder. */
export function transcriptMailerFor(route: TranscriptRoute | null, dataDir: string, log: HubLogger): TranscriptMailer {
  if (!route) return new OutboxTranscriptMailer(dataDir, log);
  return new SmtpTranscriptMailer(route.sender, { name: route.mailbox.displayName ?? route.mailbox.address, address: route.mailbox.address }, log);
}
