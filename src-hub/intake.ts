/**
 * The one door new work comes through, whatever the channel: the lab HTTP endpoint and the
 * simulator today; the SIP routing API, the IMAP poller and the chat widget later. Behind it
 * the contact center resolves (or creates) the customer by identity, stores the queued item
 * and routes it, all in one transaction.
 */
import type { WorkItem } from '../src-common/domain';
import type { Result } from '../src-common/result';
import type { ContactCenter, WorkSubmission } from './center/contact-center';

export type { WorkSubmission };

export interface WorkIntake {
  submit(work: WorkSubmission): Result<WorkItem>;
  /** Items waiting for an agent (not offered, not held); lets sources apply back-pressure. */
  waitingCount(): number;
  /** Whether this item still waits for an agent (queued or offered, not taken). */
  isWaiting(itemId: string): boolean;
  /** The customer left before an agent took the work: the item ends as abandoned. */
  abandon(itemId: string): Result<WorkItem>;
}

export function contactCenterIntake(center: ContactCenter): WorkIntake {
  return {
    submit: (work) => center.submitWork(work),
    waitingCount: () => center.waitingCount(),
    isWaiting: (itemId) => center.isWaiting(itemId),
    abandon: (itemId) => center.abandon(itemId),
  };
}
