/**
 * Domain vocabulary shared by hub, desktop and renderer. Schemas are zod so every
 * boundary can validate at run time; types are inferred from them, never written twice.
 */
import { z } from 'zod';
import { EmailSignature, EmailTemplate } from './email-templates';
import { DtmfMode, IceServer } from './phone-contract';

export const Channel = z.enum(['voice', 'chat', 'email']);
export type Channel = z.infer<typeof Channel>;
export const CHANNELS: readonly Channel[] = Channel.options;

export const Role = z.enum(['agent', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

/**
 * Agent presence. `busy` and `after-call-work` are entered by the hub (accept, end of work);
 * an agent can only choose `ready`, `not-ready` (with a reason) or `offline`.
 */
export const AgentState = z.enum(['offline', 'ready', 'not-ready', 'busy', 'after-call-work']);
export type AgentState = z.infer<typeof AgentState>;
export const SelectableAgentState = z.enum(['ready', 'not-ready', 'offline']);
export type SelectableAgentState = z.infer<typeof SelectableAgentState>;

/** Reason code the hub itself uses when an agent lets too many offers expire. */
export const MISSED_REASON = 'missed';
/** Reason codes the hub sets when the agent's desktop cannot take work (see DesktopReadiness). */
export const DESKTOP_CLOSED_REASON = 'desktop-closed';
export const PHONE_OFFLINE_REASON = 'phone-offline';
export const MICROPHONE_REASON = 'microphone-unavailable';
export const SPEAKER_REASON = 'speaker-unavailable';
/** Reasons the hub sets because the desktop cannot take work; it lifts them itself when the fault clears. */
export const READINESS_REASONS: readonly string[] = [DESKTOP_CLOSED_REASON, PHONE_OFFLINE_REASON, MICROPHONE_REASON, SPEAKER_REASON];
export const SYSTEM_REASONS: readonly string[] = [MISSED_REASON, ...READINESS_REASONS];

/**
 * What keeps a desktop from taking work: no window shows it (a closed tab, a crashed renderer),
 * the agent's phone is not registered, or a voice agent has no microphone (unplugged, or
 * permission refused): a call offered then would be answered into silence; or no speaker or
 * headset at all: the caller would talk to someone who cannot hear them.
 */
export const ReadinessProblem = z.enum(['no-window', 'phone-unregistered', 'microphone-unavailable', 'speaker-unavailable']);
export type ReadinessProblem = z.infer<typeof ReadinessProblem>;
export const DesktopReadiness = z.object({ problems: z.array(ReadinessProblem).max(10) });
export type DesktopReadiness = z.infer<typeof DesktopReadiness>;

export const WorkItemState = z.enum(['queued', 'offered', 'accepted', 'wrap-up', 'done', 'abandoned']);
export type WorkItemState = z.infer<typeof WorkItemState>;

const Id = z.string().min(1).max(128);
const IsoTime = z.string().datetime({ offset: true });

export const AgentPresence = z.object({
  agentId: Id,
  state: AgentState,
  /** Reason code id while not-ready (e.g. "break", "missed"). */
  reasonCode: z.string().nullable(),
  since: IsoTime,
});
export type AgentPresence = z.infer<typeof AgentPresence>;

/**
 * Set on an item another agent transferred (the latest transfer): who sent it, when, and the
 * note they left for the next agent. The note is the agent's text: rendered as text.
 */
export const WorkTransfer = z.object({
  fromAgentId: Id,
  fromAgentName: z.string().max(200),
  at: IsoTime,
  toAgentId: Id.nullable(),
  toQueueId: Id.nullable(),
  note: z.string().max(1000),
});
export type WorkTransfer = z.infer<typeof WorkTransfer>;

export const WorkItem = z.object({
  id: Id,
  channel: Channel,
  queueId: Id,
  priority: z.number().int(),
  customerId: Id.nullable(),
  /** One line the agent sees in the queue: caller number, chat topic, email subject. */
  subject: z.string().max(500),
  /** Where the work came from: E.164 number, email address or chat id. */
  from: z.string().max(320),
  state: WorkItemState,
  agentId: Id.nullable(),
  createdAt: IsoTime,
  offeredAt: IsoTime.nullable(),
  acceptedAt: IsoTime.nullable(),
  endedAt: IsoTime.nullable(),
  /** Channel-specific detail (first chat message, email preview…); always rendered as text. */
  preview: z.string().max(4000).default(''),
  disposition: z.string().nullable(),
  notes: z.string().max(10000).nullable(),
  /** Present when the item was transferred (chat transfer). */
  transfer: WorkTransfer.optional(),
  /** Absent means inbound. Outbound: a call the agent placed from the desktop. */
  direction: z.enum(['inbound', 'outbound']).optional(),
});
export type WorkItem = z.infer<typeof WorkItem>;

/** A work item as the hub shows it to a desktop. */
export const ItemView = WorkItem.extend({
  /** Set while the item is in wrap-up: when the hub will close wrap-up by itself. */
  wrapUpDeadline: z.string().nullable(),
});
export type ItemView = z.infer<typeof ItemView>;

export const Offer = z.object({
  offerId: Id,
  item: WorkItem,
  agentId: Id,
  offeredAt: IsoTime,
  expiresAt: IsoTime,
});
export type Offer = z.infer<typeof Offer>;

export const IdentityKind = z.enum(['phone', 'email', 'chat']);
export type IdentityKind = z.infer<typeof IdentityKind>;

export const CustomerIdentity = z.object({
  kind: IdentityKind,
  /** Normalised value: E.164 for phone, lower-case address for email, opaque id for chat. */
  value: z.string().min(1).max(320),
});
export type CustomerIdentity = z.infer<typeof CustomerIdentity>;

export const Customer = z.object({
  id: Id,
  name: z.string().max(200),
  company: z.string().max(200).nullable(),
  tier: z.string().max(40).nullable(),
  language: z.string().max(16).nullable(),
  tags: z.array(z.string().max(60)).max(50),
  identities: z.array(CustomerIdentity).max(100),
  updatedAt: IsoTime,
});
export type Customer = z.infer<typeof Customer>;

/** One past (or current) interaction on any channel, as the customer's timeline shows it. */
export const TimelineEntry = z.object({
  id: Id,
  customerId: Id,
  channel: Channel,
  direction: z.enum(['inbound', 'outbound']),
  at: IsoTime,
  agentId: Id.nullable(),
  agentName: z.string().max(200).nullable(),
  queueId: Id.nullable(),
  disposition: z.string().nullable(),
  summary: z.string().max(500),
  /** Full transcript / notes, rendered as text. */
  detail: z.string().max(100000),
  durationSeconds: z.number().int().nonnegative().nullable(),
  /**
   * 'note': an agent's note on the customer (summary = the note, channel = the channel of the
   * interaction it was written during). Absent means an interaction.
   */
  kind: z.enum(['interaction', 'note']).optional(),
  /** 'missed': the customer gave up before anyone answered (durationSeconds is their wait). Absent: handled. */
  outcome: z.enum(['missed']).optional(),
  /** For a missed call: the number to call back. */
  callBack: z.string().max(200).optional(),
  /** A call's quality as the agent's phone measured it (E-model MOS, the problem seen longest). */
  callQuality: z.object({ mosAverage: z.number(), mosMin: z.number(), mainProblem: z.string().max(40) }).optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** Something an agent promised to do for a customer ("call back Monday"); open until done. */
export const FollowUp = z.object({
  id: Id,
  customerId: Id,
  text: z.string().min(1).max(2000),
  /** When it is due; null = no date. */
  dueAt: IsoTime.nullable(),
  createdAt: IsoTime,
  createdBy: Id,
  createdByName: z.string().max(200),
  doneAt: IsoTime.nullable(),
  doneBy: Id.nullable(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const CustomerContext = z.object({
  customer: Customer,
  timeline: z.array(TimelineEntry),
  /** Open follow-ups (not done), oldest due first. Absent from hubs that do not keep follow-ups. */
  followUps: z.array(FollowUp).optional(),
});
export type CustomerContext = z.infer<typeof CustomerContext>;

/**
 * A label the centre gives in the desktop's languages. Data labels (queue names, reason codes,
 * dispositions) come from the hub's configuration, so they are translated there, not in the app.
 */
export const LocalizedLabels = z
  .object({ es: z.string().min(1).max(100).optional(), ca: z.string().min(1).max(100).optional(), en: z.string().min(1).max(100).optional() })
  .strict();
export type LocalizedLabels = z.infer<typeof LocalizedLabels>;

/** `label` is the centre's default text; `labels`, when given, the text per UI language. */
export const ReasonCode = z.object({ id: Id, label: z.string().max(100), labels: LocalizedLabels.optional() });
export type ReasonCode = z.infer<typeof ReasonCode>;
export const Disposition = z.object({ id: Id, label: z.string().max(100), labels: LocalizedLabels.optional() });
export type Disposition = z.infer<typeof Disposition>;
export const QueueInfo = z.object({
  id: Id,
  name: z.string().max(100),
  names: LocalizedLabels.optional(),
  channel: Channel,
  /** Voice queues: a number that reaches the queue (for transferring a call to it), when the hub has one. */
  dialNumber: z.string().max(64).optional(),
  /** Email queues: the promised answer time from arrival, in minutes. */
  responseTargetMinutes: z.number().int().positive().optional(),
});
export type QueueInfo = z.infer<typeof QueueInfo>;

export const UserInfo = z.object({
  id: Id,
  username: z.string().max(64),
  displayName: z.string().max(200),
  role: Role,
});
export type UserInfo = z.infer<typeof UserInfo>;

/** A canned chat response; `text` may hold {customerName} and {agentName}, filled in on the desktop. */
export const CannedResponse = z.object({
  id: Id,
  /** What the agent types after "/" to find it, e.g. "saludo". */
  shortcut: z.string().min(1).max(40),
  title: z.string().min(1).max(100),
  text: z.string().min(1).max(4000),
});
export type CannedResponse = z.infer<typeof CannedResponse>;

/** An agent a chat can be transferred to. */
export const TransferAgent = z.object({
  id: Id,
  displayName: z.string().max(200),
  /** The agent's SIP address (for transferring or consulting a call), when the hub has voice. */
  sipUri: z.string().max(500).optional(),
});
export type TransferAgent = z.infer<typeof TransferAgent>;

/**
 * What the desktop's phone needs to register: handed over by the hub after sign-in, so
 * an agent never types SIP settings. `password` is the agent's SIP secret for this SIP server
 * (for the hub's lab proxy: a per-agent secret derived by the hub).
 */
export const PhoneProvisioning = z.object({
  serverUrl: z.string().regex(/^wss?:\/\//),
  aor: z.string().regex(/^sips?:[^@\s]+@[^\s]+$/),
  authorizationUsername: z.string().max(200),
  password: z.string().max(500),
  displayName: z.string().max(200),
  iceServers: z.array(IceServer),
  dtmfMode: DtmfMode,
  /** True when the server is the hub's built-in lab proxy (shown to the agent: not for production). */
  lab: z.boolean(),
  /**
   * The SIP server's media side learns the phone's address from its connectivity checks
   * (peer-reflexive, RFC 8445 §7.3.1.3), so a Ready phone may answer with an SDP answer it
   * composed before its browser gathered any candidate. Absent: false.
   */
  answerBeforeCandidates: z.boolean().optional(),
});
export type PhoneProvisioning = z.infer<typeof PhoneProvisioning>;

/** What an agent's desktop needs from the hub's configuration. */
export const AgentConfigView = z.object({
  reasonCodes: z.array(ReasonCode),
  dispositions: z.array(Disposition),
  queues: z.array(QueueInfo),
  wrapUpSeconds: z.number().int().nonnegative(),
  offerTimeoutSeconds: z.number().int().positive(),
  cannedResponses: z.array(CannedResponse).optional(),
  /** Email reply templates and each email queue's signature, in the centre's languages. */
  emailTemplates: z.array(EmailTemplate).optional(),
  emailSignatures: z.array(EmailSignature).optional(),
  /** Agents and supervisors a chat may be transferred to. */
  transferAgents: z.array(TransferAgent).optional(),
  /** External CRM page of a customer, with {customerId}; opened in the system browser. */
  crmCustomerUrl: z.string().max(2000).nullable().optional(),
  /** Phone registration for this agent; null/absent = the hub has no SIP server configured. */
  phone: PhoneProvisioning.nullable().optional(),
});
export type AgentConfigView = z.infer<typeof AgentConfigView>;
