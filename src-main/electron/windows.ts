/**
 * The two windows main owns: the agent window (the renderer) and the hidden phone window. The
 * phone window belongs to main, not to the agent window, so reloading or crashing the UI never
 * touches a call.
 */
import { BrowserWindow } from 'electron';
import { MAIN_PAGE_URL, PHONE_PAGE_URL } from './app-origin';
import type { Logger } from 'pino';
import type { Settings } from '../../src-common/settings';
import { mainWindowOptions, phoneWindowOptions, WEBRTC_IP_HANDLING } from './window-options';

export function createMainWindow(preloadPath: string, log: Logger): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error({ reason: details.reason, exitCode: details.exitCode }, 'agent window renderer gone; reloading');
    if (!window.isDestroyed()) window.loadURL(MAIN_PAGE_URL).catch((cause: unknown) => log.error({ err: cause }, 'reload failed'));
  });
  window.loadURL(MAIN_PAGE_URL).catch((cause: unknown) => log.error({ err: cause }, 'agent window failed to load'));
  return window;
}

export function createPhoneWindow(preloadPath: string | null, voiceInterfaces: Settings['voiceInterfaces'], log: Logger): BrowserWindow {
  const window = new BrowserWindow(phoneWindowOptions(preloadPath));
  window.webContents.setWebRTCIPHandlingPolicy(WEBRTC_IP_HANDLING[voiceInterfaces]);
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error({ reason: details.reason, exitCode: details.exitCode }, 'phone window renderer gone; reloading');
    // The phone must come back by itself: the agent window asks it to start again on its next load.
    if (!window.isDestroyed()) window.loadURL(PHONE_PAGE_URL).catch((cause: unknown) => log.error({ err: cause }, 'phone reload failed'));
  });
  window.loadURL(PHONE_PAGE_URL).catch((cause: unknown) => log.error({ err: cause }, 'phone window failed to load'));
  return window;
}

/** Brings the agent window to the front, restoring it from the taskbar or tray. */
export function revealWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
