/**
 * The one retry schedule every reconnecting part uses (the desktop's hub link and outbox, the
 * renderer's bridge to main, the phone's SIP transport, the customer's chat widget): capped
 * exponential steps, so a server that is down is not hammered and a client is back within
 * seconds of it returning, times a random factor, so the thousands of clients that lost the
 * same server at the same moment do not all knock again at the same moment. Each part keeps
 * only its own numbers (a policy); the arithmetic lives here once.
 */
export interface BackoffPolicy {
  /** The first retry's step. */
  initialMs: number;
  /** No step grows past this (the random factor applies on top). */
  maxMs: number;
  /**
   * The delay is the step times a factor drawn from [low, high]. The default [0.5, 1] ("equal
   * jitter") never collapses to ~0 and never exceeds the cap.
   */
  spread?: readonly [low: number, high: number];
}

const EQUAL_JITTER: readonly [number, number] = [0.5, 1];
/** 2^30 steps is past any cap; clamping keeps the arithmetic finite for absurd attempt counts. */
const MAX_DOUBLINGS = 30;

/** Delay before retry number `attempt` (0 = the first retry); `random` returns [0, 1]. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const doublings = Math.max(0, Math.min(Math.floor(attempt), MAX_DOUBLINGS));
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** doublings);
  const [low, high] = policy.spread ?? EQUAL_JITTER;
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(step * (low + (high - low) * r));
}
