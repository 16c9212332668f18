import { describe, expect, it } from 'vitest';
import { formatDuration, msSince, secondsUntil } from '../../../src-renderer/format/durations';

describe('durations', () => {
  it('formats minutes and hours the way a wallboard does', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5_000)).toBe('0:00');
  });

  it('counts down on the hub clock, not the local one', () => {
    const local = Date.parse('2026-01-01T10:00:00Z');
    // The hub is 3 s ahead: a deadline 20 s away on the hub is 17 s away from here.
    expect(secondsUntil('2026-01-01T10:00:20Z', local, 3_000)).toBe(17);
    expect(secondsUntil('2026-01-01T09:59:00Z', local, 0)).toBe(0);
    expect(msSince('2026-01-01T09:59:00Z', local, 3_000)).toBe(63_000);
  });
});
