/** What the supervisor dashboard reads from storage, and the audit log it writes. */
import type { CallQualitySummary } from '../../src-common/call-quality';
import type { AuditEntry } from '../../src-common/supervisor';

/** One queue's items that arrived since the start of the day, counted by outcome. */
export interface QueueDayCounts {
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  /** Sum of waits of answered items (seconds). */
  answerWaitSeconds: number;
  /** Finished items that had been answered, and the sum of their handle times (seconds). */
  handled: number;
  handleSeconds: number;
}

export interface QueueDayQuery {
  queueId: string;
  dayStart: string;
  thresholdSeconds: number;
  shortAbandonSeconds: number;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/** What the interval report needs of an item. */
export interface ItemTimes {
  queueId: string;
  agentId: string | null;
  state: string;
  createdAt: string;
  acceptedAt: string | null;
  completedAt: string | null;
  endedAt: string | null;
}

export interface SupervisionRepository {
  queueDay(query: QueueDayQuery): QueueDayCounts;
  /**
   * Per agent, seconds today in a working state (busy, wrap-up) and in any staffed state
   * (ready, busy, wrap-up), from their state changes since `dayStart` up to `now`.
   */
  staffedTime(dayStart: string, now: string): Map<string, { workingSeconds: number; staffedSeconds: number }>;
  /** Per agent, items they finished that arrived since the start of the day. */
  handledByAgent(dayStart: string): Map<string, number>;
  /** Items that arrived or were finished in [from, to). */
  itemsBetween(from: string, to: string): ItemTimes[];
  appendAudit(entry: NewAuditEntry): AuditEntry;
  /** The newest entries, newest first. */
  latestAudit(limit: number): AuditEntry[];
  /** Skills set by supervisors (migration 014), per agent; the configuration holds the rest. */
  skillOverrides(): Map<string, Record<string, number>>;
  saveSkills(userId: string, skills: Record<string, number>, changedBy: string, at: string): void;
  /** A call's quality (one row per item; a repeated report replaces it). */
  saveCallQuality(summary: CallQualitySummary, agentId: string, at: string): void;
  /** Each agent's latest call quality. */
  lastCallQualityByAgent(): Map<string, CallQualityRow>;
  /** The quality of these items' calls, by item. */
  callQualityOf(itemIds: readonly string[]): Map<string, CallQualityRow>;
}

export interface CallQualityRow {
  itemId: string;
  at: string;
  mosAverage: number;
  mosMin: number;
  mainProblem: string;
}
