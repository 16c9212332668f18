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
 * What a delivery report (message/delivery-status, RFC 3464) says went wrong, as one line for
 * the agent: "maria@example.es: 5.1.1 (smtp; 550 5.1.1 user unknown)"; null when it says nothing.
 * Only failed recipients count: a report may also list delayed or delivered ones.
 */
export function bounceReport(statusParts: readonly string[]): string | null {
  const failed: string[] = [];
  for (const part of statusParts) {
    // Per-recipient fields come in blocks separated by blank lines; continuation lines unfolded.
    for (const block of part.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n\r?\n/)) {
      const field = (name: string): string | null => new RegExp(`^${name}:[ \\t]*(.+)$`, 'im').exec(block)?.[1]?.trim() ?? null;
      const action = field('action')?.toLowerCase() ?? null;
      const status = field('status');
      if (action !== 'failed' && !status?.startsWith('5')) continue;
      const recipient = (field('final-recipient') ?? field('original-recipient'))?.replace(/^[^;]*;\s*/, '') ?? null;
      const diagnostic = field('diagnostic-code');
      failed.push(`${recipient ?? '?'}: ${status ?? 'failed'}${diagnostic ? ` (${diagnostic})` : ''}`);
    }
  }
  return failed.length ? failed.join('; ').slice(0, 500) : null;
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
