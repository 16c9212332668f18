/**
 * An email reply being written, as the desktop keeps it in its local cache while the agent
 * types: it survives a crash, a reload and a lost link. Its clientId is the reply's key at the
 * hub, so a draft that comes back after a crash and is sent again is still one mail.
 */
import { z } from 'zod';
import { EMAIL_MAX_ATTACHMENTS, EMAIL_MAX_TEXT, EmailUpload } from './email';

/** What the agent typed in the CC field, kept as typed (half an address included) until sent. */
export const EMAIL_CC_TEXT_MAX = 5000;

export const EmailDraft = z.object({
  itemId: z.string().min(1).max(128),
  clientId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
  text: z.string().max(EMAIL_MAX_TEXT),
  ccText: z.string().max(EMAIL_CC_TEXT_MAX),
  /** The BCC field as typed. */
  bccText: z.string().max(EMAIL_CC_TEXT_MAX).default(''),
  /** Non-empty: the draft is a forward to these addresses (as typed), not a reply to the customer. */
  forwardToText: z.string().max(EMAIL_CC_TEXT_MAX).default(''),
  /** Files already uploaded to the hub for this reply. */
  attachments: z.array(EmailUpload).max(EMAIL_MAX_ATTACHMENTS).default([]),
});
export type EmailDraft = z.infer<typeof EmailDraft>;

/** Addresses of a CC field ("a@x.es, b@y.cat; c@z.com"), or the first piece that is not one. */
export function parseCcField(text: string): { ok: true; addresses: string[] } | { ok: false; invalid: string } {
  const pieces = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  for (const piece of pieces) if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(piece)) return { ok: false, invalid: piece };
  return { ok: true, addresses: [...new Set(pieces.map((p) => p.toLowerCase()))] };
}
