/**
 * Notices that the machine slept, or that the page was frozen long enough for its timers to
 * stop: a timer that should tick every few seconds finds far more time has passed. Laptops that
 * sleep between calls are the usual cause of "the phone showed ready but never rang": the SIP
 * connection died or the server forgot the binding while the clock stood still.
 */
export interface WakeClock {
  now(): number;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Whether the page is hidden (a background tab): its timers may be throttled to once a minute. */
  isHidden?(): boolean;
}

export const WAKE_TICK_MS = 2_000;
/** More than this beyond a tick is not a busy page: it is sleep or a frozen tab. */
export const WAKE_GAP_MS = 15_000;

/**
 * A hidden tab's timers can run as rarely as once a minute (Chromium's intensive throttling): a
 * gap up to this long in a hidden page is that, not sleep. The connection is alive (its messages
 * are not throttled) and the registration is renewed early enough to outlast it
 * (registration-keeper.ts), so the phone is not torn down every minute for it.
 */
export const THROTTLED_GAP_MS = 75_000;

export function watchForWake(clock: WakeClock, onWake: (gapMs: number) => void): () => void {
  let last = clock.now();
  const handle = clock.setInterval(() => {
    const now = clock.now();
    const gap = now - last - WAKE_TICK_MS;
    last = now;
    const throttled = clock.isHidden?.() === true && gap <= THROTTLED_GAP_MS;
    if (gap > WAKE_GAP_MS && !throttled) onWake(gap);
  }, WAKE_TICK_MS);
  return () => clock.clearInterval(handle);
}
