/**
 * Which PhoneHost this window uses, chosen the way select-desktop-api.ts picks the DesktopApi:
 * in Electron the phone lives in main's hidden phone window and the preload exposes a bridge to it
 * (`window.centralitaPhoneBridge`, wrapped by ipc-phone-host.ts); in web mode the engine runs in
 * this page (src-phone/host/page-phone-host.ts), logging into this window's log.
 */
import type { PhoneHost } from '../../src-common/phone-host';
import type { PhoneLogger } from '../../src-phone/engine/phone-logger';
import { createPagePhoneHost } from '../../src-phone/host/page-phone-host';
import { log } from '../log';
import { createIpcPhoneHost } from './ipc-phone-host';

const pageLogger: PhoneLogger = {
  log: (level, message, fields) => log[level](`phone: ${message}`, fields),
};

/** null: Electron without a phone bridge (the UI says the phone is not available). */
export function selectPhoneHost(win: Window, transport: 'electron' | 'web'): PhoneHost | null {
  if (transport === 'electron') return win.centralitaPhoneBridge ? createIpcPhoneHost(win.centralitaPhoneBridge) : null;
  return createPagePhoneHost(win, pageLogger);
}
