/**
 * The lab's customers' mailboxes: whatever the lab mail server delivered to anyone but the
 * queue's address (an agent's reply, a forward to a supplier), newest last, and only the last
 * LAB_MAILBOX_LIMIT messages so a demo left running for days stays small. Like a real mailbox
 * they outlive the hub: each delivery is appended to a file in the data folder before the SMTP
 * client hears 250, and read back at start, so a count after a crash is a true count. The
 * /lab/mail page shows them, tests read them, and simulated customers hear of each one so they
 * can answer it.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AutomatedReason } from './automated-mail';

export const LAB_MAILBOX_LIMIT = 500;

/** One message as a customer's mailbox received it. */
export interface LabDelivery {
  /** "lab-<n>", in order of delivery. */
  id: string;
  /** The customers it was delivered to (its SMTP recipients but the queue), lower-case. */
  to: string[];
  from: string;
  /** Where the customer's mail client would send an answer (the thread's plus-address). */
  replyTo: string[];
  cc: string[];
  subject: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  text: string;
  /** The mail's Date header, or when it arrived when it has none (ISO). */
  date: string;
  receivedAt: string;
  /** Why no automatic answer may go to it (Auto-Submitted, a bounce), or null. */
  automated: AutomatedReason | null;
  /** The raw message's size in bytes. */
  size: number;
}

export type LabDeliveryListener = (delivery: LabDelivery) => void;

export class LabCustomerMailboxes {
  private readonly messages: LabDelivery[] = [];
  private readonly listeners = new Set<LabDeliveryListener>();
  private delivered = 0;

  constructor(
    private readonly limit = LAB_MAILBOX_LIMIT,
    private readonly onListenerError: (cause: unknown) => void = () => undefined,
    /** JSON lines, one delivery each; null keeps them in memory only. */
    private readonly file: string | null = null,
  ) {
    if (!file || !existsSync(file)) return;
    const kept = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line): LabDelivery[] => {
        try {
          return [JSON.parse(line) as LabDelivery];
        } catch {
          // A line cut by a crash mid-write: that delivery was never acknowledged.
          return [];
        }
      });
    this.delivered = kept.length;
    this.messages.push(...kept.slice(-limit));
    // Rewritten shorter at start, so the file stays about as small as the list.
    if (kept.length > limit) writeFileSync(file, this.messages.map((m) => `${JSON.stringify(m)}\n`).join(''));
  }

  deliver(message: Omit<LabDelivery, 'id'>): LabDelivery {
    const delivery: LabDelivery = { ...message, id: `lab-${++this.delivered}` };
    if (this.file) appendFileSync(this.file, `${JSON.stringify(delivery)}\n`);
    this.messages.push(delivery);
    if (this.messages.length > this.limit) this.messages.splice(0, this.messages.length - this.limit);
    for (const listener of this.listeners) {
      // A listener's failure must not turn a stored delivery into an SMTP error.
      try {
        listener(delivery);
      } catch (cause) {
        this.onListenerError(cause);
      }
    }
    return delivery;
  }

  /** Newest first. */
  list(): LabDelivery[] {
    return [...this.messages].reverse();
  }

  /** Calls `listener` with every later delivery; returns what unsubscribes it. */
  onDelivery(listener: LabDeliveryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
