/**
 * Unplugging a headset in Chromium, as honestly as this machine allows. Chromium's fake devices
 * (--use-fake-device-for-media-stream: a default input and output plus "Fake Audio Input 1/2"
 * and "Fake Audio Output 1/2") are real capture and render devices to the page, but they cannot
 * be removed at run time. So this init script, installed in the agent's page, can hide chosen
 * devices, and does nothing until a test asks it to:
 *
 * - simulated: a hidden device is missing from enumerateDevices, asking for it by exact id fails
 *   as for an unplugged device (getUserMedia: OverconstrainedError; setSinkId: NotFoundError),
 *   and a `devicechange` event is dispatched when devices are hidden or shown again. A real
 *   unplug would also end the tracks already open on that device; here they keep running.
 * - real: everything the phone does in answer. It reads the list through enumerateDevices,
 *   opens the default microphone with Chromium's getUserMedia, swaps the call's sending track
 *   with RTCRtpSender.replaceTrack and re-routes audio with HTMLMediaElement.setSinkId.
 *
 * The script also keeps a list of the page's RTCPeerConnections (a subclass that only records
 * them), so a test can read which device the call's sending track comes from.
 */
import type { Page } from 'playwright-core';

interface DeviceSwitch {
  hide(ids: string[]): void;
  showAll(): void;
  peerConnections: RTCPeerConnection[];
}

declare global {
  interface Window {
    testDevices?: DeviceSwitch;
  }
}

function installUnpluggableDevices(): void {
  const media = navigator.mediaDevices;
  const hidden = new Set<string>();
  const enumerate = media.enumerateDevices.bind(media);
  const getUserMedia = media.getUserMedia.bind(media);
  const setSinkId = HTMLMediaElement.prototype.setSinkId;
  media.enumerateDevices = async () => (await enumerate()).filter((device) => !hidden.has(device.deviceId));
  media.getUserMedia = async (constraints) => {
    const audio = constraints?.audio;
    const wanted = typeof audio === 'object' && audio.deviceId !== undefined && typeof audio.deviceId === 'object' && !Array.isArray(audio.deviceId) ? audio.deviceId.exact : undefined;
    if (typeof wanted === 'string' && hidden.has(wanted)) throw new OverconstrainedError('deviceId', 'The requested device is not plugged in.');
    return getUserMedia(constraints);
  };
  HTMLMediaElement.prototype.setSinkId = function (this: HTMLMediaElement, sinkId: string) {
    if (hidden.has(sinkId)) return Promise.reject(new DOMException('The requested device is not plugged in.', 'NotFoundError'));
    return setSinkId.call(this, sinkId);
  };
  const peerConnections: RTCPeerConnection[] = [];
  const Recorded = class extends RTCPeerConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      peerConnections.push(this);
    }
  };
  window.RTCPeerConnection = Recorded;
  window.testDevices = {
    hide(ids) {
      for (const id of ids) hidden.add(id);
      media.dispatchEvent(new Event('devicechange'));
    },
    showAll() {
      hidden.clear();
      media.dispatchEvent(new Event('devicechange'));
    },
    peerConnections,
  };
}

export async function installDeviceSwitch(page: Page): Promise<void> {
  await page.addInitScript(installUnpluggableDevices);
}

/** The id of each device by its label, as the page lists them now (fake devices have fixed labels). */
export function deviceIds(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => Object.fromEntries((await navigator.mediaDevices.enumerateDevices()).map((d) => [`${d.kind}:${d.label}`, d.deviceId])));
}

export const unplug = (page: Page, ids: string[]): Promise<void> => page.evaluate((list) => window.testDevices?.hide(list), ids);
export const plugBackAll = (page: Page): Promise<void> => page.evaluate(() => window.testDevices?.showAll());

/** The device the live call's microphone track was opened on (its settings' deviceId), or null. */
export function sendingMicrophone(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    for (const pc of window.testDevices?.peerConnections ?? []) {
      if (pc.connectionState === 'closed') continue;
      const track = pc.getSenders().find((sender) => sender.track?.kind === 'audio')?.track;
      if (track && track.readyState === 'live') return track.getSettings().deviceId ?? null;
    }
    return null;
  });
}
