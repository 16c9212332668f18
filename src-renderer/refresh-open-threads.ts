/**
 * Open chat and email threads are read from the hub through main. Two things make what is on
 * screen stale: events sent while the window's link to main was down are not replayed to the
 * window, and a read attempted while the hub was away (right after a relaunch) failed. Either
 * way the threads are read again once the link in question is back.
 */
import type { TransportStatus } from './api/bridge-client';
import type { AppStore } from './store/app-store';

export interface RefreshableThreads {
  refreshOpen(): void;
}

export function refreshOpenThreadsOnReconnect(
  store: AppStore,
  onTransportStatus: (listener: (status: TransportStatus) => void) => () => void,
  readers: readonly RefreshableThreads[],
): void {
  const refresh = (): void => {
    for (const reader of readers) reader.refreshOpen();
  };
  onTransportStatus((status) => {
    if (status === 'open') refresh();
  });
  store.subscribe((state, previous) => {
    if (state.view?.status === 'online' && previous.view?.status !== 'online') refresh();
  });
}
