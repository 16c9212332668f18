/**
 * The IPC contract between the renderer and main services. The same contract is carried by
 * Electron IPC (preload + contextBridge) and, in web mode, by a loopback WebSocket; main
 * validates every params object with these schemas before acting.
 *
 * Ops are request/response (renderer -> main). Events are pushed (main -> renderer).
 */
import { z } from 'zod';
import { CallQualitySummary } from './call-quality';
import { AgentConfigView, AgentPresence, Customer, CustomerContext, ItemView, Offer, PhoneProvisioning, UserInfo } from './domain';
import { Call } from './call';
import { DeviceFallback, MicrophoneStatus, NO_DEVICE_FALLBACK, PhoneCommand, PhoneCommandResult, PhoneEvent, RegistrationStatus, SpeakerStatus, TransportStatus } from './phone-contract';
import { AppErrorSchema, HubOps, OUTBOX_OP_NAMES, QueueBacklog, SessionEndReason, StartOutboundCallParams, TransferCallParams, TransferWorkParams, type HubOpName } from './protocol';
import { EffectiveSettings, Settings } from './settings';
import type { Result } from './result';
import { CUSTOMER_SEARCH_MAX, CustomerSearchParams } from './customer-search';
import { ChatAttachmentType, ChatDesktopEvent, ChatMessage } from './chat';
import { EmailDesktopEvent, EmailUpload, SendEmailReplyParams } from './email';
import { EmailDraft } from './email-draft';
import { SupervisorDashboard } from './supervisor';

export const SessionStatus = z.enum(['signed-out', 'connecting', 'online', 'reconnecting']);
export type SessionStatus = z.infer<typeof SessionStatus>;

/**
 * An action the hub refused for good (validation, permission, not found, conflict). The desktop
 * keeps it, "not sent", with the hub's reason and the agent's words, until the agent retries or
 * discards it; later actions on the same customer or conversation wait behind it.
 */
export const RefusedAction = z.object({
  /** The outbox entry's idempotency key: what 'outbox.retry' and 'outbox.discard' name. */
  key: z.string().min(1).max(64),
  op: z.enum([...OUTBOX_OP_NAMES, 'unknown']),
  /** What the agent wrote (wrap-up notes, chat text, note, follow-up, transfer note); may be empty. */
  text: z.string(),
  /** A short extra the agent recognises it by (the disposition, a due date), or null. */
  detail: z.string().nullable(),
  reason: AppErrorSchema,
  createdAt: z.string(),
  refusedAt: z.string(),
});
export type RefusedAction = z.infer<typeof RefusedAction>;

/** Everything the agent screen draws, owned by main and mirrored by the renderer's store. */
export const DesktopView = z.object({
  status: SessionStatus,
  hubUrl: z.string(),
  user: UserInfo.nullable(),
  lastError: AppErrorSchema.nullable(),
  presence: AgentPresence.nullable(),
  offers: z.array(Offer),
  items: z.array(ItemView),
  config: AgentConfigView.nullable(),
  /** hub clock minus local clock, so countdowns agree with the hub. */
  serverTimeOffsetMs: z.number(),
  /** Actions taken while offline, waiting to be sent. */
  outboxPending: z.number().int().nonnegative(),
  /** Actions the hub refused for good, oldest first: shown as "not sent" until retried or discarded. */
  outboxRefused: z.array(RefusedAction),
  /** Set when the hub ended the session (expired, signed out elsewhere, disabled…): why, for the sign-in screen. */
  sessionEnded: SessionEndReason.nullable().optional(),
  /** What waits in the queues this agent serves, live from the hub (never persisted: stale at once). */
  backlog: z.array(QueueBacklog).optional(),
  /**
   * The last call offered to this agent whose caller hung up before it was answered: the queue
   * says so (the card would otherwise just vanish) and offers to call back. Never persisted.
   */
  callerHungUp: z.object({ offerId: z.string(), from: z.string().max(500), customerId: z.string().nullable() }).nullable().optional(),
  /** Supervisors: the live dashboard of the queues they supervise (never persisted: stale at once). */
  supervisor: SupervisorDashboard.nullable().optional(),
  /**
   * Which change of main's view this is (view-change.ts): unique to one run of main services,
   * so a window never applies a change of a restarted main onto the view of the old one.
   */
  revision: z.string().max(64).optional(),
});
export type DesktopView = z.infer<typeof DesktopView>;

