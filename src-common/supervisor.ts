/**
 * What a supervisor sees and does: the live dashboard of the queues they supervise (and the
 * agents who serve them), and the actions they take on agents, each written to the audit log.
 *
 * Service level (the formula the hub computes, the docs state and the tests check), per queue,
 * over today's items (since local midnight on the hub):
 *   serviceLevel = answeredWithinThreshold / (answered + abandoned − shortAbandoned)
 * where an item is answered when an agent accepted it, answered within threshold when it was
 * accepted at most `thresholdSeconds` after it arrived, abandoned when the customer left before
 * any agent took it, and short-abandoned when that happened within `shortAbandonSeconds` (the
 * customer changed their mind, the centre could not have helped). null when the divisor is 0.
 */
import { z } from 'zod';
import { AgentState, Channel, LocalizedLabels, Role } from './domain';
import { CHAT_MAX_TEXT, ChatTranscript } from './chat';

/** One item waiting in a queue, as a supervisor sees it to move it. */
export const WaitingWork = z.object({
  itemId: z.string(),
  channel: Channel,
  /** Who waits (customer name, else the item's subject). */
  label: z.string().max(500),
  since: z.string(),
  /** The agent it is being offered to now, if any (it cannot be moved meanwhile). */
  offeredTo: z.string().nullable(),
});
export type WaitingWork = z.infer<typeof WaitingWork>;
export const WAITING_LIST_MAX = 20;

const Count = z.number().int().nonnegative();

/** What happened to a queue's items over a span (today, or one interval): the service level's inputs and result. */
const OutcomeCounts = z.object({
  offered: Count,
  answered: Count,
  answeredWithinThreshold: Count,
  abandoned: Count,
  shortAbandoned: Count,
  /** 0..1, see the formula above; null when nothing counts yet. */
  serviceLevel: z.number().min(0).max(1).nullable(),
});

/** Today's figures of a queue (the counts are of items that arrived today). */
export const QueueStats = OutcomeCounts.extend({
  queueId: z.string(),
  name: z.string().max(100),
  names: LocalizedLabels.optional(),
  channel: Channel,
  /** Waiting now (no agent has taken it; being offered counts as waiting). */
  waiting: z.number().int().nonnegative(),
  /** When the longest-waiting item arrived; null when nothing waits. */
  oldestSince: z.string().nullable(),
  thresholdSeconds: z.number().int().positive(),
  /** The queue's goal (0..1): below it the tile turns red. */
  serviceLevelTarget: z.number().min(0).max(1),
  /** Longest acceptable wait: a wait past it turns the tile red. */
  maxWaitSeconds: z.number().int().positive(),
  /** Average wait of today's answered items (seconds); null when none. */
  averageSpeedOfAnswerSeconds: z.number().nonnegative().nullable(),
  /** Average time from accept to the end of wrap-up of today's finished items (seconds). */
  averageHandleSeconds: z.number().nonnegative().nullable(),
  /** The longest-waiting items (at most WAITING_LIST_MAX), oldest first. */
  waitingItems: z.array(WaitingWork).max(WAITING_LIST_MAX).optional(),
  /** Agents who serve this queue, by state now. */
  agents: z.object({ ready: z.number().int().nonnegative(), busy: z.number().int().nonnegative(), notReady: z.number().int().nonnegative() }),
});
export type QueueStats = z.infer<typeof QueueStats>;

export const AgentWork = z.object({
  itemId: z.string(),
  channel: Channel,
  /** Who the work is with (customer name, else the item's subject). */
  label: z.string().max(500),
  state: z.enum(['offered', 'accepted', 'wrap-up']),
  since: z.string(),
});
export type AgentWork = z.infer<typeof AgentWork>;

export const AgentStatus = z.object({
  agentId: z.string(),
  displayName: z.string().max(200),
  role: Role,
  state: AgentState,
  /** When the agent entered this state. */
  since: z.string(),
  reasonCode: z.string().nullable(),
  /** Whether a desktop of the agent is connected to the hub now. */
  connected: z.boolean(),
  queueIds: z.array(z.string()),
  /** The agent's team (its name), if the centre uses teams. */
  team: z.string().max(200).nullable().optional(),
  work: z.array(AgentWork).max(50),
  /** Items finished today. */
  handledToday: z.number().int().nonnegative(),
  /** Share of today's staffed time (Ready, Busy, wrap-up) spent working (Busy, wrap-up); null before any. */
  occupancy: z.number().min(0).max(1).nullable().optional(),
  /** The agent's last measured call: its average MOS and the problem seen longest ('good' if none). */
  lastCall: z.object({ mosAverage: z.number(), mainProblem: z.string().max(40), at: z.string() }).nullable().optional(),
  /** Skill id → level (1..10), as routing uses them now. */
  skills: z.record(z.string(), z.number().int()).optional(),
});
export type AgentStatus = z.infer<typeof AgentStatus>;

