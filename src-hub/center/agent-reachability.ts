/**
 * An agent whose desktop is gone must stop receiving offers. Without this, a Ready agent who
 * shuts the laptop keeps being offered work that expires one offer at a time (maxMissedOffers
 * customers each wait a full offer timeout) before "missed" takes them out.
 *
 * Rule: when an agent's last desktop socket closes (or the hub starts and they have not
 * reconnected), a grace period runs (config `disconnectGraceSeconds`, so a flaky home network
 * or a reload does not cost their place). If no desktop is back when it ends, the agent goes
 * Offline as if they had chosen it; pending offers return to the queue. An agent still holding
 * work (a chat, a call in wrap-up) keeps it and is checked again after another grace period,
 * since offline is not allowed while holding work.
 */
import type { Clock } from '../clock';
import type { HubLogger } from '../log';
import type { ContactCenter } from './contact-center';
import { DeadlineTimers } from './deadline-timers';

export class AgentReachability {
  private readonly sockets = new Map<string, number>();
  private readonly timers: DeadlineTimers;
  /** Sockets still close after the hub stopped; their timers must not outlive the store. */
  private stopped = false;

  constructor(
    private readonly center: Pick<ContactCenter, 'markUnreachable'>,
    private readonly clock: Clock,
    private readonly graceMs: number,
    private readonly log: HubLogger,
  ) {
    this.timers = new DeadlineTimers(clock);
  }

  /** At hub start: nobody is connected yet; these agents get one grace period to come back. */
  expectReconnect(agentIds: readonly string[]): void {
    for (const id of agentIds) if (!this.sockets.get(id)) this.armGrace(id);
  }

  socketOpened(userId: string): void {
    this.sockets.set(userId, (this.sockets.get(userId) ?? 0) + 1);
    this.timers.cancel(userId);
  }

  socketClosed(userId: string): void {
    const left = Math.max(0, (this.sockets.get(userId) ?? 0) - 1);
    if (left > 0) return void this.sockets.set(userId, left);
    this.sockets.delete(userId);
    this.armGrace(userId);
  }

  stop(): void {
    this.stopped = true;
    this.timers.cancelAll();
  }

  private armGrace(userId: string): void {
    if (this.graceMs <= 0 || this.stopped) return;
    this.timers.arm(userId, this.clock.now() + this.graceMs, () => {
      if (this.sockets.get(userId)) return;
      const outcome = this.center.markUnreachable(userId);
      if (outcome === 'holding-work') this.armGrace(userId);
      else if (outcome === 'offline') this.log.info({ userId }, 'agent set offline: no desktop connected after the grace period');
    });
  }
}
