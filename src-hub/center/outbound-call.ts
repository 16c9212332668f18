/**
 * A call the agent places from the desktop (dialpad, click-to-dial, a tel: link), as a work item:
 * voice, outbound, accepted by that agent at once. The customer is the one the agent dialled
 * from (customerId), or the one that number belongs to (E.164), or a new customer for an unknown
 * number, as for an inbound caller, so the call always lands in a timeline.
 */
import { normalisePhone } from '../../src-common/identity';
import { err, ok, type Result } from '../../src-common/result';
import { iso } from '../clock';
import type { WorkItemRow } from '../storage/repositories';
import type { CenterCore } from './center-core';
import { NOT_STARTED } from './work-item-rows';

export interface OutboundCallRequest {
  number: string;
  customerId: string | null;
}

/** The stored row of a new outbound call, and whether its customer was created for it. */
export function outboundCallRow(core: CenterCore, userId: string, request: OutboundCallRequest, now: number): Result<{ row: WorkItemRow; customerCreated: boolean }> {
  const user = core.config.users.find((u) => u.id === userId);
  if (!user) return err('not-found', 'Unknown agent.');
  // Voice capacity is one call: a second customer while talking is a consultation (the phone's
  // attended transfer or conference), not a new piece of work.
  if (core.store.items.listHeldBy(userId).some((item) => item.channel === 'voice' && item.state === 'accepted')) {
    return err('conflict', 'You are already on a call; end it before placing another.');
  }
  // An outbound call still belongs to a voice queue (reports, capacity, dispositions): the first
  // voice queue the agent serves, else the first voice queue.
  const voiceQueues = core.config.queues.filter((q) => q.channel === 'voice');
  const served = core.engine().queuesServedBy(userId);
  const queue = voiceQueues.find((q) => served.includes(q.id)) ?? voiceQueues[0];
  if (!queue) return err('unavailable', 'This contact center has no voice queue, so calls cannot be placed.');
  const e164 = normalisePhone(request.number);
  const dialled = e164 ?? request.number.trim();
  let customerId: string | null = null;
  let customerCreated = false;
  if (request.customerId !== null) {
    if (!core.customers.get(request.customerId)) return err('not-found', 'This customer does not exist.');
    customerId = request.customerId;
  } else if (e164) {
    const resolved = core.customers.resolveForIntake('voice', e164, undefined, iso(now));
    customerId = resolved?.customer.id ?? null;
    customerCreated = resolved?.created ?? false;
  }
  const at = iso(now);
  return ok({
    row: {
      id: core.newId('wi'),
      channel: 'voice',
      queueId: queue.id,
      priority: queue.priority,
      customerId,
      subject: dialled,
      from: dialled,
      preview: '',
      state: 'accepted',
      agentId: userId,
      createdAt: at,
      ...NOT_STARTED,
      acceptedAt: at,
      direction: 'outbound',
    },
    customerCreated,
  });
}
