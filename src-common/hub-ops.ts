/**
 * The op table: every request a desktop may send the hub, in one place. An entry gives the
 * op's params and result schemas, the roles that may run it, and, for the actions an agent
 * must never lose, its outbox policy (the order it keeps and the words shown if the hub refuses
 * it). The hub's handler for each op is the other half (src-hub/server/desktop-ops.ts); a new op
 * is one entry here plus that handler.
 */
import { z } from 'zod';
import {
  AgentPresence,
  Channel,
  Customer,
  CustomerContext,
  CustomerIdentity,
  DesktopReadiness,
  FollowUp,
  ItemView,
  SelectableAgentState,
  TimelineEntry,
  type Role,
} from './domain';
import { CHAT_MAX_TEXT, ChatMessage, ChatTranscript, ChatWhisper } from './chat';
import { AppErrorSchema } from './result';
import { CallQualitySummary } from './call-quality';
import { CUSTOMER_SEARCH_MAX, CustomerSearchParams } from './customer-search';
import { EmailMessageView, EmailThreadView, SendEmailReplyParams } from './email';
import { RedeemedSupervision, RedeemSupervisionParams, SuperviseCallParams, SupervisionGrantOffer } from './voice-supervision';
import {
  AuditEntry,
  AuditLogParams,
  ChatItemParams,
  ForceAgentStateParams,
  IntervalReportParams,
  IntervalRow,
  MonitoredChat,
  MoveWaitingParams,
  AgentSkillsResult,
  SetAgentSkillsParams,
  SupervisorChatText,
  SupervisorDashboard,
  TakeOverParams,
} from './supervisor';

export const TRANSFER_NOTE_MAX = 1000;
export const CUSTOMER_NOTE_MAX = 2000;
export const TransferTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: z.string().min(1).max(128) }),
  z.object({ kind: z.literal('queue'), queueId: z.string().min(1).max(128) }),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;
export const TransferWorkParams = z.object({
  itemId: z.string().min(1),
  target: TransferTarget,
  note: z.string().trim().max(TRANSFER_NOTE_MAX),
});
/** A phone call handed to a colleague: the colleague gets a new item (their segment of the call). */
export const TransferCallParams = z.object({
  itemId: z.string().min(1),
  toAgentId: z.string().min(1).max(128),
  note: z.string().trim().max(TRANSFER_NOTE_MAX),
});
export const AddCustomerNoteParams = z.object({
  customerId: z.string().min(1).max(128),
  channel: Channel,
  text: z.string().trim().min(1).max(CUSTOMER_NOTE_MAX),
});

export const FOLLOW_UP_TEXT_MAX = 2000;
export const AddFollowUpParams = z.object({
  customerId: z.string().min(1).max(128),
  text: z.string().trim().min(1).max(FOLLOW_UP_TEXT_MAX),
  /** When it is due (ISO-8601 UTC); null = no date. */
  dueAt: z.string().datetime({ offset: true }).nullable(),
});
export const CompleteFollowUpParams = z.object({ followUpId: z.string().min(1).max(128) });

export const StartOutboundCallParams = z.object({
  /** What the agent dialled: a number in any common format, or an extension. */
  number: z.string().trim().min(1).max(64),
  customerId: z.string().min(1).max(128).nullable(),
});


// ---- who may run an op ----
const WORKERS: readonly Role[] = ['agent', 'supervisor'];
const EVERYONE: readonly Role[] = ['agent', 'supervisor', 'admin'];
/** Who watches and steers agents: supervisors, and administrators above them. */
const SUPERVISING: readonly Role[] = ['supervisor', 'admin'];

/** What the desktop's outbox needs to know about an action it keeps until the hub answers. */
export interface OutboxPolicy<P> {
  /**
   * Entries with the same order key (one conversation, one customer) reach the hub in the order
   * they were written; unrelated entries may pass each other.
   */
  orderKey(params: P): string;
  /** The agent's words the entry carries (shown, with the hub's reason, if the hub refuses it). */
  words(params: P): { text: string; detail: string | null };
}

