/**
 * Which transport carries the DesktopApi: Electron's preload (window.centralita) when present,
 * else the web host's bridge socket, whose secret comes from the page URL or this tab's storage.
 */
import type { DesktopApi } from '../../src-common/ipc';
import { createBridgeClient, type TransportStatus } from './bridge-client';
import { bridgeUrl, readBridgeSession } from './bridge-session';
import { withValidation } from './validating-api';

declare global {
  interface Window {
    centralita?: DesktopApi;
  }
}

export interface SelectedApi {
  api: DesktopApi;
  transport: 'electron' | 'web';
  /** Electron IPC cannot drop; the bridge can, and says so here. */
  onTransportStatus: (listener: (status: TransportStatus) => void) => () => void;
  initialStatus: TransportStatus;
}

export type ApiSelection = { ok: true; value: SelectedApi } | { ok: false; reason: 'no-secret' };

export function selectDesktopApi(win: Window): ApiSelection {
  if (win.centralita) {
    return { ok: true, value: { api: withValidation(win.centralita), transport: 'electron', onTransportStatus: () => () => undefined, initialStatus: 'open' } };
  }
  const session = readBridgeSession({
    location: win.location,
    history: win.history,
    storage: win.sessionStorage,
    randomId: () => win.crypto.randomUUID(),
  });
  if (!session) return { ok: false, reason: 'no-secret' };
  const client = createBridgeClient({ url: bridgeUrl(win.location.href, session) });
  return { ok: true, value: { api: client, transport: 'web', onTransportStatus: (l) => client.onStatus(l), initialStatus: client.status } };
}
