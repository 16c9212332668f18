/**
 * Preload of the agent window (sandboxed, context-isolated): exposes window.centralita, the
 * typed DesktopApi, and window.centralitaPhoneBridge, the phone relayed to the hidden phone
 * window, and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi } from './desktop-api';
import { createPhoneBridgeApi } from './phone-bridge-api';

contextBridge.exposeInMainWorld('centralita', createDesktopApi(ipcRenderer));
contextBridge.exposeInMainWorld('centralitaPhoneBridge', createPhoneBridgeApi(ipcRenderer));
