/**
 * Which conversation an incoming mail belongs to, in order of trust:
 * 1. its headers: a bounce's returned Message-ID, then In-Reply-To, then References (newest
 *    first) naming any message of a thread, ours or the customer's — this survives changed
 *    subjects and forwards within the thread;
 * 2. the thread token, for clients that drop those headers: in a plus-address of the mailbox
 *    among the recipients (our Reply-To) or as "[#token]" in the subject. A token is easy to
 *    copy, so it joins only mail from the thread's own customer address.
 * Anything else starts a new thread.
 */
import type { ParsedEmail } from './parse-mail';
import { tokenFromAddress, tokenFromSubject } from './message-ids';

export interface ThreadRef {
  id: string;
  customerAddress: string;
}

export interface ThreadLookups {
  /** The thread of a stored message with this Message-ID, if any. */
  threadOfMessageId(messageId: string): ThreadRef | null;
  threadOfToken(token: string): ThreadRef | null;
}

export type ThreadMatch = { thread: ThreadRef; by: 'bounce' | 'in-reply-to' | 'references' | 'reply-to-token' | 'subject-token' } | null;

export function matchThread(mail: ParsedEmail, mailboxAddress: string, lookups: ThreadLookups): ThreadMatch {
  if (mail.bouncedMessageId) {
    const thread = lookups.threadOfMessageId(mail.bouncedMessageId);
    if (thread) return { thread, by: 'bounce' };
  }
  if (mail.inReplyTo) {
    const thread = lookups.threadOfMessageId(mail.inReplyTo);
    if (thread) return { thread, by: 'in-reply-to' };
  }
  for (const id of [...mail.references].reverse()) {
    const thread = lookups.threadOfMessageId(id);
    if (thread) return { thread, by: 'references' };
  }
  const fromCustomer = (thread: ThreadRef | null): thread is ThreadRef => thread !== null && mail.from !== '' && thread.customerAddress === mail.from;
  for (const address of [...mail.to, ...mail.cc]) {
    const token = tokenFromAddress(address, mailboxAddress);
    const thread = token ? lookups.threadOfToken(token) : null;
    if (fromCustomer(thread)) return { thread, by: 'reply-to-token' };
  }
  const subjectToken = tokenFromSubject(mail.subject);
  const thread = subjectToken ? lookups.threadOfToken(subjectToken) : null;
  if (fromCustomer(thread)) return { thread, by: 'subject-token' };
  return null;
}
