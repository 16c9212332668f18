/**
 * Reconnect delays: exponential growth so a hub that is down is not hammered, a cap so an
 * agent is back within seconds once it returns, and jitter so hundreds of desktops that lost
 * the hub at the same moment do not all knock again at the same moment.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

// A 5 s cap: an agent waits at most 2.5-5 s after the hub returns; with equal jitter, even
// thousands of desktops retrying spread over those 2.5 s.
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 5_000 };

/**
 * Delay before reconnect attempt number `attempt` (0 for the first retry). "Equal jitter":
 * half of the exponential step is fixed, half is random, so the delay never collapses to ~0.
 */
export function reconnectDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const safeAttempt = Math.max(0, Math.min(attempt, 30));
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** safeAttempt);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (step / 2) * jitter);
}
