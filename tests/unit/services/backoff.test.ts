import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '../../../src-main/services/hub-session/backoff';

describe('reconnect backoff', () => {
  const policy = { initialMs: 500, maxMs: 10_000 };

  it('starts near half a second and doubles per attempt', () => {
    expect(reconnectDelayMs(0, policy, () => 0)).toBe(250);
    expect(reconnectDelayMs(0, policy, () => 1)).toBe(500);
    expect(reconnectDelayMs(1, policy, () => 1)).toBe(1000);
    expect(reconnectDelayMs(3, policy, () => 1)).toBe(4000);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    for (const attempt of [5, 10, 50, 1000]) expect(reconnectDelayMs(attempt, policy, () => 1)).toBeLessThanOrEqual(10_000);
  });

  it('spreads clients apart with jitter but never drops to zero', () => {
    const delays = new Set([0, 0.25, 0.5, 0.75, 1].map((r) => reconnectDelayMs(4, policy, () => r)));
    expect(delays.size).toBe(5);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(4000);
  });
});
