/** Sleep and frozen pages, told apart from a busy page by how far the clock jumped. */
import { describe, expect, it } from 'vitest';
import { THROTTLED_GAP_MS, WAKE_GAP_MS, WAKE_TICK_MS, watchForWake } from '../../../src-phone/host/wake-watch';

function fakeClock() {
  let now = 1_000_000;
  let tick: (() => void) | null = null;
  const page = { hidden: false };
  return {
    page,
    clock: { now: () => now, setInterval: (run: () => void) => ((tick = run), 1), clearInterval: () => (tick = null), isHidden: () => page.hidden },
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

  it('takes a background tab\'s once-a-minute timers for throttling, not sleep, but a longer gap still for sleep', () => {
    const { clock, advance, page } = fakeClock();
    const wakes: number[] = [];
    watchForWake(clock, (gap) => wakes.push(gap));
    page.hidden = true;
    advance(WAKE_TICK_MS + 58_000);
    advance(WAKE_TICK_MS + THROTTLED_GAP_MS);
    expect(wakes).toEqual([]);
    advance(WAKE_TICK_MS + 20 * 60_000);
    expect(wakes).toEqual([20 * 60_000]);
    // The same minute-long gap in a visible page cannot be throttling: it is a frozen or sleeping machine.
    page.hidden = false;
    advance(WAKE_TICK_MS + 58_000);
    expect(wakes).toEqual([20 * 60_000, 58_000]);
  });
});
