/**
 * Follow-ups on a customer: what an agent promised to do ("call back Monday"), shown to every
 * agent in the customer's context until someone marks it done. Both actions come from the
 * desktop outbox with an idempotency key, so a replay after a lost answer acts once; marking a
 * follow-up done twice (two agents, or a replay without the key) answers it as it already is.
 */
import { randomUUID } from 'node:crypto';
import type { FollowUp } from '../../src-common/domain';
import type { HubOpParams } from '../../src-common/protocol';
import { err, ok, type Result } from '../../src-common/result';
import type { ContactCenter } from './contact-center';
import { EVERYONE } from './event-stream';

export function addFollowUp(center: ContactCenter, author: { userId: string }, params: HubOpParams<'addFollowUp'>, at: string): Result<FollowUp> {
  if (!center.customers.get(params.customerId)) return err('not-found', 'This customer does not exist.');
  const followUp: FollowUp = {
    id: `fu-${randomUUID()}`,
    customerId: params.customerId,
    text: params.text,
    // Stored as UTC so ordering by text is ordering by time, whatever offset the desktop sent.
    dueAt: params.dueAt === null ? null : new Date(params.dueAt).toISOString(),
    createdAt: at,
    createdBy: author.userId,
    createdByName: center.user(author.userId)?.displayName ?? author.userId,
    doneAt: null,
    doneBy: null,
  };
  return center.atomically(() => {
    center.customers.followUps.insert(followUp);
    announceChange(center, followUp.customerId, at);
    return ok(followUp);
  });
}

export function completeFollowUp(center: ContactCenter, agent: { userId: string }, params: HubOpParams<'completeFollowUp'>, at: string): Result<FollowUp> {
  return center.atomically(() => {
    const followUp = center.customers.followUps.get(params.followUpId);
    if (!followUp) return err('not-found', 'This follow-up does not exist.');
    if (followUp.doneAt !== null) return ok(followUp);
    center.customers.followUps.markDone(followUp.id, agent.userId, at);
    announceChange(center, followUp.customerId, at);
    return ok({ ...followUp, doneAt: at, doneBy: agent.userId });
  });
}

/** Every desktop showing this customer refreshes its context (and cache) from the hub. */
function announceChange(center: ContactCenter, customerId: string, at: string): void {
  center.customers.touch(customerId, at);
  center.events.publish(EVERYONE, { kind: 'customer-changed', customerId }, at);
}