/**
 * What the 'view' event carries: the fields of the view that changed between revision `since`
 * and `revision`, applied by view-change.ts.
 */
export const ViewChange = z.object({
  since: z.string().max(64),
  revision: z.string().max(64),
  changes: DesktopView.omit({ revision: true }).partial(),
});
export type ViewChange = z.infer<typeof ViewChange>;

export const CustomerContextResult = z.object({
  context: CustomerContext.nullable(),
  source: z.enum(['cache', 'hub']),
});
export type CustomerContextResult = z.infer<typeof CustomerContextResult>;

const Empty = z.object({}).strict();

/**
 * Largest file the renderer may hand to main services in one 'chat.sendFile': the hub's default
 * chat.attachmentMaxBytes, so agents may send what customers may. Base64 makes it a third
 * bigger; BRIDGE_MAX_FRAME_BYTES leaves room for that. The hub checks type and size again.
 */
export const IPC_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
/** Largest web-mode bridge frame: a base64 attachment of IPC_ATTACHMENT_MAX_BYTES plus its envelope. */
export const BRIDGE_MAX_FRAME_BYTES = Math.ceil((IPC_ATTACHMENT_MAX_BYTES * 4) / 3) + 64 * 1024;

/**
 * An IPC op that main services hand to the hub op of the same params; the op table decides
 * whether it waits in the outbox. The window gets null: what it changed comes back as a view
 * change or an event.
 */
function forwarded<K extends HubOpName>(hubOp: K): { params: (typeof HubOps)[K]['params']; result: z.ZodNull; forwardsTo: K; answered: false } {
  return { params: HubOps[hubOp].params, result: z.null(), forwardsTo: hubOp, answered: false };
}

/** A forwarded read whose answer the window shows (a transcript). */
function forwardedRead<K extends HubOpName>(hubOp: K): { params: (typeof HubOps)[K]['params']; result: (typeof HubOps)[K]['result']; forwardsTo: K; answered: true } {
  return { params: HubOps[hubOp].params, result: HubOps[hubOp].result, forwardsTo: hubOp, answered: true };
}

