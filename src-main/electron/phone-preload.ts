/**
 * Preload of the hidden phone window (sandboxed, context-isolated): exposes
 * window.centralitaPhoneWindow, the phone relay's page side, and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPhoneWindowApi } from './phone-window-api';

contextBridge.exposeInMainWorld('centralitaPhoneWindow', createPhoneWindowApi(ipcRenderer));
