/**
 * Customer context for the screen pop: the cache answers at once, the hub's fresher copy
 * follows as a 'customer' event and is stored. Offers prefetch their customer so the pop is
 * already warm when the agent looks.
 */
import type { Logger } from 'pino';
import type { Customer, CustomerContext } from '../../src-common/domain';
import type { CustomerContextResult } from '../../src-common/ipc';
import type { HubOpResult } from '../../src-common/protocol';
import { ok, type Result } from '../../src-common/result';
import type { CacheClient } from './cache/cache-client';
import { orderTimeline } from './cache/cache-methods';
import type { HubSession } from './hub-session/hub-session';

/**
 * An offer prefetches its customer and the screen pop asks a moment later: that ask is served by
 * the prefetch (one hub fetch per offer), if it comes within this long. Every other ask fetches.
 */
const PREFETCH_SERVES_MS = 10_000;

export class CustomerContextService {
  /** One hub fetch per customer at a time: an offer storm must not become a request storm. */
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Customers an offer prefetched, and when: the next ask for them is already answered. */
  private readonly prefetchedAt = new Map<string, number>();
  /** Customers asked for again while their fetch was running. */
  private readonly again = new Set<string>();

  constructor(
    private readonly cache: CacheClient | null,
    private readonly session: HubSession,
    private readonly log: Logger,
    private readonly publish: (context: CustomerContext) => void,
    private readonly now: () => number = Date.now,
  ) {}

  async fromCache(customerId: string): Promise<Result<CustomerContextResult>> {
    const cached = this.cache ? await this.cache.call('getCustomerContext', { customerId }) : null;
    const prefetched = this.prefetchedAt.get(customerId);
    this.prefetchedAt.delete(customerId);
    if (prefetched === undefined || this.now() - prefetched > PREFETCH_SERVES_MS) void this.refresh(customerId);
    // The offer's prefetch answers this ask: still running, it publishes when done; done, the
    // cache holds what it fetched, and the window gets it as its `customer` event.
    else if (!this.inFlight.has(customerId) && cached?.ok && cached.value) {
      const context = cached.value;
      queueMicrotask(() => this.publish(context));
    }
    return ok({ context: cached?.ok ? cached.value : null, source: 'cache' });
  }

  /** An offer's prefetch: fetches now, and the screen pop's ask that follows reuses it. */
  prefetch(customerId: string): Promise<void> {
    this.prefetchedAt.set(customerId, this.now());
    return this.refresh(customerId);
  }

  /** Fetches from the hub, stores, and pushes the fresh context; errors are logged, not thrown. */
  refresh(customerId: string): Promise<void> {
    const running = this.inFlight.get(customerId);
    if (running) {
      // The hub may have changed the customer after that fetch left: fetch once more after it,
      // however many changes came meanwhile, so the last change is never missed.
      this.again.add(customerId);
      return running;
    }
    const task = (async () => {
      do {
        this.again.delete(customerId);
        await this.fetchAndPublish(customerId);
      } while (this.again.has(customerId));
    })().finally(() => this.inFlight.delete(customerId));
    this.inFlight.set(customerId, task);
    return task;
  }

  private async fetchAndPublish(customerId: string): Promise<void> {
    const fresh = await this.session.request('getCustomer', { customerId });
    if (!fresh.ok) {
      this.log.debug({ customerId, error: fresh.error }, 'customer refresh from the hub failed');
      return;
    }
    const context = orderTimeline(fresh.value);
    const stored = await this.cache?.call('putCustomerContexts', { contexts: [context] });
    if (stored && !stored.ok) this.log.warn({ customerId, error: stored.error }, 'could not cache customer');
    this.publish(context);
  }

  /**
   * Customers by name, phone or email: the cache first (instant, and all there is offline), then
   * the hub's answer for customers not cached yet, cached ones first, at most `limit`.
   */
  async search(query: string, limit: number): Promise<Result<Customer[]>> {
    const cached = this.cache ? await this.cache.call('searchCustomers', { query, limit }) : null;
    const found = new Map((cached?.ok ? cached.value : []).map((c) => [c.id, c]));
    if (found.size < limit && this.session.isOnline) {
      const fromHub = await this.session.request('searchCustomers', { query, limit });
      if (!fromHub.ok) this.log.debug({ error: fromHub.error }, 'customer search on the hub failed; cache results only');
      else for (const customer of fromHub.value) if (!found.has(customer.id)) found.set(customer.id, customer);
    }
    return ok([...found.values()].slice(0, limit));
  }

  /** Fills the cache in the background after login, page by page, until the hub has no more. */
  async warm(pageSize = 500, maxPages = 200): Promise<void> {
    if (!this.cache) return;
    let after: string | null = null;
    for (let page = 0; page < maxPages && this.session.isOnline; page += 1) {
      const result: Result<HubOpResult<'syncCustomers'>> = await this.session.request('syncCustomers', { after, limit: pageSize });
      if (!result.ok) {
        // Signed out meanwhile (or the services are closing, log included): nothing to report.
        if (!this.session.scope) return;
        this.log.info({ error: result.error }, 'cache warm-up stopped');
        return;
      }
      const stored = await this.cache.call('putCustomerContexts', { contexts: result.value.customers.map(orderTimeline) });
      if (!stored.ok) return;
      after = result.value.next;
      if (!after) {
        this.log.info({ pages: page + 1 }, 'customer cache warmed');
        return;
      }
    }
  }
}