export const IpcOps = {
  'view.get': { params: Empty, result: DesktopView },
  'session.login': {
    params: z.object({ hubUrl: z.string().max(2000).optional(), username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
    result: UserInfo,
  },
  'session.logout': { params: Empty, result: z.null() },
  'agent.setState': forwarded('setState'),
  'offer.accept': { params: z.object({ offerId: z.string().min(1) }), result: z.null() },
  'offer.decline': forwarded('declineOffer'),
  'item.end': forwarded('endWork'),
  /** Kept in the outbox until the hub takes it (the op table says so for every forwarded op). */
  'item.wrapUp': forwarded('wrapUp'),
  /** Answers from the local cache at once; a fresher copy from the hub follows as a 'customer' event. */
  'customer.context': { params: z.object({ customerId: z.string().min(1) }), result: CustomerContextResult },
  'settings.get': { params: Empty, result: EffectiveSettings },
  'settings.set': {
    params: z.object({ values: Settings.partial().strict() }),
    result: EffectiveSettings,
  },
  // ---- web chat ----
  /** Kept in the outbox until the hub stores it: typed offline, it is sent once, in order, on reconnect. */
  'chat.send': forwarded('sendChatMessage'),
  'chat.typing': forwarded('chatTyping'),
  'chat.markRead': forwarded('markChatRead'),
  'chat.transcript': forwardedRead('getChatTranscript'),
  /**
   * Send a file into a chat the agent holds; main services upload it to the hub over HTTP.
   * Online only (a file is not kept in the outbox). The bytes ride as base64 within the
   * bridge's frame limit: see IPC_ATTACHMENT_MAX_BYTES. The hub checks type and size again.
   */
  'chat.sendFile': {
    params: z.object({
      itemId: z.string().min(1),
      clientId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
      name: z.string().max(255),
      dataBase64: z.string().min(1).max(Math.ceil(IPC_ATTACHMENT_MAX_BYTES / 3) * 4),
    }),
    result: ChatMessage,
  },
  /** A chat file's bytes (base64) for the renderer to save as a download; never opened in the app. */
  'chat.downloadFile': {
    params: z.object({ attachmentId: z.string().min(1).max(64) }),
    result: z.object({ name: z.string().max(255), mime: ChatAttachmentType, dataBase64: z.string() }),
  },
  // ---- email ----
  /** The email thread of an item the agent holds (the hub's copy; messages oldest first). */
  'email.thread': forwardedRead('getEmailThread'),
  /** The draft of a reply kept in the local cache, or null: what the composer starts from after a reload or a crash. */
  'email.draft': { params: z.object({ itemId: z.string().min(1).max(128) }), result: EmailDraft.nullable() },
  /** Saves the draft as the agent types (local cache only; works offline). */
  'email.saveDraft': { params: EmailDraft, result: z.null() },
  /**
   * Sends a reply through the outbox (kept until the hub takes it; sent once, keyed by the
   * draft's clientId) and then forgets the draft.
   */
  'email.reply': { params: SendEmailReplyParams, result: z.null() },
  /** Uploads a file for a reply to the email the agent holds (online only; chat's size and type rules). */
  'email.attachFile': {
    params: z.object({ itemId: z.string().min(1), name: z.string().max(255), dataBase64: z.string().min(1).max(Math.ceil(IPC_ATTACHMENT_MAX_BYTES / 3) * 4) }),
    result: EmailUpload,
  },
  /** An attachment of a message in the thread, as bytes to save as a download; never opened in the app. */
  'email.downloadAttachment': {
    params: z.object({ messageId: z.string().min(1).max(64), index: z.number().int().min(0).max(999) }),
    result: z.object({ name: z.string().max(255), dataBase64: z.string() }),
  },
  /**
   * Transfer an accepted item (chat) to an agent or a queue with a note. Asked online only, but
   * sent through the outbox with an idempotency key: when the answer is lost the replay acts once.
   */
  'item.transfer': { params: TransferWorkParams, result: z.null() },
  /** Kept in the outbox like a chat message: written offline, it reaches the hub once. */
  'customer.addNote': forwarded('addCustomerNote'),
  /** A follow-up on a customer; kept in the outbox like a note, so one made offline arrives once. */
  'customer.addFollowUp': forwarded('addFollowUp'),
  /** Marks a follow-up done; through the outbox as well. */
  'customer.completeFollowUp': forwarded('completeFollowUp'),
  /** Customers by name, phone or email, the local cache first (works offline), then the hub. */
  'customer.search': { params: CustomerSearchParams, result: z.array(Customer).max(CUSTOMER_SEARCH_MAX) },
  /**
   * The window holding the phone says whether it is registered, whether a microphone can be
   * used for calls and whether an output can play them (null: this agent has no phone, or it
   * cannot tell yet).
   */
  'desktop.phoneReadiness': { params: z.object({ registered: z.boolean().nullable(), microphone: z.boolean().nullable(), speaker: z.boolean().nullable() }), result: z.null() },
  // ---- supervision ----
  /** Sets an agent Not Ready with a reason, or signs them out; the hub audits it. */
  'supervisor.forceState': forwarded('forceAgentState'),
  /** The newest audit log entries (supervisors and administrators). */
  'supervisor.audit': forwardedRead('getAuditLog'),
  /** A day's 15-minute interval report, for the supervisor to export as CSV. */
  'supervisor.intervals': forwardedRead('getIntervalReport'),
  /** Chat supervision: follow a chat live, whisper to its agent, write into it, take it over. */
  'supervisor.monitorChat': forwardedRead('monitorChat'),
  'supervisor.stopMonitoringChat': forwarded('stopMonitoringChat'),
  'supervisor.whisper': forwardedRead('whisperToAgent'),
  'supervisor.barge': forwardedRead('bargeIntoChat'),
  'supervisor.takeOver': forwardedRead('takeOverChat'),
  'supervisor.moveWaiting': forwardedRead('moveWaitingItem'),
  'supervisor.setSkills': forwardedRead('setAgentSkills'),
  /** Voice supervision: a grant to join an agent's call (or change mode on it). */
  'supervisor.superviseCall': forwardedRead('superviseCall'),
  /**
   * A finished call's quality: kept for IT's diagnostics (last-calls-stats.json) and sent to the
   * hub through the outbox (a call that ends offline still reports).
   */
  'call.reportQuality': { params: CallQualitySummary, result: z.null() },
  /** The agent's phone received a supervisor's call or mode change: does its grant hold? */
  'call.redeemSupervision': forwardedRead('redeemSupervisionGrant'),
  /** A refused action back in the outbox at its place, under a fresh idempotency key. */
  'outbox.retry': { params: z.object({ key: z.string().min(1).max(64) }), result: z.null() },
  /** The agent lets a refused action go: it is removed and what waited behind it moves on. */
  'outbox.discard': { params: z.object({ key: z.string().min(1).max(64) }), result: z.null() },
  // ---- voice ----
  /**
   * Before dialling out: the hub opens an outbound voice item for the agent (so the call gets a
   * wrap-up and joins the customer's timeline); the phone then dials with its id. Online only.
   * `requestKey` (one per dial attempt) makes a retry after a lost answer open one item, not two.
   */
  'call.startOutbound': { params: StartOutboundCallParams.extend({ requestKey: z.string().min(8).max(64) }), result: ItemView },
  /**
   * Before transferring a call to an agent: the hub gives that agent their own item (with the
   * note); the phone then sends REFER naming it. Online only; `requestKey` (one per transfer
   * attempt) makes a retry after a lost answer create one item, not two.
   */
  'call.transfer': { params: TransferCallParams.extend({ requestKey: z.string().min(8).max(64) }), result: z.object({ itemId: z.string() }) },
  // ---- IT diagnostics ----
  /**
   * Writes one diagnostics file for IT into the data folder (versions, effective settings with
   * their source, policy problems, the end of the log, the last SIP trace and call statistics),
   * with tokens, passwords, emails and phone numbers redacted, and returns it for download too.
   */
  /** The phone's SIP trace of its last calls, kept as diagnostics/last-sip-trace.log for an export. */
  'diagnostics.saveSipTrace': { params: z.object({ text: z.string().max(300 * 1024) }), result: z.null() },
  'diagnostics.export': {
    params: Empty,
    result: z.object({ fileName: z.string().max(200), path: z.string().max(4000), content: z.string().max(8 * 1024 * 1024) }),
  },
} as const;
export type IpcOpName = keyof typeof IpcOps;
/** IPC ops main services hand to a hub op as they are (forwarded / forwardedRead above). */
export type ForwardedIpcOpName = { [K in IpcOpName]: (typeof IpcOps)[K] extends { forwardsTo: HubOpName } ? K : never }[IpcOpName];
export type IpcParams<K extends IpcOpName> = z.infer<(typeof IpcOps)[K]['params']>;
export type IpcResult<K extends IpcOpName> = z.infer<(typeof IpcOps)[K]['result']>;
export const IPC_OP_NAMES = Object.keys(IpcOps) as IpcOpName[];

export const IpcEvents = {
  view: ViewChange,
  customer: CustomerContext,
  settings: EffectiveSettings,
  /** Messages, typing, read receipts and closing of the agent's chats, in hub order. */
  chat: ChatDesktopEvent,
  /** A new message in one of the agent's email threads, or a reply's delivery (sent, failed). */
  email: EmailDesktopEvent,
  /**
   * Electron only: the OS handed Centralita a tel:/sip: link (clicked in another app); the
   * renderer dials it like a link clicked inside the window. Web mode never sends it.
   */
  dial: z.object({ target: z.string().min(1).max(500) }),
  /**
   * Electron only: a global hotkey (settings globalShortcuts) was pressed while another app was
   * in front; the renderer runs it like its own Alt+A / Alt+E / Alt+M shortcut.
   */
  hotkey: z.object({ action: z.enum(['answer', 'hangup', 'mute']) }),
  /**
   * The way to the hub or the SIP server now leaves from another local address (a dock, a VPN,
   * a new network): a connection opened before `since` (Date.now()) may lead nowhere. Main has
   * already replaced its hub link; the renderer hands this to the phone.
   */
  network: z.object({ since: z.number().int().nonnegative() }),
} as const;
export type IpcEventName = keyof typeof IpcEvents;
export type IpcEventPayload<K extends IpcEventName> = z.infer<(typeof IpcEvents)[K]>;

/** Electron channel names carry the app prefix; main refuses any other channel. */
export const IPC_CHANNEL_PREFIX = 'centralita:';

/** Frames of the web-mode bridge (renderer <-> web host), same ops and events as Electron IPC. */
export const BridgeClientFrame = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  op: z.enum(IPC_OP_NAMES as [IpcOpName, ...IpcOpName[]]),
  params: z.unknown(),
});
export type BridgeClientFrame = z.infer<typeof BridgeClientFrame>;
export const BridgeServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    result: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: AppErrorSchema }),
    ]),
  }),
  z.object({ type: z.literal('event'), name: z.enum(Object.keys(IpcEvents) as [IpcEventName, ...IpcEventName[]]), payload: z.unknown() }),
]);
export type BridgeServerFrame = z.infer<typeof BridgeServerFrame>;

