/**
 * WebHID in the shell: the agent window's page may use telephony headsets (for their call
 * buttons and lights) and nothing else a HID bus carries: keyboards, security keys and vendor
 * devices stay out of reach. Electron offers no chooser of its own, so when the page asks
 * (`navigator.hid.requestDevice`, from the agent's click on "Connect headset") main answers with
 * the headset itself, and the device check grants telephony headsets already plugged in, so the
 * page finds the headset again after a restart (Electron keeps choices in memory only).
 */
import { hasTelephonyCollection } from '../../src-common/headset/hid-collections';
import { isAppUrl } from './app-origin';

/** What main sees of a HID device offered or checked (Electron's `HIDDevice`). */
export interface HidDeviceFacts {
  readonly deviceId: string;
  readonly collections: readonly { readonly usagePage?: number }[];
}

/** The frame that asks, compared by frame-tree id: Electron may hand out different wrappers for one frame. */
export interface FrameFacts {
  readonly url: string;
  readonly isTopFrame: boolean;
  readonly frameTreeNodeId: number;
}

/** The agent window's top frame showing our page. */
export function isAgentPage(frame: FrameFacts | null, agentMainFrameId: number | null): boolean {
  return frame !== null && agentMainFrameId !== null && frame.isTopFrame && frame.frameTreeNodeId === agentMainFrameId && isAppUrl(frame.url);
}

/** The device check (`setDevicePermissionHandler`): telephony headsets, for our origin, nothing else. */
export function isHeadsetGrant(details: { readonly deviceType: string; readonly origin: string; readonly device: unknown }): boolean {
  if (details.deviceType !== 'hid' || !isAppUrl(details.origin)) return false;
  const device = details.device;
  if (typeof device !== 'object' || device === null || !('collections' in device) || !Array.isArray(device.collections)) return false;
  return hasTelephonyCollection(device.collections as readonly { readonly usagePage?: number }[]);
}

/**
 * The answer to `select-hid-device`: the first telephony headset on offer (the page's filter asks
 * for telephony devices; the list is checked again here), only to the agent page; null = none.
 */
export function chooseHeadset(deviceList: readonly HidDeviceFacts[], fromAgentPage: boolean): string | null {
  if (!fromAgentPage) return null;
  return deviceList.find((device) => hasTelephonyCollection(device.collections))?.deviceId ?? null;
}
