/**
 * Window options in one place so the Electron security checklist is visible and tested:
 * isolated, sandboxed, no Node in any page, web security on, no webviews.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { Settings } from '../../src-common/settings';

const LOCKED_WEB_PREFERENCES: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
};

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Centralita',
    // Shown on ready-to-show so the agent never sees an empty white frame.
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: { ...LOCKED_WEB_PREFERENCES, preload: preloadPath, spellcheck: true },
  };
}

/**
 * Which addresses the phone's WebRTC gathers on, by the voiceInterfaces setting. For the default
 * route Chromium gathers from one socket bound to the any-address, announcing the default
 * route's address, instead of one socket per interface address. When a home network hands the
 * laptop a new address mid-call, that socket keeps working: its packets leave from the new
 * address as soon as the route is back, and the far end learns it from them. Per-interface
 * sockets ("all") die with their address, and new ones wait for Chromium's network-change
 * debounce (up to a few seconds on Linux).
 */
export const WEBRTC_IP_HANDLING = {
  'default-route': 'default_public_and_private_interfaces',
  all: 'default',
} as const satisfies Record<Settings['voiceInterfaces'], string>;

/**
 * The phone window is never shown: it owns the SIP stack and media so a reload of the agent UI
 * never drops a call. Throttling would delay SIP timers and audio while it sits in the background.
 */
export function phoneWindowOptions(preloadPath: string | null): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 400,
    height: 300,
    title: 'Centralita phone',
    skipTaskbar: true,
    webPreferences: {
      ...LOCKED_WEB_PREFERENCES,
      ...(preloadPath ? { preload: preloadPath } : {}),
      backgroundThrottling: false,
      // Ringtones must play although nobody clicked inside the hidden window.
      autoplayPolicy: 'no-user-gesture-required',
      spellcheck: false,
    },
  };
}
