/**
 * Actions an agent must never lose (wrap-up with disposition and notes, chat messages, notes and
 * follow-ups on a customer, a transfer the hub may have acted on before its answer was lost) are written
 * to the SQLite outbox before anything is sent, then delivered in order with an idempotency
 * key, and removed only once the hub has answered. A replay after a lost answer carries the
 * same key, so the hub acts once: exactly once across reconnects and restarts.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { HUB_OP_NAMES, HubOps, type HubOpName } from '../../../src-common/protocol';
import { err, ok, type AppError, type Result } from '../../../src-common/result';
import type { CacheClient } from '../cache/cache-client';
import type { OutboxEntry } from '../cache/cache-methods';
import type { HubSession } from './hub-session';

/** Errors worth retrying later; anything else is the hub's final word on the action. */
const TRANSIENT = new Set<AppError['code']>(['unavailable', 'rate-limited', 'internal']);
/** An action the hub keeps failing with 'internal' must not block the queue forever. */
const MAX_ATTEMPTS = 20;

export type OutboxOp = Extract<HubOpName, 'wrapUp' | 'sendChatMessage' | 'addCustomerNote' | 'addFollowUp' | 'completeFollowUp' | 'transferWork'>;

export class Outbox {
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  /** Callers waiting for the hub's answer to the entry they queued while online. */
  private readonly waiters = new Map<string, (result: Result<null>) => void>();

  constructor(
    private readonly cache: CacheClient,
    private readonly session: HubSession,
    private readonly log: Logger,
  ) {}

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
    await this.refreshCount();
    if (!this.session.isOnline) return ok(null);
    const answered = new Promise<Result<null>>((resolve) => this.waiters.set(key, resolve));
    await this.flush();
    const waiter = this.waiters.get(key);
    if (waiter) {
      // Still queued (link dropped mid-way): the outbox owns it now.
      this.waiters.delete(key);
      return ok(null);
    }
    return answered;
  }

  /** Sends what is queued for the signed-in user, in order; one flush at a time. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
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

  async refreshCount(): Promise<void> {
    const scope = this.session.scope;
    if (!scope) return;
    const count = await this.cache.call('outboxCount', { scope });
    if (count.ok) this.session.setOutboxPending(count.value.count);
  }

  private async flushOnce(): Promise<void> {
    const scope = this.session.scope;
    if (!scope || !this.session.isOnline) return;
    const entries = await this.cache.call('outboxList', { scope });
    if (!entries.ok) return;
    for (const entry of entries.value) {
      const delivered = await this.deliver(entry);
      if (!delivered) break;
    }
    await this.refreshCount();
  }

  /** Returns false when delivery must stop for now (hub unreachable): order is kept. */
  private async deliver(entry: OutboxEntry): Promise<boolean> {
    const op = HUB_OP_NAMES.find((name) => name === entry.op);
    const params = op ? HubOps[op].params.safeParse(entry.params) : null;
    if (!op || !params?.success) {
      this.log.error({ key: entry.key, op: entry.op }, 'dropped an outbox entry this version cannot send');
      await this.finish(entry, err('bad-request', 'A saved action could not be sent and was discarded.'));
      return true;
    }
    await this.cache.call('outboxRecordAttempt', { key: entry.key });
    const result = await this.session.request(op, params.data as never, entry.key);
    if (result.ok) {
      this.log.info({ key: entry.key, op }, 'outbox entry delivered');
      await this.finish(entry, ok(null));
      return true;
    }
    if (TRANSIENT.has(result.error.code) && entry.attempts + 1 < MAX_ATTEMPTS) {
      this.log.info({ key: entry.key, op, error: result.error }, 'outbox delivery postponed');
      return false;
    }
    this.log.warn({ key: entry.key, op, error: result.error }, 'hub refused an outbox entry');
    const refused: AppError = { code: result.error.code, message: `The hub refused a saved ${describeOp(op)}: ${result.error.message}` };
    await this.finish(entry, { ok: false, error: refused });
    if (!this.waiters.has(entry.key)) this.session.setLastError(refused);
    return true;
  }

  private async finish(entry: OutboxEntry, result: Result<null>): Promise<void> {
    await this.cache.call('outboxRemove', { key: entry.key });
    const waiter = this.waiters.get(entry.key);
    this.waiters.delete(entry.key);
    waiter?.(result);
  }
}

const OP_DESCRIPTIONS: Partial<Record<HubOpName, string>> = {
  wrapUp: 'wrap-up',
  sendChatMessage: 'chat message',
  addCustomerNote: 'customer note',
  addFollowUp: 'follow-up',
  completeFollowUp: 'follow-up completion',
  transferWork: 'transfer',
};

function describeOp(op: HubOpName): string {
  return OP_DESCRIPTIONS[op] ?? op;
}
