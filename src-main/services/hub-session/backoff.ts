/**
 * The desktop's reconnect policy toward the hub (the schedule itself is src-common/backoff.ts).
 * A 5 s cap: an agent waits at most 2.5-5 s after the hub returns; with equal jitter, even
 * thousands of desktops retrying spread over those 2.5 s.
 */
import { backoffDelayMs, type BackoffPolicy } from '../../../src-common/backoff';

export type { BackoffPolicy } from '../../../src-common/backoff';

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 5_000 };

/** Delay before reconnect attempt number `attempt` (0 for the first retry). */
export function reconnectDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  return backoffDelayMs(attempt, policy, random);
}
