/**
 * The desktop protocol: hub <-> desktop over one WebSocket (JSON text frames), plus the HTTP
 * login that issues the token the socket presents. Versioned by PROTOCOL_VERSION; a hub
 * answers a client of another major version with a typed error and closes.
 *
 * Event stream: every hub event has a global, strictly increasing `seq`. A client remembers
 * the last seq it applied and sends it in `hello.resumeFrom`; the hub replays exactly the
 * events after it that concern this user (no loss, no duplicates), or, when that point is no
 * longer retained, sends a fresh snapshot instead (`resumed: false`).
 *
 * Live updates (`type: 'live'`) are derived state the hub pushes as it changes (the queue
 * backlog, a customer typing): no seq, never stored, never replayed; a reconnecting client gets
 * fresh values instead (the snapshot, or a live update right after the welcome).
 *
 * Requests are typed by operation name: HubOps maps each op to its params and result schemas.
 */
import { z } from 'zod';
import {
  AgentConfigView,
  AgentPresence,
  Channel,
  Customer,
  CustomerContext,
  CustomerIdentity,
  DesktopReadiness,
  FollowUp,
  Offer,
  SelectableAgentState,
  TimelineEntry,
  UserInfo,
  WorkItem,
} from './domain';
import { CHAT_MAX_TEXT, ChatHubEvent, ChatMessage, ChatTranscript, ChatTypingUpdate } from './chat';
import { AppErrorSchema } from './result';
import { CUSTOMER_SEARCH_MAX, CustomerSearchParams } from './customer-search';
import { EmailDesktopEvent, EmailMessageView, EmailThreadView, SendEmailReplyParams } from './email';

export const PROTOCOL_VERSION = 1;
export const DESKTOP_WS_PATH = '/ws/desktop';
export const LOGIN_PATH = '/api/login';

/** WebSocket close codes the hub uses (4000-4999 are application codes). */
export const CloseCode = {
  unauthenticated: 4401,
  protocolMismatch: 4426,
  replaced: 4409,
  shuttingDown: 4503,
} as const;


// ---- HTTP login ----
export const LoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;
/**
 * `token` is the short-lived access token (JWT; `expiresInSeconds` says how long, so a desktop
 * whose clock is off still refreshes in time). `refreshToken` is opaque and single-use: each
 * refresh answers with a new pair and spends the old refresh token.
 */
export const LoginResponse = z.object({
  token: z.string().min(1),
  user: UserInfo,
  expiresAt: z.string(),
  expiresInSeconds: z.number().int().positive(),
  refreshToken: z.string().min(1),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

// ---- HTTP session: refresh and logout ----
export const TOKEN_REFRESH_PATH = '/api/token/refresh';
export const LOGOUT_PATH = '/api/logout';

export const TokenRefreshRequest = z.object({ refreshToken: z.string().min(1).max(256) }).strict();
export type TokenRefreshRequest = z.infer<typeof TokenRefreshRequest>;
/** The same shape as the login answer, with the user's current name and role. */
export const TokenRefreshResponse = LoginResponse;
export type TokenRefreshResponse = LoginResponse;

/**
 * Why the hub ended a session: it ran out of time, the user signed out, a spent refresh token
 * came back (the whole family is revoked, since one of the two holders is not the user), an
 * administrator disabled the user or ended the session.
 */
export const SessionEndReason = z.enum(['expired', 'logout', 'reuse', 'disabled', 'admin']);
export type SessionEndReason = z.infer<typeof SessionEndReason>;
/** A refused refresh: the 401 body carries why, so the desktop can say it in the user's language. */
export const TokenRefreshRefusal = z.object({ error: AppErrorSchema, ended: SessionEndReason });
export type TokenRefreshRefusal = z.infer<typeof TokenRefreshRefusal>;

/**
 * Logout ends the session server-side. The access token goes in `Authorization: Bearer`; the
 * refresh token may come in the body too, so a desktop whose access token already expired can
 * still end its session. Answered 204.
 */
export const LogoutRequest = z.object({ refreshToken: z.string().min(1).max(256).optional() }).strict();
export type LogoutRequest = z.infer<typeof LogoutRequest>;

// ---- hub events ----
export const ItemView = WorkItem.extend({
  /** Set while the item is in wrap-up: when the hub will close wrap-up by itself. */
  wrapUpDeadline: z.string().nullable(),
});
export type ItemView = z.infer<typeof ItemView>;

export const OfferRevokedReason = z.enum(['expired', 'declined', 'accepted', 'abandoned', 'cancelled']);
export type OfferRevokedReason = z.infer<typeof OfferRevokedReason>;

export const HubEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('presence'), presence: AgentPresence }),
  z.object({ kind: z.literal('offer'), offer: Offer }),
  z.object({ kind: z.literal('offer-revoked'), offerId: z.string(), itemId: z.string(), agentId: z.string(), reason: OfferRevokedReason }),
  z.object({ kind: z.literal('item'), item: ItemView }),
  z.object({ kind: z.literal('customer-changed'), customerId: z.string() }),
  // Web chat: messages, read receipts and closing of the agent's chats (typing is a live update).
  ...ChatHubEvent.options,
  // Email: new messages in the agent's threads and the delivery of their replies.
  ...EmailDesktopEvent.options,
]);
export type HubEvent = z.infer<typeof HubEvent>;

