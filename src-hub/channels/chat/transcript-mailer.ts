/**
 * The seam between web chat and email: when a chat whose customer asked for the transcript
 * closes, the chat service hands a rendered `TranscriptEmail` to a `TranscriptMailer`.
 *
 * With the email channel on (real mailboxes or lab mail), `SmtpTranscriptMailer` (channels/email)
 * sends it over SMTP.
 * Without it, `OutboxTranscriptMailer` is the implementation: it writes
 * the complete message (RFC 5322 headers + plain-text body, CRLF) to
 * `DATA_DIR/outbox-mail/<conversation id>.eml` and logs where. The file is what an SMTP
 * submission would carry, so it can be opened in any mail client or fed to `sendmail -t`.
 */
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../../src-common/result';
import type { HubLogger } from '../../log';
import type { TranscriptEmail } from './transcript-email';

export interface TranscriptMailer {
  /** Resolves once the mail is handed over (written, queued or submitted); `reference` names it in logs. */
  send(mail: TranscriptEmail, at: Date): Promise<Result<{ reference: string }>>;
}

/** Until the email channel configures a sender, mails come from this clearly non-routable address. */
export const TRANSCRIPT_FROM = 'Centralita <no-reply@centralita.invalid>';
export const OUTBOX_MAIL_DIR = 'outbox-mail';

/** RFC 5322 caps a line at 998 octets; a longer one goes out base64-encoded rather than cut. */
const MAX_LINE_OCTETS = 998;

/** RFC 2047 encoded-word for a header that is not plain ASCII. */
function headerText(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** "Wed, 25 Nov 2026 02:14:11 +0000" (RFC 5322 date-time; toUTCString's "GMT" is the obsolete form). */
function mailDate(at: Date): string {
  return at.toUTCString().replace(/GMT$/, '+0000');
}

/** The whole message as it would be submitted: headers, blank line, body, all with CRLF. */
export function formatRfc5322(mail: TranscriptEmail, at: Date): Result<string> {
  // The address came through normaliseEmail, but it lands in a header: refuse anything that could end it.
  if (!/^[^\s<>,;:"()\\[\]]+@[^\s<>,;:"()\\[\]]+$/.test(mail.to)) return err('bad-request', 'That email address cannot receive a transcript.');
  const body = mail.text.replace(/\r\n?/g, '\n').split('\n');
  const tooLong = body.some((line) => Buffer.byteLength(line, 'utf8') > MAX_LINE_OCTETS);
  const encodedBody = tooLong
    ? (Buffer.from(body.join('\r\n'), 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n')
    : body.join('\r\n');
  const headers = [
    `From: ${TRANSCRIPT_FROM}`,
    `To: ${mail.to}`,
    `Subject: ${headerText(mail.subject)}`,
    `Date: ${mailDate(at)}`,
    `Message-ID: <transcript.${mail.conversationId}@centralita.invalid>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Transfer-Encoding: ${tooLong ? 'base64' : '8bit'}`,
    'Auto-Submitted: auto-generated',
  ];
  return ok(`${headers.join('\r\n')}\r\n\r\n${encodedBody}\r\n`);
}

export class OutboxTranscriptMailer implements TranscriptMailer {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly log: HubLogger,
  ) {
    this.dir = join(dataDir, OUTBOX_MAIL_DIR);
  }

  send(mail: TranscriptEmail, at: Date): Promise<Result<{ reference: string }>> {
    const formatted = formatRfc5322(mail, at);
    if (!formatted.ok) return Promise.resolve(formatted);
    try {
      // Transcripts are personal data: only the hub's user may read the folder and files.
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      chmodSync(this.dir, 0o700);
      const file = join(this.dir, `${mail.conversationId}.eml`);
      // Written aside and renamed, so whatever picks the outbox up never sees half a mail.
      const partial = `${file}.partial`;
      writeFileSync(partial, formatted.value, { mode: 0o600 });
      renameSync(partial, file);
      this.log.info({ file, conversationId: mail.conversationId }, 'chat transcript email written to the outbox (no email channel configured)');
      return Promise.resolve(ok({ reference: file }));
    } catch (cause) {
      this.log.error({ err: cause, conversationId: mail.conversationId }, 'could not write the chat transcript email');
      return Promise.resolve(err('unavailable', 'The transcript could not be sent; try again later.'));
    }
  }
}
