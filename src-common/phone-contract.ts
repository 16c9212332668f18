/**
 * The phone's contract with its host: the settings it starts with, the commands it takes (from
 * the UI, relayed by main in Electron) and the events it reports. Each is a zod schema because
 * it crosses a boundary (IPC, the web host); the call model these carry is in call.ts.
 */
import { z } from 'zod';
import { CallId, AutoAnswerHint, Call } from './call';
import { SupervisionGrant, SupervisionStep, VoiceSupervisionMode } from './voice-supervision';
import { CallQuality, CallQualitySummary } from './call-quality';

const Id = CallId;

export const DtmfMode = z.enum(['rfc4733', 'info']);
export type DtmfMode = z.infer<typeof DtmfMode>;

export const IceServer = z.object({
  urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;

export const PhoneConfig = z.object({
  /** ws:// or wss:// of the SIP server (Kamailio, Asterisk, FreeSWITCH, or the hub's lab proxy). */
  serverUrl: z.string().regex(/^wss?:\/\//, 'The SIP server address must start with ws:// or wss://'),
  /** Address of record, e.g. sip:ana@lab.centralita. */
  aor: z.string().regex(/^sips?:[^@\s]+@[^\s]+$/, 'The SIP address must look like sip:user@domain'),
  authorizationUsername: z.string().max(200).optional(),
  password: z.string().max(500).optional(),
  displayName: z.string().max(200).optional(),
  iceServers: z.array(IceServer).default([]),
  /** Short gathering keeps answer time low where no STUN server is reachable. */
  iceGatheringTimeoutMs: z.number().int().min(0).max(30_000).default(500),
  dtmfMode: DtmfMode.default('rfc4733'),
  registerExpiresSec: z.number().int().min(30).max(86_400).default(300),
  /** Upper bound of the reconnect back-off; the first retries come sooner. */
  reconnectMaxDelayMs: z.number().int().min(100).max(60_000).default(2000),
  /** Answer INVITEs that carry auto-answer headers (intercom, supervisor-pushed calls). */
  honourAutoAnswerHeaders: z.boolean().default(true),
  /** INFO DTMF duration per digit. */
  dtmfDurationMs: z.number().int().min(40).max(5000).default(160),
});
export type PhoneConfig = z.infer<typeof PhoneConfig>;
export type PhoneConfigInput = z.input<typeof PhoneConfig>;

const CallIdParam = z.object({ callId: Id });
/** Why the desktop tells the phone to reconnect (the `reconnect` command). */
export const ReconnectReason = z.enum(['not-reached', 'route-moved']);
export type ReconnectReason = z.infer<typeof ReconnectReason>;
const DialTarget = z.string().min(1).max(500);

export const PhoneCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('register') }),
  z.object({ type: z.literal('unregister') }),
  /**
   * The desktop learnt that the SIP connection leads nowhere, as of `since` (Date.now()): the SIP
   * server could not reach this phone (`not-reached`, the hub says so), or the way to the SIP
   * server now leaves from another local address (`route-moved`, main's route watch). A
   * connection opened before `since` is replaced, the phone registers again, live calls move.
   */
  z.object({ type: z.literal('reconnect'), why: ReconnectReason, since: z.number().int().nonnegative() }),
  z.object({ type: z.literal('dial'), target: DialTarget, itemId: Id.nullable().default(null) }),
  CallIdParam.extend({ type: z.literal('answer') }),
  CallIdParam.extend({ type: z.literal('reject'), sipCode: z.union([z.literal(486), z.literal(603), z.literal(480)]).default(486) }),
  CallIdParam.extend({ type: z.literal('hangup') }),
  CallIdParam.extend({ type: z.literal('hold') }),
  CallIdParam.extend({ type: z.literal('resume') }),
  CallIdParam.extend({ type: z.literal('mute') }),
  CallIdParam.extend({ type: z.literal('unmute') }),
  CallIdParam.extend({ type: z.literal('sendDtmf'), digits: z.string().regex(/^[0-9A-D#*,]{1,32}$/, 'DTMF digits are 0-9, A-D, * and #') }),
  /**
   * `itemId`: the hub work item the transfer target will get (hub op transferCall); the REFER
   * carries it as X-Centralita-Item so the SIP server stamps it on the transferee's new INVITE.
   */
  CallIdParam.extend({ type: z.literal('blindTransfer'), target: DialTarget, itemId: Id.optional() }),
  /** Puts the call on hold and dials the target: a consultation call. */
  CallIdParam.extend({ type: z.literal('attendedTransferStart'), target: DialTarget }),
  /** Joins the held call to the consultation call (REFER with Replaces) and leaves. */
  CallIdParam.extend({ type: z.literal('attendedTransferComplete'), consultCallId: Id, itemId: Id.optional() }),
  /** Mixes the calls locally into a 3-way conference (WebAudio). */
  z.object({ type: z.literal('conference'), callIds: z.array(Id).min(2).max(2) }),
  /** The hub says the next call for this item (or any call, when null) must be answered by itself. */
  z.object({ type: z.literal('autoAnswerNext'), itemId: Id.nullable(), delayMs: z.number().int().min(0).max(60_000).default(0), validForMs: z.number().int().min(1000).max(120_000).default(30_000) }),
  // ---- voice supervision (voice-supervision.ts) ----
  /** Supervisor: calls the agent's phone with the hub's grant. */
  z.object({ type: z.literal('superviseDial'), target: DialTarget, grant: SupervisionGrant, mode: VoiceSupervisionMode }),
  /** Supervisor: asks for another mode, or to take the call over, on the supervision call (SIP INFO carrying a new grant). */
  CallIdParam.extend({ type: z.literal('superviseSwitch'), grant: SupervisionGrant, mode: SupervisionStep }),
  /**
   * Agent: the hub accepted the grant of this supervision call (or of its mode change): answer
   * it without ringing, or change its mix, and mix it with the customer's call of `itemId`. For
   * take-over: transfer the customer onto the supervisor's call, naming `takeOverItemId`.
   */
  CallIdParam.extend({ type: z.literal('supervisionAccept'), mode: SupervisionStep, itemId: Id.nullable(), takeOverItemId: Id.nullable().default(null) }),
  /** Agent: the hub refused the grant: the call (or its mode change) is refused with 403. */
  CallIdParam.extend({ type: z.literal('supervisionRefuse') }),
]);
export type PhoneCommand = z.infer<typeof PhoneCommand>;
export type PhoneCommandInput = z.input<typeof PhoneCommand>;

/** dial and attendedTransferStart answer with the new call's id; the rest answer null. */
export const PhoneCommandResult = z.object({ callId: Id.nullable() });
export type PhoneCommandResult = z.infer<typeof PhoneCommandResult>;

export const TransportStatus = z.enum(['disconnected', 'connecting', 'connected']);
export type TransportStatus = z.infer<typeof TransportStatus>;
export const RegistrationStatus = z.enum(['unregistered', 'registering', 'registered', 'failed']);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

export const IncomingCallInfo = z.object({
  itemId: Id.nullable(),
  autoAnswer: AutoAnswerHint.nullable(),
  /** Raw header values kept for diagnostics and future use (screen pop by P-Asserted-Identity…). */
  callInfo: z.string().max(1000).nullable(),
  alertInfo: z.string().max(1000).nullable(),
  assertedIdentity: z.string().max(500).nullable(),
});
export type IncomingCallInfo = z.infer<typeof IncomingCallInfo>;

/** Whether a call could be answered with a voice: a microphone is there and may be used. */
export const MicrophoneStatus = z.enum(['available', 'no-device', 'permission-denied']);
export type MicrophoneStatus = z.infer<typeof MicrophoneStatus>;

/** Whether the far end could be heard: an output (speaker, headset) is plugged in. */
export const SpeakerStatus = z.enum(['available', 'no-device']);
export type SpeakerStatus = z.infer<typeof SpeakerStatus>;

/** Which of the agent's chosen devices is unplugged, with the system default standing in for it. */
export const DeviceFallback = z.object({ microphone: z.boolean(), speaker: z.boolean() });
export type DeviceFallback = z.infer<typeof DeviceFallback>;
export const NO_DEVICE_FALLBACK: DeviceFallback = { microphone: false, speaker: false };

export const PhoneEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('registration'),
    transport: TransportStatus,
    registration: RegistrationStatus,
    /** Set on failed: why, for the agent ("wrong password", "server unreachable"). */
    message: z.string().max(500).nullable(),
  }),
  /** On start and on every change of the devices or the microphone permission. */
  z.object({ type: z.literal('microphone'), status: MicrophoneStatus }),
  /** Like `microphone`, for the outputs, once the browser has shown that it lists them. */
  z.object({ type: z.literal('speaker'), status: SpeakerStatus }),
  /** When a chosen device goes away (the default stands in) or comes back. */
  z.object({ type: z.literal('device-fallback'), fallback: DeviceFallback }),
  z.object({ type: z.literal('incoming-call'), call: Call, info: IncomingCallInfo }),
  z.object({ type: z.literal('call-updated'), call: Call }),
  z.object({ type: z.literal('call-removed'), callId: Id }),
  /**
   * Agent's phone: a supervisor's call (or a mode change on it) carries this grant; the desktop
   * asks the hub (redeemSupervisionGrant) and answers with supervisionAccept or supervisionRefuse.
   */
  z.object({ type: z.literal('supervision-request'), callId: Id, grant: SupervisionGrant }),
  /** Every second of a connected call: its E-model MOS, figures and likely cause (call-quality.ts). */
  z.object({ type: z.literal('call-quality'), callId: Id, quality: CallQuality }),
  /** When the last call ends: the SIP messages of the calls, for IT's diagnostics (bounded). */
  z.object({ type: z.literal('sip-trace'), text: z.string().max(300 * 1024) }),
  /** When a call of a work item ends: its quality summed up, for the hub. */
  z.object({ type: z.literal('call-quality-summary'), callId: Id, summary: CallQualitySummary }),
  z.object({ type: z.literal('error'), callId: Id.nullable(), code: z.string().max(64), message: z.string().max(500), remote: z.string().max(200).nullable().optional() }),
]);
export type PhoneEvent = z.infer<typeof PhoneEvent>;
