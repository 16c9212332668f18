/**
 * Tells main whether this window's phone can take a call: registered, with a microphone it may
 * use and an output to hear the caller on. The hub then takes a Ready agent whose phone cannot ring, or could only answer into
 * silence, out of routing (and says why) instead of offering calls nobody hears, and puts them
 * back when it can again. Sent when it changes and again when the transport to main comes back
 * (main may have restarted).
 */
import type { DesktopApi } from '../../src-common/ipc';
import type { AppStore } from '../store/app-store';
import { log } from '../log';

export interface PhoneReadiness {
  /** null: this agent has no phone; otherwise whether it can ring now. */
  registered: boolean | null;
  /** null: no phone, or it has not looked yet. */
  microphone: boolean | null;
  /** null: no phone, or it cannot tell (a browser that never lists outputs). */
  speaker: boolean | null;
}

export function phoneReadiness(state: ReturnType<AppStore['getState']>): PhoneReadiness {
  if (!state.phone.provisioned) return { registered: null, microphone: null, speaker: null };
  const { microphone, speaker } = state.phone;
  return {
    registered: state.phone.registration.registration === 'registered',
    microphone: microphone === null ? null : microphone === 'available',
    speaker: speaker === null ? null : speaker === 'available',
  };
}

export function reportPhoneReadiness(api: DesktopApi, store: AppStore, onTransportOpen: (listener: () => void) => void): void {
  let last: PhoneReadiness | undefined;
  const same = (a: PhoneReadiness, b: PhoneReadiness | undefined): boolean => a.registered === b?.registered && a.microphone === b.microphone && a.speaker === b.speaker;
  const send = (readiness: PhoneReadiness): void => {
    last = readiness;
    void api.invoke('desktop.phoneReadiness', readiness).then((result) => {
      if (result.ok) return;
      last = undefined;
      log.warn("could not report the phone's readiness", result.error);
    });
  };
  store.subscribe((state) => {
    const readiness = phoneReadiness(state);
    if (!same(readiness, last)) send(readiness);
  });
  onTransportOpen(() => send(phoneReadiness(store.getState())));
}
