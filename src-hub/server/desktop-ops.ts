/**
 * Runs one desktop request: role check, params validation (HubOps schemas), the action, and
 * idempotency (a repeated key returns the first answer instead of acting twice, so actions
 * replayed from a desktop outbox take effect once).
 */
import type { Role } from '../../src-common/domain';
import { HubOps, type HubOpName } from '../../src-common/protocol';
import { err, ok, type Result } from '../../src-common/result';
import { mayRun } from '../auth/permissions';
import { iso, type Clock } from '../clock';
import type { ContactCenter } from '../center/contact-center';
import type { IdempotencyRepository } from '../storage/repositories';
import type { HubChannel } from '../channels/channel';
import { addCustomerNote } from '../center/customer-notes';
import { addFollowUp, completeFollowUp } from '../center/customer-follow-ups';

export interface Caller {
  userId: string;
  role: Role;
}

export interface OpContext {
  center: ContactCenter;
  idempotency: IdempotencyRepository;
  clock: Clock;
  /** Channels that answer some ops themselves (web chat). */
  channels?: readonly HubChannel[];
}

function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid parameters';
  const at = issue.path.map(String).join('.');
  return at ? `${at}: ${issue.message}` : issue.message;
}

function execute(ctx: OpContext, caller: Caller, op: HubOpName, rawParams: unknown): Result<unknown> {
  const { center } = ctx;
  switch (op) {
    case 'setState': {
      const p = HubOps.setState.params.safeParse(rawParams);
      return p.success ? center.setState(caller.userId, p.data.state, p.data.reasonCode) : err('bad-request', `setState: ${firstIssue(p.error)}`);
    }
    case 'acceptOffer': {
      const p = HubOps.acceptOffer.params.safeParse(rawParams);
      return p.success ? center.acceptOffer(caller.userId, p.data.offerId) : err('bad-request', `acceptOffer: ${firstIssue(p.error)}`);
    }
    case 'declineOffer': {
      const p = HubOps.declineOffer.params.safeParse(rawParams);
      return p.success ? center.declineOffer(caller.userId, p.data.offerId) : err('bad-request', `declineOffer: ${firstIssue(p.error)}`);
    }
    case 'endWork': {
      const p = HubOps.endWork.params.safeParse(rawParams);
      return p.success ? center.endWork(caller.userId, p.data.itemId) : err('bad-request', `endWork: ${firstIssue(p.error)}`);
    }
    case 'wrapUp': {
      const p = HubOps.wrapUp.params.safeParse(rawParams);
      return p.success ? center.wrapUp(caller.userId, p.data.itemId, p.data.disposition, p.data.notes) : err('bad-request', `wrapUp: ${firstIssue(p.error)}`);
    }
    case 'getCustomer': {
      const p = HubOps.getCustomer.params.safeParse(rawParams);
      if (!p.success) return err('bad-request', `getCustomer: ${firstIssue(p.error)}`);
      const context = center.customers.context(p.data.customerId);
      return context ? ok(context) : err('not-found', 'This customer does not exist.');
    }
    case 'findCustomer': {
      const p = HubOps.findCustomer.params.safeParse(rawParams);
      return p.success ? ok(center.customers.findByIdentity(p.data.identity)) : err('bad-request', `findCustomer: ${firstIssue(p.error)}`);
    }
    case 'syncCustomers': {
      const p = HubOps.syncCustomers.params.safeParse(rawParams);
      return p.success ? ok(center.customers.page(p.data.after, p.data.limit)) : err('bad-request', `syncCustomers: ${firstIssue(p.error)}`);
    }
    case 'transferWork': {
      const p = HubOps.transferWork.params.safeParse(rawParams);
      return p.success ? center.transfer(caller.userId, p.data.itemId, p.data.target, p.data.note) : err('bad-request', `transferWork: ${firstIssue(p.error)}`);
    }
    case 'transferCall': {
      const p = HubOps.transferCall.params.safeParse(rawParams);
      return p.success ? center.transferCall(caller.userId, p.data.itemId, p.data.toAgentId, p.data.note) : err('bad-request', `transferCall: ${firstIssue(p.error)}`);
    }
    case 'addCustomerNote': {
      const p = HubOps.addCustomerNote.params.safeParse(rawParams);
      return p.success ? addCustomerNote(center, caller, p.data, iso(ctx.clock.now())) : err('bad-request', `addCustomerNote: ${firstIssue(p.error)}`);
    }
    case 'addFollowUp': {
      const p = HubOps.addFollowUp.params.safeParse(rawParams);
      return p.success ? addFollowUp(center, caller, p.data, iso(ctx.clock.now())) : err('bad-request', `addFollowUp: ${firstIssue(p.error)}`);
    }
    case 'completeFollowUp': {
      const p = HubOps.completeFollowUp.params.safeParse(rawParams);
      return p.success ? completeFollowUp(center, caller, p.data, iso(ctx.clock.now())) : err('bad-request', `completeFollowUp: ${firstIssue(p.error)}`);
    }
    case 'startOutboundCall': {
      const p = HubOps.startOutboundCall.params.safeParse(rawParams);
      return p.success ? center.startOutboundCall(caller.userId, p.data) : err('bad-request', `startOutboundCall: ${firstIssue(p.error)}`);
    }
    case 'sendChatMessage':
    case 'chatTyping':
    case 'markChatRead':
    case 'getChatTranscript':
      return runChannelOp(ctx, caller, op, rawParams);
  }
}

/** An op a channel answers: validated here like every other op, then handed to that channel. */
function runChannelOp(ctx: OpContext, caller: Caller, op: HubOpName, rawParams: unknown): Result<unknown> {
  const p = HubOps[op].params.safeParse(rawParams);
  if (!p.success) return err('bad-request', `${op}: ${firstIssue(p.error)}`);
  const handler = ctx.channels?.map((c) => c.desktopOps?.[op]).find((h) => h !== undefined);
  if (!handler) return err('unavailable', `This hub does not run the channel that answers "${op}".`);
  // The map type pairs each op with its params; the lookup by a runtime op name loses that pairing.
  return (handler as (c: Caller, params: unknown) => Result<unknown>)(caller, p.data);
}

export function runDesktopOp(ctx: OpContext, caller: Caller, op: HubOpName, params: unknown, key: string | undefined): Result<unknown> {
  if (!mayRun(caller.role, op)) return err('forbidden', `Your role (${caller.role}) may not do "${op}".`);
  if (key) {
    const previous = ctx.idempotency.get(caller.userId, key);
    if (previous) {
      if (previous.op !== op) return err('conflict', 'This idempotency key was already used for another action.');
      return JSON.parse(previous.response) as Result<unknown>;
    }
  }
  // The action and the record of its answer commit together: a replay after a crash or a lost
  // answer finds the record, so the action happens exactly once.
  return ctx.center.atomically(() => {
    const result = execute(ctx, caller, op, params);
    // Transient failures are not remembered, so a retry with the same key can still succeed.
    const transient = !result.ok && (result.error.code === 'unavailable' || result.error.code === 'internal');
    if (key && !transient) ctx.idempotency.put(caller.userId, key, op, JSON.stringify(result), iso(ctx.clock.now()));
    return result;
  });
}
