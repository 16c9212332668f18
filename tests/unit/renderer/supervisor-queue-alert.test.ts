import { describe, expect, it } from 'vitest';
import { isAlert, longestWaitSeconds, newlyAlerting, queueAlert } from '../../../src-common/queue-alert';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const calm = { oldestSince: null, maxWaitSeconds: 60, serviceLevel: 0.9, serviceLevelTarget: 0.8 };

describe('queue tile alert', () => {
  it('stays calm while waits are short and the service level meets its goal', () => {
    expect(isAlert(queueAlert({ ...calm, oldestSince: '2026-03-02T09:59:30Z' }, NOW))).toBe(false);
  });

  it('turns red once the longest wait runs past the acceptable wait, without a new dashboard', () => {
    const queue = { ...calm, oldestSince: '2026-03-02T09:59:00Z' };
    expect(queueAlert(queue, NOW)).toEqual({ overWait: false, belowTarget: false });
    expect(queueAlert(queue, NOW + 1000)).toEqual({ overWait: true, belowTarget: false });
  });

  it('turns red when the service level falls below the goal, and not when there is none yet', () => {
    expect(queueAlert({ ...calm, serviceLevel: 0.79 }, NOW).belowTarget).toBe(true);
    expect(queueAlert({ ...calm, serviceLevel: 0.8 }, NOW).belowTarget).toBe(false);
    expect(queueAlert({ ...calm, serviceLevel: null }, NOW).belowTarget).toBe(false);
  });

  it('counts no wait when nobody waits or the hub time is unreadable, and never a negative one', () => {
    expect(longestWaitSeconds(null, NOW)).toBe(0);
    expect(longestWaitSeconds('not a date', NOW)).toBe(0);
    expect(longestWaitSeconds('2026-03-02T10:00:05Z', NOW)).toBe(0);
    expect(longestWaitSeconds('2026-03-02T09:58:30Z', NOW)).toBe(90);
  });

  it('announces a queue once when it turns red, not again while it stays red, and again after it recovered', () => {
    expect(newlyAlerting(new Set(), new Set(['ventas']))).toEqual(['ventas']);
    expect(newlyAlerting(new Set(['ventas']), new Set(['ventas']))).toEqual([]);
    expect(newlyAlerting(new Set(['ventas']), new Set(['ventas', 'soporte']))).toEqual(['soporte']);
    expect(newlyAlerting(new Set([]), new Set(['ventas']))).toEqual(['ventas']);
  });
});
