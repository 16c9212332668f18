import { describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../../src-common/ipc';
import { dialOsRequests } from '../../../src-renderer/phone/os-dial-requests';
import type { PhoneController } from '../../../src-renderer/phone/phone-controller';
import { INITIAL_REGISTRATION } from '../../../src-common/phone-host';
import { usePhoneStore } from '../../../src-renderer/phone/phone-store';

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

const registered = { transport: 'connected', registration: 'registered', message: null } as const;

describe('tel:/sip: links from the OS (Electron)', () => {
  it('dials at once when the phone is registered, and ignores a malformed link', () => {
    usePhoneStore.setState({ registration: registered });
    const { api, send } = osLinks();
    const dialled: string[] = [];
    const stop = dialOsRequests(api, recordingPhone(dialled), usePhoneStore);
    send('tel:+34600100200');
    send('tel:<script>');
    expect(dialled).toEqual(['+34600100200']);
    stop();
  });

  it('keeps a link that arrives before sign-in and dials it once the phone registers', () => {
    usePhoneStore.setState({ registration: INITIAL_REGISTRATION });
    const { api, send } = osLinks();
    const dialled: string[] = [];
    const stop = dialOsRequests(api, recordingPhone(dialled), usePhoneStore);
    send('tel:+34600100200');
    expect(dialled).toEqual([]);
    usePhoneStore.setState({ registration: registered });
    usePhoneStore.setState({ registration: { ...registered } });
    expect(dialled).toEqual(['+34600100200']);
    stop();
  });
});