// ---- live updates: derived state, pushed when it changed, never stored or replayed ----
const WaitingCount = z.number().int().nonnegative();
/** One queue the agent serves: the work no agent has taken yet (waiting, or being offered). */
export const QueueBacklog = z.object({
  queueId: z.string(),
  waiting: z.object({ voice: WaitingCount, chat: WaitingCount, email: WaitingCount }),
  /** When the longest-waiting item arrived (hub clock, ISO-8601); null when nothing waits. */
  oldestSince: z.string().nullable(),
});
export type QueueBacklog = z.infer<typeof QueueBacklog>;
export const LiveUpdate = z.discriminatedUnion('kind', [
  /** The whole backlog of the queues this agent serves (replaces the previous one). */
  z.object({ kind: z.literal('backlog'), backlog: z.array(QueueBacklog) }),
  ChatTypingUpdate,
]);
export type LiveUpdate = z.infer<typeof LiveUpdate>;

/** Everything an agent's desktop needs to draw itself from nothing. */
export const AgentSnapshot = z.object({
  user: UserInfo,
  presence: AgentPresence,
  offers: z.array(Offer),
  /** Items assigned to this agent that are not done (accepted or in wrap-up). */
  items: z.array(ItemView),
  config: AgentConfigView,
  /** The queues this agent serves and what waits in them (absent from hubs that predate it). */
  backlog: z.array(QueueBacklog).optional(),
});
export type AgentSnapshot = z.infer<typeof AgentSnapshot>;

// ---- request operations ----
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

/** Ops an agent must never lose: the desktop keeps them in its outbox until the hub answers. */
export const OUTBOX_OP_NAMES = ['wrapUp', 'sendChatMessage', 'addCustomerNote', 'addFollowUp', 'completeFollowUp', 'transferWork'] as const;
export type OutboxOpName = (typeof OUTBOX_OP_NAMES)[number];
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

const CustomerPageItem = CustomerContext;
export const HubOps = {
  setState: {
    params: z.object({ state: SelectableAgentState, reasonCode: z.string().max(64).nullable() }),
    result: AgentPresence,
  },
  acceptOffer: { params: z.object({ offerId: z.string().min(1) }), result: ItemView },
  declineOffer: { params: z.object({ offerId: z.string().min(1) }), result: z.null() },
  /** The agent finished the conversation (hang up, close chat, send email): start wrap-up. */
  endWork: { params: z.object({ itemId: z.string().min(1) }), result: ItemView },
  wrapUp: {
    params: z.object({ itemId: z.string().min(1), disposition: z.string().min(1).max(64), notes: z.string().max(10000) }),
    result: ItemView,
  },
  getCustomer: { params: z.object({ customerId: z.string().min(1) }), result: CustomerContext },
  findCustomer: { params: z.object({ identity: CustomerIdentity }), result: CustomerContext.nullable() },
  /** Pages through customers changed after a cursor, to warm the desktop cache. */
  syncCustomers: {
    params: z.object({ after: z.string().nullable(), limit: z.number().int().min(1).max(1000) }),
    result: z.object({ customers: z.array(CustomerPageItem), next: z.string().nullable() }),
  },
  // ---- web chat; the agent must hold the chat item ----
  /** `clientId` makes the send idempotent (the outbox replays it after a reconnect). */
  sendChatMessage: {
    params: z.object({ itemId: z.string().min(1), clientId: z.string().min(8).max(64), text: z.string().trim().min(1).max(CHAT_MAX_TEXT) }),
    result: ChatMessage,
  },
  chatTyping: { params: z.object({ itemId: z.string().min(1), typing: z.boolean() }), result: z.null() },
  markChatRead: { params: z.object({ itemId: z.string().min(1), upToSeq: z.number().int().nonnegative() }), result: z.null() },
  getChatTranscript: { params: z.object({ itemId: z.string().min(1) }), result: ChatTranscript },
  /** The agent's reply to an email item; idempotent by clientId (the Message-ID is fixed before the first try). */
  sendEmailReply: { params: SendEmailReplyParams, result: EmailMessageView },
  getEmailThread: { params: z.object({ itemId: z.string().min(1) }), result: EmailThreadView },
  /**
   * Hands an accepted item to another agent (an offer to that agent) or to a queue, with a note
   * the next agent sees. The conversation stays; the transferring agent's part ends at once.
   */
  transferWork: { params: TransferWorkParams, result: ItemView },
  /**
   * The agent is transferring their call (phone REFER) to another agent: the hub creates that
   * agent's own voice item for the customer, with the transfer note, offered to them only. The
   * phone puts the returned item id on the REFER; the caller's item stays the agent's, to end and
   * wrap up as their segment. Idempotent by the request key.
   */
  transferCall: { params: TransferCallParams, result: z.object({ itemId: z.string() }) },
  /** An agent's note on a customer: a timeline entry of kind 'note'. Idempotent by the outbox key. */
  addCustomerNote: { params: AddCustomerNoteParams, result: TimelineEntry },
  /** A follow-up on a customer ("call back Monday"), open until done. Idempotent by the outbox key. */
  addFollowUp: { params: AddFollowUpParams, result: FollowUp },
  /** Marks a follow-up done; done already answers it as it is. Idempotent by the outbox key. */
  completeFollowUp: { params: CompleteFollowUpParams, result: FollowUp },
  /**
   * The agent places a call: a voice item, direction outbound, accepted by them, so
   * hang-up → endWork → wrap-up records it in the customer's timeline. customerId null: the hub
   * finds (or creates) the customer by the number's E.164. Idempotent by the request key.
   */
  startOutboundCall: { params: StartOutboundCallParams, result: ItemView },
  /**
   * What this desktop can do now (a window shows the work, the phone is registered). The hub
   * sets a Ready agent whose desktop keeps reporting a problem Not Ready with a system reason,
   * and refuses acceptOffer from a desktop that cannot show the work. Sent on every change and
   * after every (re)connect; a desktop that never sends one counts as able.
   */
  reportReadiness: { params: DesktopReadiness, result: z.null() },
  /** Customers by name, phone or email (customer-search.ts), for an agent who looks someone up. */
  searchCustomers: { params: CustomerSearchParams, result: z.array(Customer).max(CUSTOMER_SEARCH_MAX) },
  /**
   * Many outbox entries in one round trip, answered one by one in the same order. Each entry is
   * run as if sent alone (role check, params, idempotency by its key); the hub applies the batch
   * in one transaction, so a drain of a long offline backlog costs a few round trips.
   */
  deliverOutbox: {
    params: z.object({ entries: z.array(OutboxBatchEntry).min(1).max(OUTBOX_BATCH_MAX) }),
    result: z.object({ results: z.array(BatchEntryResult) }),
  },
} as const;
export type HubOpName = keyof typeof HubOps;
export type HubOpParams<K extends HubOpName> = z.infer<(typeof HubOps)[K]['params']>;
export type HubOpResult<K extends HubOpName> = z.infer<(typeof HubOps)[K]['result']>;
export const HUB_OP_NAMES = Object.keys(HubOps) as HubOpName[];

