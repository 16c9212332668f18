/**
 * Runs one desktop request: role check, params validation (HubOps schemas), the action, and
 * idempotency (a repeated key returns the first answer instead of acting twice, so actions
 * replayed from a desktop outbox take effect once).
 */
import type { Role } from '../../src-common/domain';
import { HubOps, roleMayRun, type HubOpName, type HubOpParams } from '../../src-common/protocol';
import { err, ok, type Result } from '../../src-common/result';
import { iso, type Clock } from '../clock';
import type { ContactCenter } from '../center/contact-center';
import type { IdempotencyRepository } from '../storage/repositories';
import type { HubChannel } from '../channels/channel';
import { addCustomerNote } from '../center/customer-notes';
import { addFollowUp, completeFollowUp } from '../center/customer-follow-ups';
import { runOutboxBatch } from './desktop-batch';
import { audit, forceAgentState, moveWaitingItem, setAgentSkills, supervisedIntervalReport } from '../supervision/supervision-ops';

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
  /** Ends every session of a user (a supervisor signs an agent out). */
  endSessionsOf?: (userId: string) => void;
}

function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid parameters';
  const at = issue.path.map(String).join('.');
  return at ? `${at}: ${issue.message}` : issue.message;
}

type OpHandlers = { [K in HubOpName]: (ctx: OpContext, caller: Caller, params: HubOpParams<K>) => Result<unknown> };

/** An op a channel answers (web chat): handed to the channel that runs it. */
function channelOp<K extends HubOpName>(op: K): (ctx: OpContext, caller: Caller, params: HubOpParams<K>) => Result<unknown> {
  return (ctx, caller, params) => {
    const handler = ctx.channels?.map((c) => c.desktopOps?.[op]).find((h) => h !== undefined);
    if (!handler) return err('unavailable', `This hub does not run the channel that answers "${op}".`);
    // The map type pairs each op with its params; the lookup by op name loses that pairing.
    return (handler as (c: Caller, params: HubOpParams<K>) => Result<unknown>)(caller, params);
  };
}

/** What each op does once its params are valid. */
const HANDLERS: OpHandlers = {
  setState: ({ center }, caller, p) => center.setState(caller.userId, p.state, p.reasonCode),
  acceptOffer: ({ center, channels }, caller, p) => {
    if (!center.readiness.canTakeWork(caller.userId)) return err('conflict', 'This desktop cannot show the work or play its audio right now (no window, or the phone is not registered).');
    const refusal = channels?.map((channel) => channel.refuseDesktopAccept?.(p.offerId) ?? null).find((reason) => reason !== null);
    if (refusal) return err('conflict', refusal);
    return center.acceptOffer(caller.userId, p.offerId);
  },
  declineOffer: ({ center }, caller, p) => center.declineOffer(caller.userId, p.offerId),
  endWork: ({ center }, caller, p) => center.endWork(caller.userId, p.itemId),
  wrapUp: ({ center }, caller, p) => center.wrapUp(caller.userId, p.itemId, p.disposition, p.notes),
  getCustomer: ({ center }, _caller, p) => {
    const context = center.customers.context(p.customerId);
    return context ? ok(context) : err('not-found', 'This customer does not exist.');
  },
  findCustomer: ({ center }, _caller, p) => ok(center.customers.findByIdentity(p.identity)),
  syncCustomers: ({ center }, _caller, p) => ok(center.customers.page(p.after, p.limit)),
  transferWork: ({ center }, caller, p) => center.transfer(caller.userId, p.itemId, p.target, p.note),
  transferCall: ({ center }, caller, p) => center.transferCall(caller.userId, p.itemId, p.toAgentId, p.note),
  addCustomerNote: (ctx, caller, p) => addCustomerNote(ctx.center, caller, p, iso(ctx.clock.now())),
  addFollowUp: (ctx, caller, p) => addFollowUp(ctx.center, caller, p, iso(ctx.clock.now())),
  completeFollowUp: (ctx, caller, p) => completeFollowUp(ctx.center, caller, p, iso(ctx.clock.now())),
  startOutboundCall: ({ center }, caller, p) => center.startOutboundCall(caller.userId, p),
  searchCustomers: ({ center }, _caller, p) => ok(center.customers.search(p.query, p.limit)),
  reportCallQuality: ({ center }, caller, p) => center.recordCallQuality(caller.userId, p),
  reportReadiness: ({ center }, caller, p) => {
    center.readiness.report(caller.userId, p);
    return ok(null);
  },
  sendChatMessage: channelOp('sendChatMessage'),
  chatTyping: channelOp('chatTyping'),
  markChatRead: channelOp('markChatRead'),
  getChatTranscript: channelOp('getChatTranscript'),
  deliverOutbox: (ctx, caller, p) => runOutboxBatch(ctx, caller, p, runDesktopOp),
  sendEmailReply: channelOp('sendEmailReply'),
  getEmailThread: channelOp('getEmailThread'),
  getSupervisorDashboard: ({ center }, caller) => {
    const dashboard = center.supervision.dashboardFor(caller.userId);
    return dashboard ? ok(dashboard) : err('forbidden', 'Only supervisors see the dashboard.');
  },
  forceAgentState: (ctx, caller, p) => forceAgentState(ctx.center.supervisionPorts(ctx.endSessionsOf), caller, p),
  getAuditLog: ({ center }, _caller, p) => ok(center.supervisionPorts().store.supervision.latestAudit(p.limit)),
  getIntervalReport: ({ center }, caller, p) => ok(supervisedIntervalReport(center.supervisionPorts(), caller, p.day)),
  moveWaitingItem: (ctx, caller, p) => moveWaitingItem(ctx.center.supervisionPorts(), caller, p),
  setAgentSkills: (ctx, caller, p) => setAgentSkills(ctx.center.supervisionPorts(), caller, p),
  monitorChat: channelOp('monitorChat'),
  stopMonitoringChat: channelOp('stopMonitoringChat'),
  whisperToAgent: channelOp('whisperToAgent'),
  bargeIntoChat: channelOp('bargeIntoChat'),
  takeOverChat: channelOp('takeOverChat'),
  superviseCall: channelOp('superviseCall'),
  redeemSupervisionGrant: channelOp('redeemSupervisionGrant'),
};

/** Validates the params against the op's schema, then runs the op. */
function execute(ctx: OpContext, caller: Caller, op: HubOpName, rawParams: unknown): Result<unknown> {
  const p = HubOps[op].params.safeParse(rawParams);
  if (!p.success) return err('bad-request', `${op}: ${firstIssue(p.error)}`);
  // The table pairs each op with its params; indexing it by a runtime op name loses that pairing.
  return (HANDLERS[op] as (ctx: OpContext, caller: Caller, params: unknown) => Result<unknown>)(ctx, caller, p.data);
}

export function runDesktopOp(ctx: OpContext, caller: Caller, op: HubOpName, params: unknown, key: string | undefined): Result<unknown> {
  if (!roleMayRun(caller.role, op)) {
    // A try at something the role may not do is worth knowing about (an agent token at a
    // supervisor action): it is audited, params included, as refused.
    audit(ctx.center.supervisionPorts(), caller, op, null, 'refused', `forbidden for ${caller.role}: ${JSON.stringify(params ?? null).slice(0, 500)}`);
    return err('forbidden', `Your role (${caller.role}) may not do "${op}".`);
  }
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