interface OpSpec<P extends z.ZodType, R extends z.ZodType> {
  params: P;
  result: R;
  roles: readonly Role[];
}

/** An op answered at once: when the link is down the desktop says so and the agent tries again. */
function op<P extends z.ZodType, R extends z.ZodType>(params: P, result: R, roles: readonly Role[]): OpSpec<P, R> {
  return { params, result, roles };
}

/** An action an agent must never lose: the desktop keeps it in its outbox until the hub answers. */
function kept<P extends z.ZodType, R extends z.ZodType>(
  params: P,
  result: R,
  roles: readonly Role[],
  outbox: OutboxPolicy<z.output<P>>,
): OpSpec<P, R> & { outbox: OutboxPolicy<z.output<P>> } {
  return { params, result, roles, outbox };
}

const byItem = (p: { itemId: string }): string => `item:${p.itemId}`;
const byCustomer = (p: { customerId: string }): string => `customer:${p.customerId}`;

/**
 * Actions an agent must never lose: the desktop keeps each in its outbox until the hub accepts
 * it or refuses it for good. Idempotent by the outbox entry's key.
 */
const KEPT_OPS = {
  wrapUp: kept(
    z.object({ itemId: z.string().min(1), disposition: z.string().min(1).max(64), notes: z.string().max(10000) }),
    ItemView,
    WORKERS,
    { orderKey: byItem, words: (p) => ({ text: p.notes, detail: p.disposition }) },
  ),
  // ---- web chat; the agent must hold the chat item ----
  /** `clientId` makes the send idempotent (the outbox replays it after a reconnect). */
  sendChatMessage: kept(
    z.object({ itemId: z.string().min(1), clientId: z.string().min(8).max(64), text: z.string().trim().min(1).max(CHAT_MAX_TEXT) }),
    ChatMessage,
    WORKERS,
    { orderKey: byItem, words: (p) => ({ text: p.text, detail: null }) },
  ),
  /**
   * Hands an accepted item to another agent (an offer to that agent) or to a queue, with a note
   * the next agent sees. The conversation stays; the transferring agent's part ends at once.
   * Kept in the outbox (online only) so a replay after a lost answer carries the same key.
   */
  transferWork: kept(TransferWorkParams, ItemView, WORKERS, { orderKey: byItem, words: (p) => ({ text: p.note, detail: null }) }),
  /** An agent's note on a customer: a timeline entry of kind 'note'. Idempotent by the outbox key. */
  addCustomerNote: kept(AddCustomerNoteParams, TimelineEntry, WORKERS, { orderKey: byCustomer, words: (p) => ({ text: p.text, detail: null }) }),
  /** A follow-up on a customer ("call back Monday"), open until done. Idempotent by the outbox key. */
  addFollowUp: kept(AddFollowUpParams, FollowUp, WORKERS, { orderKey: byCustomer, words: (p) => ({ text: p.text, detail: p.dueAt }) }),
  /** Marks a follow-up done; done already answers it as it is. Idempotent by the outbox key. */
  completeFollowUp: kept(CompleteFollowUpParams, FollowUp, WORKERS, {
    orderKey: (p) => `follow-up:${p.followUpId}`,
    words: () => ({ text: '', detail: null }),
  }),
  /**
   * The agent's reply to an email item. Kept: written offline or lost mid-answer, it reaches the
   * hub once; the hub also dedups by clientId (the draft's, so a draft sent again after a crash
   * is the same reply) and fixes the Message-ID before the first SMTP try.
   */
  sendEmailReply: kept(SendEmailReplyParams, EmailMessageView, WORKERS, { orderKey: byItem, words: (p) => ({ text: p.text, detail: p.cc.join(', ') || null }) }),
  /**
   * A call's quality as the agent's phone measured it (call-quality.ts), for the supervisor's
   * agent list and the customer's timeline. Kept: a call that ends offline still reports; a
   * repeated report replaces the first.
   */
  reportCallQuality: kept(CallQualitySummary, z.null(), WORKERS, { orderKey: byItem, words: () => ({ text: '', detail: null }) }),
} as const;
export type OutboxOpName = keyof typeof KEPT_OPS;
export const OUTBOX_OP_NAMES = Object.keys(KEPT_OPS) as [OutboxOpName, ...OutboxOpName[]];