// ---- frames: client -> hub ----
export const ClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocol: z.number().int(),
    token: z.string().min(1),
    /** Last event seq this client applied; null for a fresh start. */
    resumeFrom: z.number().int().nonnegative().nullable(),
    client: z.string().max(100).optional(),
  }),
  z.object({
    type: z.literal('request'),
    id: z.string().min(1).max(64),
    op: z.enum(HUB_OP_NAMES as [HubOpName, ...HubOpName[]]),
    params: z.unknown(),
    /**
     * Idempotency key for actions replayed from the desktop outbox: the hub answers a repeated
     * key with the first answer instead of acting twice, so "sent once" holds across reconnects.
     */
    key: z.string().min(8).max(64).optional(),
  }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

// ---- frames: hub -> client ----
export const ServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    protocol: z.number().int(),
    serverTime: z.string(),
    /** seq of the newest event at the moment of welcome. */
    headSeq: z.number().int().nonnegative(),
    resumed: z.boolean(),
    /** Present when not resumed: the client replaces its state with it. */
    snapshot: AgentSnapshot.nullable(),
  }),
  z.object({ type: z.literal('event'), seq: z.number().int().positive(), at: z.string(), event: HubEvent }),
  z.object({ type: z.literal('live'), at: z.string(), update: LiveUpdate }),
  z.object({
    type: z.literal('response'),
    id: z.string(),
    result: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: AppErrorSchema }),
    ]),
  }),
  z.object({ type: z.literal('error'), error: AppErrorSchema }),
  z.object({ type: z.literal('pong') }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

export { AppErrorSchema };

// ---- HTTP: health and lab intake (added by the hub; additive) ----
export const HEALTH_PATH = '/healthz';
export const WORK_ITEMS_PATH = '/api/work-items';

/**
 * Lab intake: an admin token (`Authorization: Bearer …`) submits one work item through the
 * same entry point the simulator and, later, the real channels use. Answered with the created
 * WorkItem (201). Tests use it to create work deterministically.
 */
export const WorkIntakeRequest = z
  .object({
    channel: z.enum(['voice', 'chat', 'email']),
    queueId: z.string().min(1).max(128),
    /** E.164 number, email address or chat id; normalised to find or create the customer. */
    from: z.string().min(1).max(320),
    subject: z.string().min(1).max(500),
    preview: z.string().max(4000).optional(),
    customerName: z.string().min(1).max(200).optional(),
  })
  .strict();
export type WorkIntakeRequest = z.infer<typeof WorkIntakeRequest>;

/** Body of every non-2xx HTTP answer from the hub. */
export const HttpErrorBody = z.object({ error: AppErrorSchema });
export type HttpErrorBody = z.infer<typeof HttpErrorBody>;
export const HealthResponse = z.object({ ok: z.boolean(), protocol: z.number().int(), headSeq: z.number().int() });
export type HealthResponse = z.infer<typeof HealthResponse>;
