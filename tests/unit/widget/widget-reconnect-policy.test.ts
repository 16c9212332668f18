/** The widget's retry delays: short from the start, never above the cap plus jitter, spread by jitter. */
import { describe, expect, it } from 'vitest';
import { RECONNECT_CAP_MS, reconnectDelay } from '../../../src-widget/reconnect-policy';

describe('widget reconnect delays', () => {
  it('start at a quarter second and double up to the cap', () => {
    const middle = [0, 1, 2, 3, 4, 5, 6].map((attempt) => reconnectDelay(attempt, 0.5));
    expect(middle).toEqual([250, 500, 1000, 2000, 3000, 3000, 3000]);
  });

  it('never wait more than the cap plus 25 % however long the hub was away', () => {
    for (const attempt of [7, 20, 100, 10_000]) {
      expect(reconnectDelay(attempt, 0.999_999)).toBeLessThanOrEqual(RECONNECT_CAP_MS * 1.25);
      expect(reconnectDelay(attempt, 0)).toBeGreaterThanOrEqual(RECONNECT_CAP_MS * 0.75);
    }
  });

  it('spread widgets with jitter so a hub restart is not met by all at once', () => {
    expect(reconnectDelay(6, 0)).toBe(2250);
    expect(reconnectDelay(6, 0.999_999)).toBe(3750);
  });
});
