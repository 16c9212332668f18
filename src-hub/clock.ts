/**
 * Time as a dependency: routing deadlines (offer expiry, wrap-up) are computed from `now()`
 * and fired through `setTimer`, so tests drive time by hand instead of sleeping.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimer(delayMs: number, fire: () => void): TimerHandle;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(delayMs, fire) {
    // Node timers overflow above ~24.8 days; deadlines here are seconds to minutes.
    const handle = setTimeout(fire, Math.max(0, Math.min(delayMs, 2_000_000_000)));
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};

export const iso = (ms: number): string => new Date(ms).toISOString();
export const parseIso = (s: string): number => Date.parse(s);
