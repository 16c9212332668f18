/** Stored email rows → what the agent's desktop is sent (src-common/email.ts). */
import { EmailAttachmentInfo, SenderCheck, type EmailMessageView, type EmailThreadView } from '../../../src-common/email';
import type { EmailMessageRow, EmailThreadRow } from '../../storage/email-repository';
import { cleanMailHtml } from './clean-mail-html';
import { InlineImage } from './parse-mail';

function senderCheckOf(json: string | null): SenderCheck | null {
  if (json === null) return null;
  const parsed = SenderCheck.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

/** cid → data: URL of the images a message's HTML shows inline. */
function inlineImagesOf(json: string): Map<string, string> {
  const parsed = InlineImage.array().safeParse(JSON.parse(json));
  return new Map(parsed.success ? parsed.data.map((image) => [image.contentId, image.dataUrl]) : []);
}

function attachmentsOf(json: string): EmailAttachmentInfo[] {
  const parsed = EmailAttachmentInfo.array().safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

export function messageView(row: EmailMessageRow): EmailMessageView {
  const out = row.direction === 'out';
  return {
    id: row.id,
    direction: row.direction,
    messageId: row.messageId,
    from: row.from,
    to: row.to,
    cc: row.cc,
    bcc: out ? row.bcc : [],
    subject: row.subject,
    text: row.text,
    html: row.html === null ? null : cleanMailHtml(row.html, inlineImagesOf(row.inlineImagesJson)),
    attachments: attachmentsOf(row.attachmentsJson),
    warning: row.warning,
    automated: row.automated,
    at: row.createdAt,
    delivery: out && (row.state === 'queued' || row.state === 'sending' || row.state === 'sent' || row.state === 'failed') ? row.state : null,
    deliveryError: out ? row.lastError : null,
    authorId: row.authorId,
    clientId: out ? row.clientId : null,
    senderCheck: out ? null : senderCheckOf(row.senderCheckJson),
    claimsKnownCustomer: !out && row.claimsKnownCustomer,
  };
}

export function threadView(thread: EmailThreadRow, itemId: string, messages: readonly EmailMessageRow[], mailboxAddress: string | null): EmailThreadView {
  return { threadId: thread.id, itemId, customerId: thread.customerId, subject: thread.subject, mailboxAddress, messages: messages.map(messageView) };
}
