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
 * Requests are typed by operation name: the op table (hub-ops.ts) gives each op its params and
 * result schemas, the roles that may run it and, for actions kept in the outbox, its policy.
 */
import { z } from 'zod';
import { AgentConfigView, AgentPresence, ItemView, Offer, UserInfo } from './domain';
import { ChatHubEvent, ChatTypingUpdate } from './chat';
import { AppErrorSchema } from './result';
import { EmailDesktopEvent } from './email';
import { SupervisorDashboard } from './supervisor';
import { HUB_OP_NAMES, type HubOpName } from './hub-ops';

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
  /** Supervisors only: the dashboard of the queues they supervise (replaces the previous one). */
  z.object({ kind: z.literal('supervisor'), dashboard: SupervisorDashboard }),
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

// ---- request operations: the op table (schemas, roles, outbox policy) is hub-ops.ts ----
export * from './hub-ops';

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
