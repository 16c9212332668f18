/** The phone's audio follows the devices: a headset pulled out mid-call and plugged back in. */
import { describe, expect, it } from 'vitest';
import type { DeviceFallback } from '../../../src-common/phone-contract';
import { DEFAULT_SETTINGS } from '../../../src-common/settings';
import type { ListedDevice } from '../../../src-phone/audio/device-fallback';
import { AudioRouting } from '../../../src-phone/host/audio-routing';

function routing() {
  const log: string[] = [];
  const notices: DeviceFallback[] = [];
  const output = (name: string, refuse = '') => ({
    setSpeaker: async (deviceId: string) => {
      log.push(`${name} → ${deviceId || 'default'}`);
      return deviceId !== refuse;
    },
  });
  const audio = new AudioRouting({
    calls: output('calls', 'broken-out'),
    tones: output('tones'),
    ringer: output('ringer'),
    switchMicrophone: async () => void log.push(`microphone → ${audio.inUse.microphoneId || 'default'}`),
    onFallback: (fallback) => void notices.push(fallback),
  });
  return { audio, log, notices };
}

const { ringtone, ringerVolume } = DEFAULT_SETTINGS;
const headset = { microphoneId: 'headset-mic', speakerId: 'headset-out', ringerId: 'laptop-speaker', ringtone, ringerVolume };
const laptop: ListedDevice[] = [
  { kind: 'audioinput', deviceId: 'default' },
  { kind: 'audiooutput', deviceId: 'default' },
  { kind: 'audiooutput', deviceId: 'laptop-speaker' },
];
const withHeadset: ListedDevice[] = [...laptop, { kind: 'audioinput', deviceId: 'headset-mic' }, { kind: 'audiooutput', deviceId: 'headset-out' }];

describe('AudioRouting', () => {
  it('moves the microphone and call audio to the default when the headset goes, tells once, and moves back when it returns', async () => {
    const { audio, log, notices } = routing();
    await audio.choose(headset);
    await audio.devicesChanged(withHeadset);
    expect(log).toEqual(['calls → headset-out', 'tones → headset-out', 'ringer → laptop-speaker']);
    log.length = 0;

    await audio.devicesChanged(laptop);
    await audio.devicesChanged(laptop);
    expect(log).toEqual(['calls → default', 'tones → default', 'microphone → default']);
    expect(notices).toEqual([{ microphone: true, speaker: true }]);
    log.length = 0;

    await audio.devicesChanged(withHeadset);
    expect(log).toEqual(['calls → headset-out', 'tones → headset-out', 'microphone → headset-mic']);
    expect(notices).toEqual([{ microphone: true, speaker: true }, { microphone: false, speaker: false }]);
  });

  it('a burst of changes (a loose plug) settles on the last one without switching back and forth', async () => {
    const { audio, log, notices } = routing();
    await audio.choose(headset);
    await audio.devicesChanged(withHeadset);
    log.length = 0;
    await Promise.all([audio.devicesChanged(laptop), audio.devicesChanged(withHeadset), audio.devicesChanged(laptop)]);
    expect(log).toEqual(['calls → default', 'tones → default', 'microphone → default']);
    expect(notices).toEqual([{ microphone: true, speaker: true }]);
  });

  it('says when the chosen call speaker could not be used, and leaves the ringer alone when only the speaker changes', async () => {
    const { audio, log } = routing();
    await audio.choose(headset);
    log.length = 0;
    expect(await audio.choose({ ...headset, speakerId: 'broken-out' })).toBe(false);
    expect(log).toEqual(['calls → broken-out', 'tones → broken-out']);
  });

  it('forgets the devices when the phone stops watching: the notice goes', async () => {
    const { audio, notices } = routing();
    await audio.choose(headset);
    await audio.devicesChanged(laptop);
    await audio.devicesChanged(null);
    expect(notices).toEqual([{ microphone: true, speaker: true }, { microphone: false, speaker: false }]);
  });

  it('places a ringtone test where that ringer choice would ring', async () => {
    const { audio } = routing();
    await audio.choose(headset);
    await audio.devicesChanged(withHeadset);
    expect(audio.ringerOutputFor({ ringerId: '', ringtone, ringerVolume })).toBe('headset-out');
    expect(audio.ringerOutputFor({ ringerId: 'default', ringtone, ringerVolume })).toBe('');
  });
});
