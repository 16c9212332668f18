/** What the phone says about its microphone as devices come and go and the permission changes. */
import { describe, expect, it } from 'vitest';
import type { MicrophoneStatus } from '../../../src-common/call';
import { watchMicrophone } from '../../../src-phone/audio/microphone-watch';

class FakePermission extends EventTarget {
  constructor(public state: PermissionState) {
    super();
  }
  set(state: PermissionState): void {
    this.state = state;
    this.dispatchEvent(new Event('change'));
  }
}

class FakeDevices extends EventTarget {
  constructor(public kinds: MediaDeviceKind[]) {
    super();
  }
  enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return Promise.resolve(this.kinds.map((kind, i) => ({ kind, deviceId: `d${i}`, groupId: '', label: '', toJSON: () => ({}) })));
  }
  plug(kinds: MediaDeviceKind[]): void {
    this.kinds = kinds;
    this.dispatchEvent(new Event('devicechange'));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function watch(devices: FakeDevices, permission: FakePermission | null) {
  const seen: MicrophoneStatus[] = [];
  const errors: unknown[] = [];
  const stop = watchMicrophone(
    { mediaDevices: devices, permissions: { query: () => (permission ? Promise.resolve(permission as unknown as PermissionStatus) : Promise.reject(new TypeError('unknown permission'))) } },
    (status) => seen.push(status),
    (error) => errors.push(error),
  );
  return { seen, errors, stop };
}

describe('watchMicrophone', () => {
  it('says available, then no-device when the headset is pulled out, then available when it is back', async () => {
    const devices = new FakeDevices(['audioinput', 'audiooutput']);
    const { seen } = watch(devices, new FakePermission('prompt'));
    await settle();
    devices.plug(['audiooutput']);
    await settle();
    devices.plug(['audiooutput']);
    await settle();
    devices.plug(['audioinput', 'audiooutput']);
    await settle();
    expect(seen).toEqual(['available', 'no-device', 'available']);
  });

  it('says permission-denied when the browser refuses the microphone, even with one plugged in', async () => {
    const permission = new FakePermission('granted');
    const { seen } = watch(new FakeDevices(['audioinput']), permission);
    await settle();
    permission.set('denied');
    await settle();
    permission.set('granted');
    await settle();
    expect(seen).toEqual(['available', 'permission-denied', 'available']);
  });

  it('decides by the devices alone where the permission cannot be asked, and is silent once stopped', async () => {
    const devices = new FakeDevices([]);
    const { seen, stop } = watch(devices, null);
    await settle();
    stop();
    devices.plug(['audioinput']);
    await settle();
    expect(seen).toEqual(['no-device']);
  });

  it('reports a failed listing instead of guessing', async () => {
    const devices = new FakeDevices(['audioinput']);
    devices.enumerateDevices = () => Promise.reject(new Error('NotAllowedError'));
    const { seen, errors } = watch(devices, new FakePermission('granted'));
    await settle();
    expect(seen).toEqual([]);
    expect(String(errors[0])).toContain('NotAllowedError');
  });
});
