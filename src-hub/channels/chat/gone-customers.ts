/**
 * Customers who left the queue without saying so. A widget says "leave" only when the customer
 * ends the chat; one whose tab was closed, whose laptop was shut or whose connection died just
 * goes quiet, and its chat would wait in queue for good, to be offered to an agent who finds
 * nobody there (and to swell the queue's waiting figures meanwhile). A customer whose widget has
 * been gone for the grace has left: the chat is abandoned. A widget back in time (the next page
 * of the site, a reconnect) keeps its place. Only chats still waiting: one an agent took is
 * theirs to close.
 */
import type { Clock, TimerHandle } from '../../clock';

export interface GoneCustomerDeps {
  clock: Clock;
  graceMs: number;
  /** True while no agent has taken the conversation. */
  stillWaiting(conversationId: string): boolean;
  /** The customer left: close the conversation and abandon its item. */
  leave(conversationId: string): void;
}

export class GoneCustomerWatch {
  private readonly timers = new Map<string, TimerHandle>();
  private stopped = false;

  constructor(private readonly deps: GoneCustomerDeps) {}

  /** A widget of this conversation is connected. */
  present(conversationId: string): void {
    this.timers.get(conversationId)?.cancel();
    this.timers.delete(conversationId);
  }

  /** No widget of this conversation is connected any more (or none came back after a restart). */
  gone(conversationId: string): void {
    if (this.stopped || this.timers.has(conversationId) || !this.deps.stillWaiting(conversationId)) return;
    this.timers.set(
      conversationId,
      this.deps.clock.setTimer(this.deps.graceMs, () => {
        this.timers.delete(conversationId);
        if (this.deps.stillWaiting(conversationId)) this.deps.leave(conversationId);
      }),
    );
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }
}
