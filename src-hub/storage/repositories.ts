/**
 * The hub's storage seam. The contact center talks to these interfaces only; SQLite
 * (storage/sqlite/) implements them today and a PostgreSQL implementation can follow without
 * touching routing (which never sees storage at all) or the protocol code.
 *
 * Calls are synchronous: the hub is the single writer and runs each action as one short
 * transaction. A networked database would make them async; that change stays inside
 * center/ and storage/.
 */
import type { SupervisionRepository } from './supervision-repository';
import type { AgentState, Channel, Customer, CustomerIdentity, FollowUp, Role, SelectableAgentState, TimelineEntry, WorkItemState, WorkTransfer } from '../../src-common/domain';
import type { HubEvent } from '../../src-common/protocol';
import type { ChatRepository } from './chat-repository';
import type { SessionRepository } from './session-repository';
import type { EmailRepository } from './email-repository';

/** A user as the configuration file describes them. */
export interface ConfiguredUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

/** A user as the hub treats them now: the file's user with an administrator's decisions applied. */
export interface UserRow extends ConfiguredUser {
  disabled: boolean;
}

/** An administrator's decision about a user (migration 009); null role = the file's role. */
export interface UserAccessRow {
  userId: string;
  role: Role | null;
  disabled: boolean;
  changedBy: string;
  changedAt: string;
}

export interface PresenceRow {
  agentId: string;
  selected: SelectableAgentState;
  reasonCode: string | null;
  state: AgentState;
  since: string;
  idleSince: string;
  consecutiveMissed: number;
}

export interface TransitionRow {
  agentId: string;
  fromState: AgentState | null;
  toState: AgentState;
  reasonCode: string | null;
  cause: string;
  at: string;
}

export interface WorkItemRow {
  id: string;
  channel: Channel;
  queueId: string;
  priority: number;
  customerId: string | null;
  subject: string;
  from: string;
  preview: string;
  state: WorkItemState;
  agentId: string | null;
  createdAt: string;
  offeredAt: string | null;
  acceptedAt: string | null;
  endedAt: string | null;
  completedAt: string | null;
  wrapUpDeadline: string | null;
  disposition: string | null;
  notes: string | null;
  /** The latest transfer of this item, if any (migration 003). */
  transfer?: WorkTransfer;
  /** Absent means inbound; 'outbound' is a call the agent placed (migration 008). */
  direction?: 'inbound' | 'outbound';
}

export type OfferOutcome = 'accepted' | 'declined' | 'expired' | 'cancelled' | 'abandoned';

export interface OfferRow {
  id: string;
  itemId: string;
  agentId: string;
  offeredAt: string;
  expiresAt: string;
  outcome: OfferOutcome | null;
  endedAt: string | null;
}

export interface StoredEvent {
  seq: number;
  at: string;
  event: HubEvent;
}

export interface UserRepository {
  upsert(user: ConfiguredUser, at: string): void;
  access(userId: string): UserAccessRow | null;
  saveAccess(row: UserAccessRow): void;
  byId(id: string): UserRow | null;
  byUsername(username: string): UserRow | null;
  list(): UserRow[];
}

export interface PresenceRepository {
  get(agentId: string): PresenceRow | null;
  save(row: PresenceRow): void;
  recordTransition(t: TransitionRow): void;
  transitions(agentId: string): TransitionRow[];
}

export interface WorkItemRepository {
  insert(row: WorkItemRow): void;
  get(id: string): WorkItemRow | null;
  save(row: WorkItemRow): void;
  /** Items not done or abandoned, oldest first. */
  listOpen(): WorkItemRow[];
  listHeldBy(agentId: string): WorkItemRow[];
}

export interface OfferRepository {
  insert(row: OfferRow): void;
  get(id: string): OfferRow | null;
  end(id: string, outcome: OfferOutcome, at: string): void;
  listPending(): OfferRow[];
}

export interface CustomerPage {
  customers: Customer[];
  next: string | null;
}

export interface CustomerRepository {
  insert(customer: Customer): void;
  get(id: string): Customer | null;
  findByIdentity(identity: CustomerIdentity): Customer | null;
  /** Names matching a LIKE pattern over the accent-free lower-case name (customer-search.ts). */
  searchByName(pattern: string, limit: number): Customer[];
  touch(id: string, at: string): void;
  /** Customers ordered by (updatedAt, id) strictly after the cursor. */
  page(after: string | null, limit: number): CustomerPage;
  count(): number;
  addTimelineEntry(entry: TimelineEntry & { workItemId: string | null }): void;
  timeline(customerId: string): TimelineEntry[];
  /** The customer's follow-ups (migration 007); they live and die with the customer. */
  readonly followUps: FollowUpRepository;
}

export interface FollowUpRepository {
  insert(followUp: FollowUp): void;
  get(id: string): FollowUp | null;
  markDone(id: string, doneBy: string, at: string): void;
  /** Not done yet, oldest due first, undated ones last (then oldest created first). */
  openFor(customerId: string): FollowUp[];
}

export interface EventRepository {
  append(audience: string, at: string, event: HubEvent): number;
  /** Events after `seq` addressed to this user or to everyone, in order. */
  since(userId: string, seq: number): StoredEvent[];
  headSeq(): number;
  /** Highest seq that has been pruned (0 when nothing was); resuming from below it is impossible. */
  prunedThrough(): number;
  prune(olderThan: string, keepLast: number): number;
}

export interface IdempotencyRepository {
  get(userId: string, key: string): { op: string; response: string } | null;
  put(userId: string, key: string, op: string, response: string, at: string): void;
  prune(olderThan: string): void;
}

/** A SIP call known to the voice routing API (migration 006). */
export interface VoiceCallRow {
  callId: string;
  itemId: string;
  /** Offers whose ring ended without an answer: never rung again. */
  failedOffers: string[];
  firstSeenAt: number;
}

export interface VoiceCallRepository {
  get(callId: string): VoiceCallRow | null;
  byItem(itemId: string): VoiceCallRow | null;
  insert(row: VoiceCallRow): void;
  addFailedOffer(callId: string, offerId: string): void;
  /** Forgets calls first seen before `before` (epoch ms); returns their item ids. */
  forgetBefore(before: number): string[];
}

export interface HubStore {
  readonly users: UserRepository;
  readonly presence: PresenceRepository;
  readonly items: WorkItemRepository;
  readonly offers: OfferRepository;
  readonly customers: CustomerRepository;
  readonly events: EventRepository;
  readonly idempotency: IdempotencyRepository;
  /** Web chat visitors, conversations and messages. */
  readonly chat: ChatRepository;
  /** Voice calls (Call-ID → work item) of the voice routing API and the lab SIP proxy. */
  readonly voiceCalls: VoiceCallRepository;
  /** Sign-in sessions and their refresh tokens (migration 009). */
  readonly sessions: SessionRepository;
  /** Email threads, raw and parsed messages, replies and their delivery. */
  readonly email: EmailRepository;
  /** Dashboard counts and the audit log (migration 012). */
  readonly supervision: SupervisionRepository;
  /** Runs fn atomically; nested calls join the outer transaction. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
