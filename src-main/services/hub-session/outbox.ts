/**
 * Actions an agent must never lose (wrap-up with disposition and notes, chat messages, notes and
 * follow-ups on a customer, a transfer the hub may have acted on before its answer was lost) are
 * written to the SQLite outbox before anything is sent, then delivered with an idempotency key
 * each. A replay after a lost answer carries the same key, so the hub acts once: exactly once
 * across reconnects and restarts.
 *
 * An entry leaves the outbox only when the hub accepted it. A refusal for good (validation,
 * permission, not found, conflict) keeps it as 'refused' with the hub's reason, for the agent to
 * copy, retry or discard; a transient failure (hub unavailable, rate-limited, internal error,
 * timeout, lost link) keeps it pending and retries with backoff, with no limit.
 *
 * Delivery runs in batches (one round trip carries many entries, see deliverOutbox) so a long
 * offline backlog drains in seconds; entries of one customer or conversation never overtake each
 * other, and an action the agent takes during the drain goes ahead of unrelated backlog.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { OUTBOX_BATCH_MAX, type OutboxBatchEntry, type OutboxOpName } from '../../../src-common/protocol';
import { err, ok, type AppError, type Result } from '../../../src-common/result';
import type { CacheClient } from '../cache/cache-client';
import type { OutboxEntry, OutboxSettlement } from '../cache/cache-methods';
import { DEFAULT_BACKOFF, reconnectDelayMs, type BackoffPolicy } from './backoff';
import type { HubSession } from './hub-session';
import { orderKeyOf, pickBatch, readEntry, refusedActionOf, type BatchLimits } from './outbox-entries';

/** Failures worth retrying later; anything else is the hub's final word on the action. */
const TRANSIENT = new Set<AppError['code']>(['unavailable', 'rate-limited', 'internal', 'unauthenticated']);

/** The hub takes frames up to 256 kB; a batch stays well under it. */
const DEFAULT_LIMITS: BatchLimits = { maxEntries: 100, maxBytes: 160 * 1024 };

export type OutboxOp = OutboxOpName;

export interface OutboxOptions {
  /** Delays between retries after transient failures; default the session's reconnect backoff. */
  backoff?: BackoffPolicy;
  /** Entries per round trip; 1 sends one at a time (the benchmark's baseline). */
  batchSize?: number;
}

type Outcome = { kind: 'delivered' } | { kind: 'refused'; error: AppError } | { kind: 'postponed'; error: AppError };

export class Outbox {
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  /** Callers waiting for the hub's answer to the entry they queued while online. */
  private readonly waiters = new Map<string, (result: Result<null>) => void>();
  private readonly limits: BatchLimits;
  private readonly backoff: BackoffPolicy;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private batchUnsupported = false;

