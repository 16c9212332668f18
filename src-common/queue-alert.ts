/**
 * When a queue tile turns red: the longest wait ran past the queue's acceptable wait, or the
 * service level fell below its goal. The wait runs on between dashboards (the hub only sends
 * when figures change), so the rule takes the hub's "now" rather than the dashboard's time.
 */
import type { QueueStats } from './supervisor';

export interface QueueAlert {
  overWait: boolean;
  belowTarget: boolean;
}

type AlertFigures = Pick<QueueStats, 'oldestSince' | 'maxWaitSeconds' | 'serviceLevel' | 'serviceLevelTarget'>;

/** Whole seconds the longest-waiting item has waited at `hubNowMs`; 0 when nobody waits. */
export function longestWaitSeconds(oldestSince: string | null, hubNowMs: number): number {
  if (oldestSince === null) return 0;
  const since = Date.parse(oldestSince);
  return Number.isNaN(since) ? 0 : Math.max(0, Math.floor((hubNowMs - since) / 1000));
}

export function queueAlert(queue: AlertFigures, hubNowMs: number): QueueAlert {
  return {
    overWait: longestWaitSeconds(queue.oldestSince, hubNowMs) > queue.maxWaitSeconds,
    // No service level yet (nothing answered or abandoned today) is not a failure.
    belowTarget: queue.serviceLevel !== null && queue.serviceLevel < queue.serviceLevelTarget,
  };
}

export function isAlert(alert: QueueAlert): boolean {
  return alert.overWait || alert.belowTarget;
}

/**
 * The queues that are alerting now and were not before: each is announced once when it turns
 * red, not again on every tick or dashboard while it stays red.
 */
export function newlyAlerting(before: ReadonlySet<string>, now: ReadonlySet<string>): string[] {
  return [...now].filter((id) => !before.has(id));
}