export const SupervisorDashboard = z.object({
  /** Hub time the figures were taken. */
  at: z.string(),
  queues: z.array(QueueStats),
  agents: z.array(AgentStatus),
});
export type SupervisorDashboard = z.infer<typeof SupervisorDashboard>;

export const FORCE_STATE_REASON_DEFAULT = 'supervisor';

/** A supervisor sets an agent Not Ready (with a reason) or signs them out of the hub. */
export const ForceAgentStateParams = z.object({
  agentId: z.string().min(1).max(128),
  state: z.enum(['not-ready', 'offline']),
  /** A configured reason code for Not Ready; ignored for offline. */
  reasonCode: z.string().min(1).max(64).nullable(),
});
export type ForceAgentStateParams = z.infer<typeof ForceAgentStateParams>;

export const AuditOutcome = z.enum(['done', 'refused']);
export const AuditEntry = z.object({
  id: z.number().int().positive(),
  at: z.string(),
  actorId: z.string(),
  actorRole: Role,
  /** The op asked for (forceAgentState, …). */
  action: z.string().max(64),
  /** Whom or what it was about (an agent id, an item id), when anyone. */
  targetId: z.string().max(128).nullable(),
  outcome: AuditOutcome,
  /** The params, or why it was refused. */
  detail: z.string().max(2000),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AUDIT_PAGE_MAX = 500;
export const AuditLogParams = z.object({ limit: z.number().int().min(1).max(AUDIT_PAGE_MAX) });

/**
 * One row of the 15-minute interval report: a queue's items that arrived in the interval, or
 * an agent's items finished in it. Computed from stored items, so it is right after a restart.
 */
export const IntervalRow = OutcomeCounts.extend({
  /** Local start of the interval (ISO-8601 with the hub's offset). */
  intervalStart: z.string(),
  kind: z.enum(['queue', 'agent']),
  id: z.string(),
  averageSpeedOfAnswerSeconds: z.number().nonnegative().nullable(),
  handled: z.number().int().nonnegative(),
  averageHandleSeconds: z.number().nonnegative().nullable(),
});
export type IntervalRow = z.infer<typeof IntervalRow>;
export const INTERVAL_MINUTES = 15;
export const IntervalReportParams = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD') });

const CSV_COLUMNS: readonly (keyof IntervalRow)[] = [
  'intervalStart',
  'kind',
  'id',
  'offered',
  'answered',
  'answeredWithinThreshold',
  'abandoned',
  'shortAbandoned',
  'serviceLevel',
  'averageSpeedOfAnswerSeconds',
  'handled',
  'averageHandleSeconds',
];

/**
 * A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). Text that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe:
 * exports carry what users typed, and opening one must not run it. Numbers stay numbers.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(fields: readonly (string | number | null)[]): string {
  return fields.map(csvField).join(',');
}

/** The interval report as CSV (header line, then one line per row; CRLF as RFC 4180 says). */
export function intervalReportCsv(rows: readonly IntervalRow[]): string {
  const lines = [csvLine(CSV_COLUMNS), ...rows.map((row) => csvLine(CSV_COLUMNS.map((c) => row[c])))];
  return `${lines.join('\r\n')}\r\n`;
}

// ---- chat supervision: monitor, whisper, barge, take over ----
const ItemId = z.string().min(1).max(128);
const ClientId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
const SupervisorText = z.string().trim().min(1).max(CHAT_MAX_TEXT);

/** What a supervisor who starts monitoring a chat reads first; what follows comes as chat events. */
export const MonitoredChat = z.object({
  itemId: z.string(),
  transcript: ChatTranscript,
  /** The agent who holds the chat now; null when nobody does (waiting, or closed). */
  agentId: z.string().nullable(),
  agentName: z.string().max(200).nullable(),
});
export type MonitoredChat = z.infer<typeof MonitoredChat>;
export const ChatItemParams = z.object({ itemId: ItemId });
/** A whisper (only the agent reads it) or a barge (the customer reads it too); idempotent by clientId. */
export const SupervisorChatText = z.object({ itemId: ItemId, clientId: ClientId, text: SupervisorText });
export const TakeOverParams = z.object({ itemId: ItemId, note: z.string().trim().max(1000) });

/** A supervisor moves waiting work: to another queue of its channel, or offered to a named agent. */
export const MoveWaitingParams = z.object({
  itemId: ItemId,
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('agent'), agentId: z.string().min(1).max(128) }),
    z.object({ kind: z.literal('queue'), queueId: z.string().min(1).max(128) }),
  ]),
});
export type MoveWaitingParams = z.infer<typeof MoveWaitingParams>;

/** New skills for an agent, applied at once: skill id → level 1..10, or 0 to take the skill away. */
export const SetAgentSkillsParams = z.object({
  agentId: z.string().min(1).max(128),
  skills: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/), z.number().int().min(0).max(10)),
});
export type SetAgentSkillsParams = z.infer<typeof SetAgentSkillsParams>;
export const AgentSkillsResult = z.object({ agentId: z.string(), skills: z.record(z.string(), z.number().int()), queueIds: z.array(z.string()) });
