/**
 * The contact center's one-shot timers (offer expiry, each item's wrap-up deadline, event
 * pruning), keyed so that re-arming replaces and stopping cancels them all at once.
 * Driven by the injectable Clock, so tests move time by hand.
 */
import type { Clock, TimerHandle } from '../clock';

export class DeadlineTimers {
  private readonly timers = new Map<string, { at: number; handle: TimerHandle }>();

  constructor(private readonly clock: Clock) {}

  /** Arms `key` to fire at `at` (epoch ms); re-arming for the same moment keeps the timer. */
  arm(key: string, at: number, fire: () => void): void {
    const current = this.timers.get(key);
    if (current?.at === at) return;
    current?.handle.cancel();
    const handle = this.clock.setTimer(at - this.clock.now(), () => {
      this.timers.delete(key);
      fire();
    });
    this.timers.set(key, { at, handle });
  }

  isArmed(key: string): boolean {
    return this.timers.has(key);
  }

  cancel(key: string): void {
    this.timers.get(key)?.handle.cancel();
    this.timers.delete(key);
  }

  cancelAll(): void {
    for (const timer of this.timers.values()) timer.handle.cancel();
    this.timers.clear();
  }
}
