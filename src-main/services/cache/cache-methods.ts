/**
 * The cache's API, typed by method name. The worker implements it over SQLite; the main
 * thread calls it through CacheClient and gets Result values back, never exceptions.
 */
import type { Customer, CustomerContext, CustomerIdentity } from '../../../src-common/domain';
import type { EmailDraft } from '../../../src-common/email-draft';
import type { AppError, Result } from '../../../src-common/result';

export interface OutboxEntry {
  seq: number;
  /** Idempotency key sent with the request, so a replay after a lost answer acts once. */
  key: string;
  /** Hub URL + user id: an action belongs to whoever took it, on the hub they took it on. */
  scope: string;
  op: string;
  params: unknown;
  createdAt: string;
  attempts: number;
  /** 'refused': the hub said no for good; kept for the agent to copy, retry or discard. */
  status: 'pending' | 'refused';
  refusal: { code: AppError['code']; message: string; at: string } | null;
}

/** What one outbox round trip settled, written in one transaction. */
export interface OutboxSettlement {
  /** Accepted by the hub: removed. */
  delivered: string[];
  /** Refused for good: kept with the hub's reason. */
  refused: Array<{ key: string; code: AppError['code']; message: string }>;
  /** Tried without an answer that settles them (transient): their attempt count grows. */
  postponed: string[];
}

export interface SessionRecord {
  lastSeq: number;
  state: unknown;
}

export interface CacheMethods {
  getCustomerContext(args: { customerId: string }): CustomerContext | null;
  findCustomer(args: { identity: CustomerIdentity }): CustomerContext | null;
  /** Cached customers by name, phone or email (src-common/customer-search.ts). */
  searchCustomers(args: { query: string; limit: number }): Customer[];
  putCustomerContexts(args: { contexts: CustomerContext[] }): { stored: number };
  countCustomers(args: Record<string, never>): { count: number };
  loadSession(args: { scope: string }): SessionRecord | null;
  saveSession(args: { scope: string; lastSeq: number; state: unknown }): null;
  outboxAdd(args: { key: string; scope: string; op: string; params: unknown }): OutboxEntry;
  outboxList(args: { scope: string }): OutboxEntry[];
  outboxCount(args: { scope: string }): { count: number };
  outboxRemove(args: { key: string }): null;
  outboxSettle(args: OutboxSettlement): null;
  /** A refused entry back in line at its place, under a fresh idempotency key; null when it is not (or no longer) refused. */
  outboxRequeue(args: { scope: string; key: string; newKey: string }): OutboxEntry | null;
  /** Removes a refused entry the agent let go; false when there was none. */
  outboxDiscard(args: { scope: string; key: string }): { discarded: boolean };
  /** The reply being written for an item, as last saved. */
  draftGet(args: { scope: string; itemId: string }): EmailDraft | null;
  draftSave(args: { scope: string; draft: EmailDraft }): null;
  draftDelete(args: { scope: string; itemId: string }): null;
  /** Checkpoints and closes the database; the worker is ended right after. */
  close(args: Record<string, never>): null;
}

export type CacheMethodName = keyof CacheMethods;
export type CacheArgs<K extends CacheMethodName> = Parameters<CacheMethods[K]>[0];
export type CacheReturn<K extends CacheMethodName> = ReturnType<CacheMethods[K]>;

/** Messages between CacheClient (main thread) and the worker. */
export type CacheRequestMessage = { id: number; method: CacheMethodName; args: unknown };
export type CacheResponseMessage = { id: number; result: Result<unknown> };
export type CacheReadyMessage = { type: 'ready'; movedAside: string | null; reason: string | null } | { type: 'failed'; error: AppError };

/**
 * Timeline newest first (ties by id), open follow-ups oldest due first (undated last; ties keep
 * the hub's order, which is the order they were written), whatever order the hub or SQLite produced.
 */
export function orderTimeline(context: CustomerContext): CustomerContext {
  const timeline = [...context.timeline].sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
  if (!context.followUps) return { customer: context.customer, timeline };
  const followUps = context.followUps
    .filter((f) => f.doneAt === null)
    .sort((a, b) => dueOrder(a.dueAt, b.dueAt) || a.createdAt.localeCompare(b.createdAt));
  return { customer: context.customer, timeline, followUps };
}

function dueOrder(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return Date.parse(a) - Date.parse(b);
}
