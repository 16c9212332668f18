/**
 * Waiting on the store instead of polling: resolves with what `pick` finds in the state, checked
 * at once and then on every change, or with null once `deadline` (Date.now() ms) passes.
 */
import type { AppState } from './app-state';
import type { AppStore } from './app-store';

export function waitForState<T>(store: AppStore, pick: (state: AppState) => T | null, deadline: number): Promise<T | null> {
  const now = pick(store.getState());
  if (now !== null) return Promise.resolve(now);
  return new Promise((resolve) => {
    const finish = (found: T | null): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve(found);
    };
    const timer = setTimeout(() => finish(null), Math.max(0, deadline - Date.now()));
    const unsubscribe = store.subscribe((state) => {
      const found = pick(state);
      if (found !== null) finish(found);
    });
  });
}
