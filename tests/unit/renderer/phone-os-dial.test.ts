import { describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../../src-common/ipc';
import { dialOsRequests } from '../../../src-renderer/phone/os-dial-requests';
import type { PhoneController } from '../../../src-renderer/phone/phone-controller';
import { createAppStore } from '../../../src-renderer/store/app-store';

/** Only the 'dial' event of the desktop API matters here: the OS hands a link to main, main to us. */
function osLinks() {
  const listeners: Array<(payload: { target: string }) => void> = [];
  const api = {
    on: (name: string, listener: (payload: { target: string }) => void) => {
      if (name === 'dial') listeners.push(listener);
      return () => undefined;
    },
  } as unknown as DesktopApi;
  return { api, send: (target: string) => listeners.forEach((l) => l({ target })) };
}

function recordingPhone(dialled: string[]): PhoneController {
  return { dial: async (target: string) => void dialled.push(target) } as unknown as PhoneController;
}

const registered = { type: 'registration', transport: 'connected', registration: 'registered', message: null } as const;

describe('tel:/sip: links from the OS (Electron)', () => {
  it('dials at once when the phone is registered, and ignores a malformed link', () => {
    const store = createAppStore();
    store.getState().applyPhoneEvent(registered);
    const { api, send } = osLinks();
    const dialled: string[] = [];
    const stop = dialOsRequests(api, recordingPhone(dialled), store);
    send('tel:+34600100200');
    send('tel:<script>');
    expect(dialled).toEqual(['+34600100200']);
    stop();
  });

  it('keeps a link that arrives before sign-in and dials it once the phone registers', () => {
    const store = createAppStore();
    const { api, send } = osLinks();
    const dialled: string[] = [];
    const stop = dialOsRequests(api, recordingPhone(dialled), store);
    send('tel:+34600100200');
    expect(dialled).toEqual([]);
    store.getState().applyPhoneEvent(registered);
    store.getState().applyPhoneEvent({ ...registered });
    // Anything else that changes the store while registered dials nothing more.
    store.getState().setDialpadOpen(true);
    expect(dialled).toEqual(['+34600100200']);
    stop();
  });
});