/**
 * What the renderer sees of main, whichever transport carries it: the preload exposes this
 * object as window.centralita in Electron; web mode builds it over the bridge socket.
 */
export interface DesktopApi {
  /**
   * Runs one op in main. Never rejects: a failure of main, of the transport or of the answer's
   * shape comes back as an error value, so the renderer handles every outcome the same way.
   */
  invoke<K extends IpcOpName>(op: K, params: IpcParams<K>): Promise<Result<IpcResult<K>>>;
  on<K extends IpcEventName>(name: K, listener: (payload: IpcEventPayload<K>) => void): () => void;
}

// ---------------------------------------------------------------------------------------------
// The phone in Electron: the engine runs in the hidden phone window owned by main, so a
// reload or close of the agent window never drops a call. The agent window asks main (PhoneOps,
// its own channels, sender-checked and validated like IpcOps); main relays each request to the
// phone window and its answer back, validated again; the phone window's events (PhonePushEvents)
// reach the agent window the same way. In web mode the engine runs in the page and none of this
// is used.
// ---------------------------------------------------------------------------------------------

const DeviceId = z.string().max(500);
const WatchId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const PhoneRegistrationView = z.object({ transport: TransportStatus, registration: RegistrationStatus, message: z.string().max(500).nullable() });
export const PhoneSnapshotView = z.object({
  registration: PhoneRegistrationView,
  calls: z.array(Call).max(20),
  microphone: MicrophoneStatus.nullable().default(null),
  speaker: SpeakerStatus.nullable().default(null),
  fallback: DeviceFallback.default(NO_DEVICE_FALLBACK),
});
export const AudioDeviceView = z.object({ deviceId: DeviceId, label: z.string().max(500), kind: z.enum(['audioinput', 'audiooutput']) });
/** The settings the phone follows, checked by the settings' own schema (src-common/phone-host.ts names them). */
const RingerChoiceParams = Settings.pick({ ringerId: true, ringtone: true, ringerVolume: true });
const AudioDeviceChoiceParams = Settings.pick({ microphoneId: true, speakerId: true }).extend(RingerChoiceParams.shape);

