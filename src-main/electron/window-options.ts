/**
 * Window options in one place so the Electron security checklist is visible and tested:
 * isolated, sandboxed, no Node in any page, web security on, no webviews.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

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
