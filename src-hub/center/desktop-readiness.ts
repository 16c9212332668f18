/**
 * An agent's readiness follows the desktop that shows the work and holds the phone. A desktop
 * reports what keeps it from taking work (no window, phone not registered, no microphone, no
 * speaker); a socket alone is
 * not enough, since a web-mode desktop's services stay connected after its tab is closed.
 *
 * Rule: while a Ready agent's desktop reports a problem, a grace period runs (config
 * `readinessGraceSeconds`, long enough for a reload or a SIP re-registration); if the problem is
 * still there when it ends, the hub sets the agent Not Ready with a system reason the desktop
 * shows ("desktop closed", "phone offline", "microphone unavailable", "speaker unavailable"), which returns their
 * pending offer to the queue. When the desktop reports the fault gone, an agent the hub set aside
 * is Ready again, unless they chose another state meanwhile. Meanwhile an offer is never accepted
 * from that desktop. A desktop that never reported counts as able (older desktops, test tools).
 * A phone the SIP server could not reach at all (no reply to a ring) sets the agent aside at once,
 * with the same reason and the same way back (`phoneNotReached`).
 */
import { DESKTOP_CLOSED_REASON, MICROPHONE_REASON, PHONE_OFFLINE_REASON, SPEAKER_REASON, type DesktopReadiness, type ReadinessProblem } from '../../src-common/domain';
import type { Clock } from '../clock';
import type { HubLogger } from '../log';
import { DeadlineTimers } from './deadline-timers';

export interface SystemNotReady {
  /** Sets a Ready agent Not Ready with a hub-chosen reason; false when they were not Ready. */
  setSystemNotReady(userId: string, reasonCode: string): boolean;
  /** Back to Ready, if the agent is still Not Ready for a readiness reason the hub set; false otherwise. */
  restoreReady(userId: string): boolean;
}

/** The reason the agent sees for a problem, the one they can act on first. */
function reasonFor(problems: readonly ReadinessProblem[]): string {
  if (problems.includes('no-window')) return DESKTOP_CLOSED_REASON;
  if (problems.includes('microphone-unavailable')) return MICROPHONE_REASON;
  if (problems.includes('speaker-unavailable')) return SPEAKER_REASON;
  return PHONE_OFFLINE_REASON;
}

export class DesktopReadinessTracker {
  private readonly reports = new Map<string, DesktopReadiness>();
  /** When each desktop last reported its faults gone (say, its phone registered again). */
  private readonly clearedAt = new Map<string, number>();
  private readonly timers: DeadlineTimers;
  /** Set by stop(): a report that arrives while the hub shuts down must not arm a timer that outlives its storage. */
  private stopped = false;

  constructor(
    private readonly center: SystemNotReady,
    private readonly clock: Clock,
    private readonly graceMs: number,
    private readonly log: HubLogger,
  ) {
    this.timers = new DeadlineTimers(clock);
  }

  report(userId: string, readiness: DesktopReadiness): void {
    const before = this.reports.get(userId);
    this.reports.set(userId, readiness);
    if (readiness.problems.length > 0) return void this.armGrace(userId);
    if (before && before.problems.length > 0) this.clearedAt.set(userId, this.clock.now());
    this.timers.cancel(userId);
    // Ready again only if the hub set them aside (they were Ready) and they have not chosen
    // otherwise since: their presence still carries the readiness reason, even across a restart.
    if (this.center.restoreReady(userId)) this.log.info({ userId }, 'agent back to ready: their desktop can take work again');
  }

  /**
   * The agent chose Ready: if their desktop still reports a problem (say the phone never
   * registered), a new grace period starts, or they would sit Ready with offers they cannot take.
   */
  choseReady(userId: string): void {
    if (!this.canTakeWork(userId)) this.armGrace(userId);
  }

  /**
   * The SIP server rang this agent's phone and heard nothing back, not even a 100 Trying: its
   * connection leads nowhere (a network that changed under an idle phone, which the phone itself
   * notices only at its next connection check). The agent is set aside at once, as for a phone
   * that is not registered, so the call goes to the next agent instead of ringing out the offer
   * (not a missed offer); they are Ready again when their desktop reports the phone back. A
   * desktop that reported its faults gone since the ring began has recovered already: left alone.
   */
  phoneNotReached(userId: string, ringStartedAt: number): boolean {
    const cleared = this.clearedAt.get(userId);
    if (cleared !== undefined && cleared >= ringStartedAt) return false;
    return this.center.setSystemNotReady(userId, PHONE_OFFLINE_REASON);
  }

  private armGrace(userId: string): void {
    if (this.stopped) return;
    // Keep a running grace period: repeated reports of a problem must not postpone it.
    if (this.timers.isArmed(userId)) return;
    this.timers.arm(userId, this.clock.now() + this.graceMs, () => this.graceEnded(userId));
  }

  /** Whether this agent's desktop can show an offer and play its audio now. */
  canTakeWork(userId: string): boolean {
    return (this.reports.get(userId)?.problems.length ?? 0) === 0;
  }

  stop(): void {
    this.stopped = true;
    this.timers.cancelAll();
  }

  private graceEnded(userId: string): void {
    const problems = this.reports.get(userId)?.problems ?? [];
    if (problems.length === 0) return;
    const reason = reasonFor(problems);
    if (this.center.setSystemNotReady(userId, reason)) {
      this.log.info({ userId, problems }, 'agent set not ready: their desktop cannot take work');
    }
  }
}
