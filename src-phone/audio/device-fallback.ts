/**
 * Which audio devices the phone uses right now: the agent's choices, unless a chosen device is
 * not plugged in; then the system default stands in, and the agent is told, until it returns.
 * A headset pulled out mid-call must not leave the agent talking into nothing or the caller's
 * voice playing into a cable on the desk. Pure: the host feeds it the settings and every device
 * list it reads (src-phone/host/audio-routing.ts applies the answer).
 */
import type { DeviceFallback } from '../../src-common/phone-contract';
import type { AudioDeviceChoice } from '../../src-common/phone-host';
import { RINGER_FOLLOWS_SPEAKER, SYSTEM_DEFAULT_OUTPUT } from '../../src-common/settings';

/** A listed device, as enumerateDevices gives it. */
export interface ListedDevice {
  kind: MediaDeviceKind;
  deviceId: string;
}

/** Device ids to use now ('' = the system default), and which choices the default stands in for. */
export interface DevicesInUse {
  microphoneId: string;
  speakerId: string;
  /** Where the ringtone plays. */
  ringerId: string;
  fallback: DeviceFallback;
}

interface Resolved {
  deviceId: string;
  fellBack: boolean;
}

/**
 * `devices` null: not listed yet; the choice stands (opening a device that is gone still falls
 * back where it is opened).
 */
function resolve(kind: 'audioinput' | 'audiooutput', chosen: string, devices: readonly ListedDevice[] | null): Resolved {
  if (chosen === '' || devices === null) return { deviceId: chosen, fellBack: false };
  const ofKind = devices.filter((device) => device.kind === kind);
  // Before the microphone permission, browsers list one device per kind with no id: nothing can be told.
  if (ofKind.some((device) => device.deviceId === '' || device.deviceId === chosen)) return { deviceId: chosen, fellBack: false };
  // With nothing of this kind plugged in there is no default to stand in either: the readiness
  // watch reports that (no microphone, no speaker), not this notice.
  return { deviceId: '', fellBack: ofKind.length > 0 };
}

export function devicesInUse(choice: AudioDeviceChoice, devices: readonly ListedDevice[] | null): DevicesInUse {
  const microphone = resolve('audioinput', choice.microphoneId, devices);
  const speaker = resolve('audiooutput', choice.speakerId, devices);
  let ringerId: string;
  if (choice.ringerId === RINGER_FOLLOWS_SPEAKER) ringerId = speaker.deviceId;
  else if (choice.ringerId === SYSTEM_DEFAULT_OUTPUT) ringerId = '';
  // A separate ringer that went away rings on the default output: still heard, nothing to tell.
  else ringerId = resolve('audiooutput', choice.ringerId, devices).deviceId;
  return { microphoneId: microphone.deviceId, speakerId: speaker.deviceId, ringerId, fallback: { microphone: microphone.fellBack, speaker: speaker.fellBack } };
}
