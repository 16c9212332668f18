/** What the phone says about its microphone and outputs as devices come and go and the permission changes. */
import { describe, expect, it } from 'vitest';
import { watchAudioDevices, type AudioDeviceReport } from '../../../src-phone/audio/audio-device-watch';

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
    return Promise.resolve(this.kinds.map((kind) => ({ kind, deviceId: `${kind}-1`, groupId: '', label: '', toJSON: () => ({}) })));
  }
  plug(kinds: MediaDeviceKind[]): void {
    this.kinds = kinds;
    this.dispatchEvent(new Event('devicechange'));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function watch(devices: FakeDevices, permission: FakePermission | null) {
  const reports: AudioDeviceReport[] = [];
  const errors: unknown[] = [];
  const stop = watchAudioDevices(
    { mediaDevices: devices, permissions: { query: () => (permission ? Promise.resolve(permission as unknown as PermissionStatus) : Promise.reject(new TypeError('unknown permission'))) } },
    (report) => reports.push(report),
    (error) => errors.push(error),
  );
  return { reports, microphone: () => reports.map((r) => r.microphone), speaker: () => reports.map((r) => r.speaker), errors, stop };
}

describe('watchAudioDevices', () => {
  it('says available, then no-device when the headset is pulled out, then available when it is back', async () => {
    const devices = new FakeDevices(['audioinput', 'audiooutput']);
    const { microphone, reports } = watch(devices, new FakePermission('prompt'));
    await settle();
    devices.plug(['audiooutput']);
    await settle();
    devices.plug(['audiooutput']);
    await settle();
    devices.plug(['audioinput', 'audiooutput']);
    await settle();
    expect(microphone()).toEqual(['available', 'no-device', 'available']);
    expect(reports[1]?.devices).toEqual([{ kind: 'audiooutput', deviceId: 'audiooutput-1' }]);
  });

  it('says permission-denied when the browser refuses the microphone, even with one plugged in', async () => {
    const permission = new FakePermission('granted');
    const { microphone } = watch(new FakeDevices(['audioinput']), permission);
    await settle();
    permission.set('denied');
    await settle();
    permission.set('granted');
    await settle();
    expect(microphone()).toEqual(['available', 'permission-denied', 'available']);
  });

  it('says no speaker when the last output goes away, and available when one is back', async () => {
    const devices = new FakeDevices(['audioinput', 'audiooutput']);
    const { speaker } = watch(devices, new FakePermission('granted'));
    await settle();
    devices.plug(['audioinput']);
    await settle();
    devices.plug(['audioinput', 'audiooutput']);
    await settle();
    expect(speaker()).toEqual(['available', 'no-device', 'available']);
  });

  it('never says no speaker in a browser that has not listed an output (it may never list them)', async () => {
    const devices = new FakeDevices(['audioinput']);
    const { speaker } = watch(devices, new FakePermission('granted'));
    await settle();
    devices.plug(['audioinput', 'videoinput']);
    await settle();
    expect(speaker()).toEqual([null, null]);
  });

  it('decides by the devices alone where the permission cannot be asked, and is silent once stopped', async () => {
    const devices = new FakeDevices([]);
    const { microphone, stop } = watch(devices, null);
    await settle();
    stop();
    devices.plug(['audioinput']);
    await settle();
    expect(microphone()).toEqual(['no-device']);
  });

  it('reports a failed listing instead of guessing', async () => {
    const devices = new FakeDevices(['audioinput']);
    devices.enumerateDevices = () => Promise.reject(new Error('NotAllowedError'));
    const { reports, errors } = watch(devices, new FakePermission('granted'));
    await settle();
    expect(reports).toEqual([]);
    expect(String(errors[0])).toContain('NotAllowedError');
  });
});
