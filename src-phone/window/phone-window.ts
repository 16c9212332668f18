/**
 * Entry of the hidden phone window (dist/renderer/phone.html + phone.js, Electron only): runs the
 * phone engine through the page host and serves it to main over the phone preload's bridge. The
 * window is never shown and outlives any reload of the agent window.
 */
import type { PhoneWindowApi } from '../../src-common/ipc';
import { RingBufferPhoneLogger } from '../engine/phone-logger';
import { createPagePhoneHost } from '../host/page-phone-host';
import { servePhoneHost } from './serve-phone-host';

declare global {
  interface Window {
    centralitaPhoneWindow?: PhoneWindowApi;
  }
}

const api = window.centralitaPhoneWindow;
if (api) {
  const host = createPagePhoneHost(window, new RingBufferPhoneLogger());
  servePhoneHost(host, api);
  // Leaving (quit, reload) unregisters cleanly instead of letting the registration expire.
  window.addEventListener('pagehide', () => void host.stop());
}
