/** Sleep and frozen pages, told apart from a busy page by how far the clock jumped. */
import { describe, expect, it } from 'vitest';
import { WAKE_GAP_MS, WAKE_TICK_MS, watchForWake } from '../../../src-phone/host/wake-watch';

function fakeClock() {
  let now = 1_000_000;
  let tick: (() => void) | null = null;
  return {
    clock: { now: () => now, setInterval: (run: () => void) => ((tick = run), 1), clearInterval: () => (tick = null) },
    advance(ms: number) {
      now += ms;
      tick?.();
    },
  };
}

describe('watchForWake', () => {
  it('says nothing for ticks that are late by a busy page, and reports a sleep with its length', () => {
    const { clock, advance } = fakeClock();
    const wakes: number[] = [];
    const stop = watchForWake(clock, (gap) => wakes.push(gap));
    advance(WAKE_TICK_MS);
    advance(WAKE_TICK_MS + 3_000);
    expect(wakes).toEqual([]);
    advance(WAKE_TICK_MS + 10 * 60_000);
    expect(wakes).toEqual([10 * 60_000]);
    advance(WAKE_TICK_MS);
    expect(wakes).toHaveLength(1);
    stop();
    advance(WAKE_TICK_MS + WAKE_GAP_MS * 2);
    expect(wakes).toHaveLength(1);
  });
});
