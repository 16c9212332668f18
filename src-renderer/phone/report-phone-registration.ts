/**
 * Tells main whether this window's phone is registered, so the hub can take a Ready agent whose
 * phone cannot ring out of routing (and say why) instead of offering calls nobody hears. Sent
 * when it changes and again when the transport to main comes back (main may have restarted).
 */
import type { DesktopApi } from '../../src-common/ipc';
import type { AppStore } from '../store/app-store';
import { log } from '../log';

/** null: this agent has no phone; otherwise whether it can ring now. */
export function phoneRegistered(state: ReturnType<AppStore['getState']>): boolean | null {
  if (!state.phone.provisioned) return null;
  return state.phone.registration.registration === 'registered';
}

export function reportPhoneRegistration(api: DesktopApi, store: AppStore, onTransportOpen: (listener: () => void) => void): void {
  let last: boolean | null | undefined;
  const send = (registered: boolean | null): void => {
    last = registered;
    void api.invoke('desktop.phoneRegistration', { registered }).then((result) => {
      if (result.ok) return;
      last = undefined;
      log.warn("could not report the phone's registration", result.error);
    });
  };
  store.subscribe((state) => {
    const registered = phoneRegistered(state);
    if (registered !== last) send(registered);
  });
  onTransportOpen(() => send(phoneRegistered(store.getState())));
}
