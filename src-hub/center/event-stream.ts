/**
 * Publishes hub events: each one is appended to the event log inside the caller's
 * transaction (so state and event commit together), then delivered to live subscribers only
 * after the commit. Delivery order is seq order; a subscriber sees events addressed to its
 * user or to everyone ('*').
 */
import type { HubEvent } from '../../src-common/protocol';
import type { EventRepository, StoredEvent } from '../storage/repositories';

export const EVERYONE = '*';

export interface EventSubscriber {
  userId: string;
  deliver(event: StoredEvent): void;
}

export class EventStream {
  private readonly subscribers = new Set<EventSubscriber>();
  private pending: { audience: string; stored: StoredEvent }[] = [];

  constructor(private readonly repo: EventRepository) {}

  /** Call inside a store transaction. */
  publish(audience: string, event: HubEvent, at: string): void {
    const seq = this.repo.append(audience, at, event);
    this.pending.push({ audience, stored: { seq, at, event } });
  }

  /** After commit: hand the new events to subscribers. */
  flush(): void {
    const batch = this.pending;
    this.pending = [];
    for (const { audience, stored } of batch) {
      for (const sub of this.subscribers) {
        if (audience === EVERYONE || audience === sub.userId) sub.deliver(stored);
      }
    }
  }

  /** After a rollback: the appended rows are gone, so are the pending deliveries. */
  discard(): void {
    this.pending = [];
  }

  subscribe(sub: EventSubscriber): () => void {
    this.subscribers.add(sub);
    return () => this.subscribers.delete(sub);
  }
}
