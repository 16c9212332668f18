/**
 * Whether a call could be answered with a voice: a microphone is plugged in and the page may use
 * it. Checked when the phone starts and again whenever the devices or the permission change, so
 * a headset pulled out or a permission refused in the browser's settings takes the agent out of
 * routing before a call is offered into silence (the hub does it, after its grace period).
 *
 * Listing devices opens nothing: Chromium lists an input (with an empty label) even before the
 * permission was granted, so a first sign-in does not count as "no microphone".
 */
import type { MicrophoneStatus } from '../../src-common/call';

export interface MicrophoneWatchEnv {
  mediaDevices: Pick<MediaDevices, 'enumerateDevices' | 'addEventListener' | 'removeEventListener'>;
  /** Absent where the Permissions API is (the status then rests on the devices alone). */
  permissions?: Pick<Permissions, 'query'>;
}

export function watchMicrophone(env: MicrophoneWatchEnv, onStatus: (status: MicrophoneStatus) => void, onError: (error: unknown) => void): () => void {
  let stopped = false;
  let last: MicrophoneStatus | null = null;
  let permission: PermissionStatus | null = null;

  const check = async (): Promise<void> => {
    try {
      const denied = permission?.state === 'denied';
      const devices = await env.mediaDevices.enumerateDevices();
      const status: MicrophoneStatus = denied ? 'permission-denied' : devices.some((d) => d.kind === 'audioinput') ? 'available' : 'no-device';
      if (stopped || status === last) return;
      last = status;
      onStatus(status);
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