  constructor(
    private readonly cache: CacheClient,
    private readonly session: HubSession,
    private readonly log: Logger,
    options: OutboxOptions = {},
  ) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.limits = { ...DEFAULT_LIMITS, maxEntries: Math.max(1, Math.min(options.batchSize ?? DEFAULT_LIMITS.maxEntries, OUTBOX_BATCH_MAX)) };
  }

  /**
   * Queues an action. Online, it waits for the hub's answer (so a refusal reaches the agent);
   * offline, or if the link drops meanwhile, it answers ok: the action is safe on disk.
   */
  async submit<K extends OutboxOp>(op: K, params: unknown): Promise<Result<null>> {
    const scope = this.session.scope;
    if (!scope) return err('unauthenticated', 'Sign in first.');
    const key = randomUUID();
    const added = await this.cache.call('outboxAdd', { key, scope, op, params });
    if (!added.ok) return err('unavailable', 'Could not save the action locally; it was not sent.');
    // Only the count changed; listing a long backlog on every write would slow offline typing.
    const count = await this.cache.call('outboxCount', { scope });
    if (count.ok) this.session.setOutboxPending(count.value.count);
    if (!this.session.isOnline) return ok(null);
    const answered = new Promise<Result<null>>((resolve) => this.waiters.set(key, resolve));
    void this.flush().then(() => this.settleWaiter(key, ok(null)));
    return answered;
  }

  /** Puts a refused entry back in line at its place, under a fresh key, and sends it. */
  async retry(key: string): Promise<Result<null>> {
    const scope = this.session.scope;
    if (!scope) return err('unauthenticated', 'Sign in first.');
    const requeued = await this.cache.call('outboxRequeue', { scope, key, newKey: randomUUID() });
    if (!requeued.ok) return err('unavailable', 'The local outbox is not available right now.');
    if (!requeued.value) return err('not-found', 'This action is no longer waiting to be sent.');
    this.log.info({ key, newKey: requeued.value.key, op: requeued.value.op }, 'refused outbox entry queued again');
    await this.refreshCount();
    void this.flush();
    return ok(null);
  }

  async discard(key: string): Promise<Result<null>> {
    const scope = this.session.scope;
    if (!scope) return err('unauthenticated', 'Sign in first.');
    const discarded = await this.cache.call('outboxDiscard', { scope, key });
    if (!discarded.ok) return err('unavailable', 'The local outbox is not available right now.');
    if (!discarded.value.discarded) return err('not-found', 'This action is no longer waiting to be sent.');
    this.log.info({ key }, 'refused outbox entry discarded by the agent');
    await this.refreshCount();
    void this.flush();
    return ok(null);
  }

  /** Sends what is queued for the signed-in user; one flush at a time. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.clearRetry();
    this.flushing = (async () => {
      do {
        this.flushAgain = false;
        await this.flushOnce();
      } while (this.flushAgain && this.session.isOnline);
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Tells the view how many entries wait and which ones the hub refused. */
  async refreshCount(): Promise<void> {
    const scope = this.session.scope;
    if (!scope) return;
    const list = await this.cache.call('outboxList', { scope });
    if (!list.ok) return;
    this.publish(list.value);
  }

  stop(): void {
    this.clearRetry();
  }

  private publish(entries: readonly OutboxEntry[]): void {
    this.session.setOutboxPending(entries.filter((e) => e.status === 'pending').length);
    this.session.setOutboxRefused(entries.filter((e) => e.status === 'refused').map(refusedActionOf));
  }

  /** Round trips until nothing sendable is left or the link is gone. */
  private async flushOnce(): Promise<void> {
    const scope = this.session.scope;
    if (!scope) return;
    const stalled = new Set<string>();
    let list: OutboxEntry[] = [];
    while (this.session.isOnline && this.session.scope === scope) {
      const loaded = await this.cache.call('outboxList', { scope });
      if (!loaded.ok) return;
      list = loaded.value;
      this.publish(list);
      const batch = pickBatch(list, new Set(this.waiters.keys()), stalled, this.limits);
      if (batch.length === 0) break;
      const outcomes = await this.send(batch);
      if (!outcomes) break;
      await this.settle(batch, outcomes, stalled);
    }
    this.publish(await this.listOr(scope, list));
    if (stalled.size > 0 && this.session.isOnline) this.scheduleRetry();
    else if (stalled.size === 0) this.failures = 0;
  }

  private async listOr(scope: string, fallback: OutboxEntry[]): Promise<OutboxEntry[]> {
    const loaded = await this.cache.call('outboxList', { scope });
    return loaded.ok ? loaded.value : fallback;
  }

  /** One round trip; null when the link is gone (every entry stays as it is). */
  private async send(batch: OutboxEntry[]): Promise<Outcome[] | null> {
    const readable = batch.map((entry) => ({ entry, read: readEntry(entry) }));
    const sendable: OutboxBatchEntry[] = [];
    for (const { entry, read } of readable) if (read) sendable.push({ key: entry.key, op: read.op, params: read.params, orderKey: orderKeyOf(entry) });
    let answers: Result<unknown>[] = [];
    if (sendable.length > 0) {
      const answered = await this.request(sendable);
      if (!answered) return null;
      answers = answered;
    }
    let next = 0;
    return readable.map(({ read }): Outcome => {
      // Written by a version whose ops or params this one cannot send: kept for the agent, never dropped.
      if (!read) return { kind: 'refused', error: { code: 'bad-request', message: 'This desktop version cannot send this saved action.' } };
      const answer = answers[next++] ?? err('internal', 'The hub did not answer for this action.');
      if (answer.ok) return { kind: 'delivered' };
      return TRANSIENT.has(answer.error.code) ? { kind: 'postponed', error: answer.error } : { kind: 'refused', error: answer.error };
    });
  }

  /** The hub's answer per entry, by a batch or (older hub, or a batch that failed as a whole) one by one. */
  private async request(entries: OutboxBatchEntry[]): Promise<Result<unknown>[] | null> {
    if (entries.length > 1 && !this.batchUnsupported) {
      const result = await this.session.request('deliverOutbox', { entries });
      if (result.ok) return result.value.results;
      if (!this.session.isOnline) return null;
      // A hub without the batch op says so once; a batch that failed as a whole goes one by one.
      if (result.error.code === 'bad-request') this.batchUnsupported = true;
      this.log.info({ error: result.error, entries: entries.length }, 'outbox batch not taken; sending its entries one by one');
    }
    const answers: Result<unknown>[] = [];
    const stalled = new Set<string>();
    for (const entry of entries) {
      if (stalled.has(entry.orderKey)) {
        answers.push(err('unavailable', 'Held behind an earlier action on the same customer or conversation.'));
        continue;
      }
      const answer = await this.session.request(entry.op, entry.params as never, entry.key);
      if (!answer.ok && !this.session.isOnline) return answers.length > 0 ? [...answers, ...entries.slice(answers.length).map(() => answer)] : null;
      if (!answer.ok) stalled.add(entry.orderKey);
      answers.push(answer);
    }
    return answers;
  }

  private async settle(batch: OutboxEntry[], outcomes: Outcome[], stalled: Set<string>): Promise<void> {
    const settlement: OutboxSettlement = { delivered: [], refused: [], postponed: [] };
    const answers: Array<[string, Result<null>]> = [];
    batch.forEach((entry, i) => {
      const outcome = outcomes[i];
      if (!outcome) return;
      if (outcome.kind === 'delivered') {
        settlement.delivered.push(entry.key);
        answers.push([entry.key, ok(null)]);
      } else if (outcome.kind === 'refused') {
        this.log.warn({ key: entry.key, op: entry.op, error: outcome.error }, 'hub refused an outbox entry; kept as not sent');
        settlement.refused.push({ key: entry.key, code: outcome.error.code, message: outcome.error.message });
        answers.push([entry.key, { ok: false, error: outcome.error }]);
      } else {
        this.log.info({ key: entry.key, op: entry.op, error: outcome.error }, 'outbox delivery postponed');
        settlement.postponed.push(entry.key);
        stalled.add(orderKeyOf(entry));
      }
    });
    if (settlement.delivered.length > 0) this.log.info({ delivered: settlement.delivered.length }, 'outbox entries delivered');
    const saved = await this.cache.call('outboxSettle', settlement);
    if (!saved.ok) this.log.error({ error: saved.error }, 'could not record outbox answers; they will be replayed under the same keys');
    for (const [key, result] of answers) this.settleWaiter(key, result);
  }

  private settleWaiter(key: string, result: Result<null>): void {
    const waiter = this.waiters.get(key);
    this.waiters.delete(key);
    waiter?.(result);
  }

  private scheduleRetry(): void {
    this.clearRetry();
    const delay = reconnectDelayMs(this.failures, this.backoff);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, delay);
    this.retryTimer.unref?.();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
