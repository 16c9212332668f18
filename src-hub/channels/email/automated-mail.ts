/**
 * Mail that no automatic answer may go to (RFC 3834): auto-replies (Auto-Submitted), list and
 * bulk mail (Precedence, List-Id), and mail from mailer daemons — answering those is how mail
 * loops start. Bounces (delivery status notifications, RFC 3464) are recognised separately, so
 * they can be attached to the thread whose reply bounced.
 */

export interface HeaderLookup {
  /** The header's first value as text (lower-case name), or undefined. */
  get(name: string): string | undefined;
}

export type AutomatedReason = 'auto-submitted' | 'bulk' | 'list' | 'mailer-daemon' | 'bounce';

const DAEMON_LOCAL_PARTS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|no-?reply|do-?not-?reply|bounces?)(\+.*)?$/i;

export function isBounce(headers: HeaderLookup): boolean {
  const contentType = headers.get('content-type') ?? '';
  return /multipart\/report/i.test(contentType) && /report-type\s*=\s*"?delivery-status/i.test(contentType);
}

/** Why no automatic answer may go to this mail, or null when one may. */
export function automatedReason(headers: HeaderLookup, fromAddress: string): AutomatedReason | null {
  if (isBounce(headers)) return 'bounce';
  const autoSubmitted = (headers.get('auto-submitted') ?? '').trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto-submitted';
  if (headers.get('x-autoreply') !== undefined || headers.get('x-autorespond') !== undefined) return 'auto-submitted';
  const precedence = (headers.get('precedence') ?? '').trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk') return 'bulk';
  if (precedence === 'list' || headers.get('list-id') !== undefined || headers.get('list-unsubscribe') !== undefined) return 'list';
  const local = fromAddress.split('@')[0] ?? '';
  if (!fromAddress || DAEMON_LOCAL_PARTS.test(local)) return 'mailer-daemon';
  return null;
}

/**
 * The Message-ID of the mail a bounce reports on, read from its returned message or headers
 * part (message/rfc822 or text/rfc822-headers), or null.
 */
export function bouncedMessageId(returnedParts: readonly string[]): string | null {
  for (const part of returnedParts) {
    const match = /^message-id:[ \t]*(?:\r?\n[ \t]+)?<([^<>\s]+)>/im.exec(part);
    if (match?.[1]) return match[1];
  }
  return null;
}