/** The outbox policy of an op the outbox keeps. */
export function outboxPolicyOf<K extends OutboxOpName>(name: K): OutboxPolicy<z.output<(typeof KEPT_OPS)[K]['params']>> {
  // Each entry pairs its params schema with its policy; indexing by a type parameter loses that pairing.
  return KEPT_OPS[name].outbox as OutboxPolicy<z.output<(typeof KEPT_OPS)[K]['params']>>;
}

export function isOutboxOpName(name: string): name is OutboxOpName {
  return Object.hasOwn(KEPT_OPS, name);
}

/** Entries per outbox batch; the desktop also keeps each batch well under the hub's frame limit. */
export const OUTBOX_BATCH_MAX = 200;
export const OutboxBatchEntry = z.object({
  /** The entry's own idempotency key: a replayed entry is answered with its first answer. */
  key: z.string().min(8).max(64),
  op: z.enum(OUTBOX_OP_NAMES),
  params: z.unknown(),
  /**
   * Entries with the same order key (one customer, one conversation) are applied in array
   * order, and one whose predecessor in the batch did not succeed is not attempted.
   */
  orderKey: z.string().min(1).max(200),
});
export type OutboxBatchEntry = z.infer<typeof OutboxBatchEntry>;
const BatchEntryResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorSchema }),
]);

