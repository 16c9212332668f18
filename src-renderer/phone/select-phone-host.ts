/**
 * Which PhoneHost this window uses, chosen the way select-desktop-api.ts picks the DesktopApi:
 * in Electron the phone lives in main's hidden phone window and the preload exposes a bridge to it
 * (`window.centralitaPhoneBridge`, wrapped by ipc-phone-host.ts); in web mode the engine runs in
 * this page.
 */
import { createIpcPhoneHost } from './ipc-phone-host';
import type { PhoneHost } from './phone-host';
import { createPagePhoneHost } from './page-phone-host';

/** null: Electron without a phone bridge (the UI says the phone is not available). */
export function selectPhoneHost(win: Window, transport: 'electron' | 'web'): PhoneHost | null {
  if (transport === 'electron') return win.centralitaPhoneBridge ? createIpcPhoneHost(win.centralitaPhoneBridge) : null;
  return createPagePhoneHost(win);
}
