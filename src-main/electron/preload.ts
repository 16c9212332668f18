/**
 * Preload of the agent window (sandboxed, context-isolated): exposes window.centralita, the
 * typed DesktopApi, and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi } from './desktop-api';

contextBridge.exposeInMainWorld('centralita', createDesktopApi(ipcRenderer));
