/**
 * Whether a call could be taken with a voice and heard: a microphone is plugged in and the page
 * may use it, and an output is plugged in. Checked when the phone starts and again whenever the
 * devices or the microphone permission change, so a headset pulled out or a permission refused
 * in the browser's settings takes the agent out of routing before a call is offered into
 * silence (the hub does it, after its grace period). Each report also carries the device list,
 * from which the host picks the devices in use (device-fallback.ts).
 *
 * Listing devices opens nothing: Chromium lists an input and an output (with empty ids and
 * labels) even before the permission was granted, so a first sign-in does not count as "no
 * microphone". Some browsers never list outputs (they let a page choose one only through a
 * prompt): the outputs are judged only once this page has seen one, so such a browser is never
 * told it has no speaker.
 */
import type { MicrophoneStatus, SpeakerStatus } from '../../src-common/phone-contract';
import type { ListedDevice } from './device-fallback';

export interface AudioDeviceWatchEnv {
  mediaDevices: Pick<MediaDevices, 'enumerateDevices' | 'addEventListener' | 'removeEventListener'>;
  /** Absent where the Permissions API is (the status then rests on the devices alone). */
  permissions?: Pick<Permissions, 'query'>;
}

export interface AudioDeviceReport {
  microphone: MicrophoneStatus;
  /** Null until an output was listed: this browser may not list outputs at all. */
  speaker: SpeakerStatus | null;
  devices: ListedDevice[];
}

/** Reports on start and whenever something in the report changed. */
export function watchAudioDevices(env: AudioDeviceWatchEnv, onReport: (report: AudioDeviceReport) => void, onError: (error: unknown) => void): () => void {
  let stopped = false;
  let last: string | null = null;
  let permission: PermissionStatus | null = null;
  let outputsListed = false;

  const check = async (): Promise<void> => {
    try {
      const denied = permission?.state === 'denied';
      const devices = (await env.mediaDevices.enumerateDevices()).map(({ kind, deviceId }) => ({ kind, deviceId }));
      const hasOutput = devices.some((d) => d.kind === 'audiooutput');
      outputsListed ||= hasOutput;
      const report: AudioDeviceReport = {
        microphone: denied ? 'permission-denied' : devices.some((d) => d.kind === 'audioinput') ? 'available' : 'no-device',
        speaker: hasOutput ? 'available' : outputsListed ? 'no-device' : null,
        devices,
      };
      const key = JSON.stringify(report);
      if (stopped || key === last) return;
      last = key;
      onReport(report);
    } catch (error) {
      onError(error);
    }
  };
  const recheck = (): void => void check();

  env.mediaDevices.addEventListener('devicechange', recheck);
  void (async () => {
    try {
      // 'microphone' is Chromium's name; a browser that does not know it throws, and devices decide.
      permission = (await env.permissions?.query({ name: 'microphone' as PermissionName })) ?? null;
      if (stopped) return;
      permission?.addEventListener('change', recheck);
    } catch {
      permission = null;
    }
    await check();
  })();

  return () => {
    stopped = true;
    env.mediaDevices.removeEventListener('devicechange', recheck);
    permission?.removeEventListener('change', recheck);
  };
}
