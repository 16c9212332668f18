/**
 * Wires main's pushed events into the store, and re-reads everything after the transport
 * comes back (events sent while the bridge was down are not replayed to the window; the view
 * is main's to own, so a fresh read is the truth).
 */
import type { DesktopApi } from '../src-common/ipc';
import type { TransportStatus } from './api/bridge-client';
import type { Intents } from './intents';
import type { AppStore } from './store/app-store';

export function connectStore(
  api: DesktopApi,
  store: AppStore,
  intents: Intents,
  onTransportStatus: (listener: (status: TransportStatus) => void) => () => void,
): () => void {
  const offs = [
    api.on('view', (change) => {
      // A change that does not fit what this window holds (it missed one): read the whole view.
      if (!store.getState().applyViewChange(change)) void intents.refresh();
    }),
    api.on('customer', (context) => store.getState().applyCustomer(context)),
    api.on('settings', (settings) => store.getState().applySettings(settings)),
    onTransportStatus((status) => {
      const previous = store.getState().transport;
      store.getState().setTransport(status);
      if (status === 'open' && previous !== 'open') void intents.refresh();
    }),
  ];
  void intents.refresh();
  return () => offs.forEach((off) => off());
}
