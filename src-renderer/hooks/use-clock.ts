/**
 * One shared ticker for every countdown and timer on screen. Only components that read the
 * clock re-render on a tick; the ticker runs only while someone is subscribed.
 */
import { useSyncExternalStore } from 'react';

const TICK_MS = 250;
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Local wall-clock milliseconds, refreshed four times a second. */
export function useClock(): number {
  return useSyncExternalStore(subscribe, () => now);
}