export const HubOps = {
  setState: op(z.object({ state: SelectableAgentState, reasonCode: z.string().max(64).nullable() }), AgentPresence, WORKERS),
  acceptOffer: op(z.object({ offerId: z.string().min(1) }), ItemView, WORKERS),
  declineOffer: op(z.object({ offerId: z.string().min(1) }), z.null(), WORKERS),
  /** The agent finished the conversation (hang up, close chat, send email): start wrap-up. */
  endWork: op(z.object({ itemId: z.string().min(1) }), ItemView, WORKERS),
  getCustomer: op(z.object({ customerId: z.string().min(1) }), CustomerContext, EVERYONE),
  findCustomer: op(z.object({ identity: CustomerIdentity }), CustomerContext.nullable(), EVERYONE),
  /** Pages through customers changed after a cursor, to warm the desktop cache. */
  syncCustomers: op(
    z.object({ after: z.string().nullable(), limit: z.number().int().min(1).max(1000) }),
    z.object({ customers: z.array(CustomerContext), next: z.string().nullable() }),
    EVERYONE,
  ),
  chatTyping: op(z.object({ itemId: z.string().min(1), typing: z.boolean() }), z.null(), WORKERS),
  markChatRead: op(z.object({ itemId: z.string().min(1), upToSeq: z.number().int().nonnegative() }), z.null(), WORKERS),
  getChatTranscript: op(z.object({ itemId: z.string().min(1) }), ChatTranscript, WORKERS),
  getEmailThread: op(z.object({ itemId: z.string().min(1) }), EmailThreadView, WORKERS),
  /**
   * The agent is transferring their call (phone REFER) to another agent: the hub creates that
   * agent's own voice item for the customer, with the transfer note, offered to them only. The
   * phone puts the returned item id on the REFER; the caller's item stays the agent's, to end and
   * wrap up as their segment. Idempotent by the request key.
   */
  transferCall: op(TransferCallParams, z.object({ itemId: z.string() }), WORKERS),
  /**
   * The agent places a call: a voice item, direction outbound, accepted by them, so
   * hang-up → endWork → wrap-up records it in the customer's timeline. customerId null: the hub
   * finds (or creates) the customer by the number's E.164. Idempotent by the request key.
   */
  startOutboundCall: op(StartOutboundCallParams, ItemView, WORKERS),
  /**
   * What this desktop can do now (a window shows the work, the phone is registered). The hub
   * sets a Ready agent whose desktop keeps reporting a problem Not Ready with a system reason,
   * and refuses acceptOffer from a desktop that cannot show the work. Sent on every change and
   * after every (re)connect; a desktop that never sends one counts as able.
   */
  reportReadiness: op(DesktopReadiness, z.null(), WORKERS),
  /** Customers by name, phone or email (customer-search.ts), for an agent who looks someone up. */
  searchCustomers: op(CustomerSearchParams, z.array(Customer).max(CUSTOMER_SEARCH_MAX), EVERYONE),
  // ---- supervision: every call is written to the audit log, refused ones too ----
  /** The dashboard of the queues the caller supervises, as it is now (also pushed live). */
  getSupervisorDashboard: op(z.object({}).strict(), SupervisorDashboard, SUPERVISING),
  /** Sets an agent Not Ready with a reason, or signs them out of the hub (their sessions end). */
  forceAgentState: op(ForceAgentStateParams, AgentPresence, SUPERVISING),
  /** The newest audit log entries, newest first. */
  getAuditLog: op(AuditLogParams, z.array(AuditEntry), SUPERVISING),
  /** A day's 15-minute interval report per queue and agent (interval-report.ts), within the caller's queues. */
  getIntervalReport: op(IntervalReportParams, z.array(IntervalRow), SUPERVISING),
  /**
   * Starts following a live chat of a supervised queue: answers the transcript (with whispers);
   * its messages, whispers and closing then come to the supervisor as chat events, its typing
   * as live updates, until stopMonitoringChat or the chat closes.
   */
  monitorChat: op(ChatItemParams, MonitoredChat, SUPERVISING),
  stopMonitoringChat: op(ChatItemParams, z.null(), SUPERVISING),
  /** A note only the agent (and other monitors) read; never the customer. */
  whisperToAgent: op(SupervisorChatText, ChatWhisper, SUPERVISING),
  /** The supervisor writes into the chat under their own name: the customer reads it too. */
  bargeIntoChat: op(SupervisorChatText, ChatMessage, SUPERVISING),
  /** Moves waiting work of a supervised queue to another queue of its channel, or offers it to a named agent. */
  moveWaitingItem: op(MoveWaitingParams, ItemView, SUPERVISING),
  /** Changes an agent's skills live (kept across restarts); the queues they serve follow at once. */
  setAgentSkills: op(SetAgentSkillsParams, AgentSkillsResult, SUPERVISING),
  /** The chat leaves its agent and is offered to the supervisor at once, with its history. */
  takeOverChat: op(TakeOverParams, ItemView, SUPERVISING),
  /**
   * A one-time grant to join an agent's live call in a mode (voice-supervision.ts); the
   * supervisor's phone calls the agent's phone with it. Asked again for a mode change.
   */
  superviseCall: op(SuperviseCallParams, SupervisionGrantOffer, SUPERVISING),
  /** The agent's desktop asks whether the grant its phone received holds; spends it if so. */
  redeemSupervisionGrant: op(RedeemSupervisionParams, RedeemedSupervision, WORKERS),
  ...KEPT_OPS,
  /**
   * Many outbox entries in one round trip, answered one by one in the same order. Each entry is
   * run as if sent alone (role check, params, idempotency by its key); the hub applies the batch
   * in one transaction, so a drain of a long offline backlog costs a few round trips.
   */
  deliverOutbox: op(
    z.object({ entries: z.array(OutboxBatchEntry).min(1).max(OUTBOX_BATCH_MAX) }),
    z.object({ results: z.array(BatchEntryResult) }),
    WORKERS,
  ),
} as const;
export type HubOpName = keyof typeof HubOps;
export type HubOpParams<K extends HubOpName> = z.infer<(typeof HubOps)[K]['params']>;
export type HubOpResult<K extends HubOpName> = z.infer<(typeof HubOps)[K]['result']>;
export const HUB_OP_NAMES = Object.keys(HubOps) as HubOpName[];


/** Whether `role` may run `name`: checked by the hub on every request, whatever the desktop shows. */
export function roleMayRun(role: Role, name: HubOpName): boolean {
  return HubOps[name].roles.includes(role);
}
