/**
 * An agent's note on a customer. Notes live in the customer's timeline (kind 'note') so every
 * desktop, its cache and its offline copy carry them with no second sync path; the desktop's
 * outbox idempotency key makes a replayed note land once.
 */
import { randomUUID } from 'node:crypto';
import type { TimelineEntry } from '../../src-common/domain';
import type { HubOpParams } from '../../src-common/protocol';
import { err, ok, type Result } from '../../src-common/result';
import type { ContactCenter } from './contact-center';
import { EVERYONE } from './event-stream';

/** The one-line summary the timeline shows; the whole note is the entry's detail. */
const SUMMARY_MAX = 500;

export function addCustomerNote(
  center: ContactCenter,
  author: { userId: string },
  params: HubOpParams<'addCustomerNote'>,
  at: string,
): Result<TimelineEntry> {
  const context = center.customers.context(params.customerId);
  if (!context) return err('not-found', 'This customer does not exist.');
  const agent = center.user(author.userId);
  const entry: TimelineEntry = {
    id: `note-${randomUUID()}`,
    customerId: params.customerId,
    channel: params.channel,
    direction: 'outbound',
    at,
    agentId: author.userId,
    agentName: agent?.displayName ?? author.userId,
    queueId: null,
    disposition: null,
    summary: params.text.slice(0, SUMMARY_MAX),
    detail: params.text,
    durationSeconds: null,
    kind: 'note',
  };
  return center.atomically(() => {
    center.customers.addInteraction(entry, null, at);
    // Every desktop showing this customer refreshes its context (and cache) from the hub.
    center.events.publish(EVERYONE, { kind: 'customer-changed', customerId: params.customerId }, at);
    return ok(entry);
  });
}
