/**
 * Which web permissions our pages get. Everything is denied except microphone access for the
 * hidden phone window on our own origin, and WebHID for the agent window (headset call buttons;
 * which devices it may open is decided in hid-permissions.ts): the agent UI never needs the
 * camera, location, notifications (main shows those natively) or any other device API.
 * The phone window may also reach the local network and this machine: its SIP server is usually
 * on the company's network, or the embedded hub's lab proxy on loopback, and Chromium's Local
 * Network Access asks before a page opens such a connection (there is nobody to click "Allow").
 */
import { isAppUrl } from './app-origin';

export interface PermissionQuery {
  permission: string;
  /** True when asked by the phone window's webContents. */
  fromPhoneWindow: boolean;
  /** True when asked by the agent window's webContents. */
  fromAgentWindow?: boolean;
  /** URL (or origin) of the page that asks. */
  requestingUrl: string;
  /** For 'media': what is asked for; empty or absent for a check without capture. */
  mediaTypes?: readonly string[];
}

const LOCAL_NETWORK_PERMISSIONS: ReadonlySet<string> = new Set(['local-network-access', 'local-network', 'loopback-network']);

export function isPermissionGranted(query: PermissionQuery): boolean {
  if (LOCAL_NETWORK_PERMISSIONS.has(query.permission)) return query.fromPhoneWindow && isAppUrl(query.requestingUrl);
  if (query.permission === 'hid') return query.fromAgentWindow === true && isAppUrl(query.requestingUrl);
  if (query.permission !== 'media' || !query.fromPhoneWindow) return false;
  if (!isAppUrl(query.requestingUrl)) return false;
  return (query.mediaTypes ?? []).every((type) => type === 'audio');
}