export const PhoneOps = {
  /** Starts (or restarts with new settings) the phone with the hub's provisioning, and registers. */
  'phone.start': { params: PhoneProvisioning, result: z.null() },
  /** Hangs up, unregisters and disconnects (sign-out). */
  'phone.stop': { params: Empty, result: z.null() },
  'phone.execute': { params: PhoneCommand, result: PhoneCommandResult },
  /** The agent is Ready (on) or not: keep the microphone and the next call's media prepared. */
  'phone.setCallStandby': { params: z.object({ on: z.boolean() }), result: z.null() },
  /** Registration and calls now: an agent window that (re)loads mid-call starts from this. */
  'phone.snapshot': { params: Empty, result: PhoneSnapshotView },
  'phone.setAudioDevices': { params: AudioDeviceChoiceParams, result: z.null() },
  'phone.listAudioDevices': { params: Empty, result: z.array(AudioDeviceView).max(200) },
  /** Opens the microphone and pushes 'phone-mic-level' events for this watch until unwatched. */
  'phone.watchMicrophone': { params: z.object({ watchId: WatchId, microphoneId: DeviceId }), result: z.null() },
  'phone.unwatchMicrophone': { params: z.object({ watchId: WatchId }), result: z.null() },
  'phone.playSpeakerTest': { params: z.object({ speakerId: DeviceId }), result: z.null() },
  'phone.playRingtoneTest': { params: RingerChoiceParams, result: z.null() },
  'phone.remoteAudioLevel': { params: z.object({ callId: z.string().min(1).max(128) }), result: z.number().min(0).max(1).nullable() },
} as const;
export type PhoneOpName = keyof typeof PhoneOps;
export type PhoneOpParams<K extends PhoneOpName> = z.infer<(typeof PhoneOps)[K]['params']>;
export type PhoneOpParamsInput<K extends PhoneOpName> = z.input<(typeof PhoneOps)[K]['params']>;
export type PhoneOpResult<K extends PhoneOpName> = z.infer<(typeof PhoneOps)[K]['result']>;
export const PHONE_OP_NAMES = Object.keys(PhoneOps) as PhoneOpName[];

export const PhonePushEvents = {
  phone: PhoneEvent,
  'phone-mic-level': z.object({ watchId: WatchId, level: z.number().min(0).max(1) }),
} as const;
export type PhonePushEventName = keyof typeof PhonePushEvents;
export type PhonePushPayload<K extends PhonePushEventName> = z.infer<(typeof PhonePushEvents)[K]>;
export const PHONE_PUSH_EVENT_NAMES = Object.keys(PhonePushEvents) as PhonePushEventName[];

/** Main → phone window: one request, answered by a PhoneWindowReply with the same id. */
export const PhoneWindowRequest = z.object({ id: z.number().int().nonnegative(), op: z.enum(PHONE_OP_NAMES as [PhoneOpName, ...PhoneOpName[]]), params: z.unknown() });
export type PhoneWindowRequest = z.infer<typeof PhoneWindowRequest>;
export const PhoneWindowReply = z.object({
  id: z.number().int().nonnegative(),
  result: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: AppErrorSchema })]),
});
export type PhoneWindowReply = z.infer<typeof PhoneWindowReply>;
export const PhoneWindowPush = z.object({ name: z.enum(PHONE_PUSH_EVENT_NAMES as [PhonePushEventName, ...PhonePushEventName[]]), payload: z.unknown() });
export type PhoneWindowPush = z.infer<typeof PhoneWindowPush>;

/** What the agent window's preload exposes as window.centralitaPhoneBridge (Electron only). */
export interface PhoneBridgeApi {
  /** Never rejects: failures come back as error values, as DesktopApi's do. */
  invoke<K extends PhoneOpName>(op: K, params: PhoneOpParamsInput<K>): Promise<Result<PhoneOpResult<K>>>;
  on<K extends PhonePushEventName>(name: K, listener: (payload: PhonePushPayload<K>) => void): () => void;
}

/** What the hidden phone window's preload exposes as window.centralitaPhoneWindow (Electron only). */
export interface PhoneWindowApi {
  /** Answers main's requests with `handler` from now on; tells main the phone page is ready. */
  serve(handler: (op: PhoneOpName, params: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>): void;
  /** Sends a phone event or a microphone level to main, which checks it and forwards it. */
  push<K extends PhonePushEventName>(name: K, payload: PhonePushPayload<K>): void;
}
